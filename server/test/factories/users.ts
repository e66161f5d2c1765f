import type { DataSource } from 'typeorm';
import type { StaffRole } from '@sunboard/shared';
import { StaffRoleGrant } from '../../src/modules/users/staff-role.entity';
import { User } from '../../src/modules/users/user.entity';

let seq = 0;

export async function makeUser(db: DataSource, opts: { openid?: string; homeRegionId?: number | null; displayName?: string } = {}): Promise<User> {
  const repo = db.getRepository(User);
  return repo.save(
    repo.create({
      openid: opts.openid ?? `o_test_${process.pid}_${seq++}`,
      displayName: opts.displayName ?? '测试居民',
      homeRegionId: opts.homeRegionId ?? null,
      elderMode: false,
      unionid: null,
      lastSeenAt: null,
    }),
  );
}

export async function grantRole(db: DataSource, userId: number, role: StaffRole, regionId: number | null): Promise<StaffRoleGrant> {
  const repo = db.getRepository(StaffRoleGrant);
  return repo.save(repo.create({ userId, role, regionId, grantedBy: null, revokedAt: null }));
}
