import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull } from 'typeorm';
import { type CreateInviteInput, type InviteDto, type ListInvitesQuery, type Page, ROLE_LABELS, type UserDto } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/transaction';
import { Region } from '../regions/region.entity';
import { RegionsService } from '../regions/regions.service';
import { StaffRoleGrant } from '../users/staff-role.entity';
import { UsersService } from '../users/users.service';
import { generateInviteCode, hashInviteCode, INVITE_TTL_MS } from './invite-code';
import { scopeCondition } from './scope-sql';
import { StaffInvite } from './staff-invite.entity';
import { toInviteDto } from './staff.mapper';

const ADMIN = ['admin'] as const;

/**
 * One-time invitations to become staff: an admin creates one for a role over a region inside their
 * scope and passes the code on; whoever claims it first gets that grant. Only the code's SHA-256 is
 * stored, so the plain code is shown once.
 */
@Injectable()
export class InvitesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly regions: RegionsService,
    private readonly users: UsersService,
  ) {}

  async create(user: AuthUser, input: CreateInviteInput): Promise<InviteDto> {
    const region = await this.regions.get(input.regionId, 'regionId');
    assertCovers(user, region.path, ADMIN);
    const repo = this.db.getRepository(StaffInvite);
    for (let attempt = 0; ; attempt++) {
      const code = generateInviteCode();
      try {
        const { identifiers } = await repo.insert({
          codeHash: hashInviteCode(code),
          role: input.role,
          regionId: region.id,
          createdBy: user.id,
          expiresAt: new Date(Date.now() + INVITE_TTL_MS),
        });
        const invite = await repo.findOneByOrFail({ id: Number(identifiers[0].id) });
        return toInviteDto(invite, (await this.regions.ref(region.id))!, code);
      } catch (err) {
        // A hash collision on the unique index (≈ 2^-49 per code): draw again, a few times at most.
        if (attempt < 3 && /ER_DUP_ENTRY|SQLITE_CONSTRAINT_UNIQUE/.test((err as { code?: string }).code ?? '')) continue;
        throw err;
      }
    }
  }

  /** Invites for regions inside the caller's admin scope, newest first, without codes. */
  async list(user: AuthUser, query: ListInvitesQuery): Promise<Page<InviteDto>> {
    const qb = this.db
      .getRepository(StaffInvite)
      .createQueryBuilder('i')
      .innerJoin(Region, 'r', 'r.id = i.regionId')
      .orderBy('i.id', 'DESC')
      .limit(query.limit + 1);
    const scope = scopeCondition(user, ADMIN, 'r.path');
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (query.cursor) qb.andWhere('i.id < :before', { before: decodeCursor(query.cursor) });
    const rows = await qb.getMany();
    const page = rows.slice(0, query.limit);
    const refs = await this.regions.refs(page.map((i) => i.regionId));
    return {
      items: page.map((i) => toInviteDto(i, refs.get(i.regionId)!)),
      nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }

  /** Revokes an unclaimed invite (again: no-op). A claimed one stays; revoke the grant instead. */
  async revoke(user: AuthUser, id: number): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const repo = tx.getRepository(StaffInvite);
      const invite = await repo.findOneBy({ id });
      if (!invite) throw AppError.notFound('邀请');
      const region = await tx.getRepository(Region).findOneBy({ id: invite.regionId });
      assertCovers(user, region?.path ?? '/', ADMIN);
      if (invite.claimedAt) throw claimedAlready();
      if (invite.revokedAt) return;
      const result = await repo
        .createQueryBuilder()
        .update()
        .set({ revokedAt: new Date() })
        .where('id = :id AND claimed_at IS NULL AND revoked_at IS NULL', { id })
        .execute();
      if (result.affected !== 1 && (await repo.findOneByOrFail({ id })).claimedAt) throw claimedAlready();
    });
  }

  /**
   * Claims an invite for the caller: exactly one caller can win a code, even when several try at
   * once (a conditional UPDATE … WHERE claimed_at IS NULL, then the affected-row count decides).
   */
  async claim(user: AuthUser, rawCode: string): Promise<UserDto> {
    const codeHash = hashInviteCode(rawCode);
    await inTransaction(this.db, async (tx) => {
      const repo = tx.getRepository(StaffInvite);
      const invite = await repo.findOneBy({ codeHash });
      if (!invite || invite.revokedAt) throw new AppError('INVITE_INVALID', '邀请码无效，请核对后重新输入，或联系管理员');
      if (invite.claimedAt) throw new AppError('INVITE_USED');
      if (invite.expiresAt.getTime() <= Date.now()) throw new AppError('INVITE_EXPIRED', '邀请码已过期，请联系管理员重新生成');
      const grants = tx.getRepository(StaffRoleGrant);
      const held = await grants.findOneBy({ userId: user.id, role: invite.role, regionId: invite.regionId, revokedAt: IsNull() });
      if (held) throw new AppError('CONFLICT', `您已经是该区域的${ROLE_LABELS[invite.role]}，无需再次领取`);

      const claimed = await repo
        .createQueryBuilder()
        .update()
        .set({ claimedBy: user.id, claimedAt: new Date() })
        .where('id = :id AND claimed_at IS NULL AND revoked_at IS NULL', { id: invite.id })
        .execute();
      if (claimed.affected !== 1) {
        const now = await repo.findOneByOrFail({ id: invite.id });
        throw now.revokedAt ? new AppError('INVITE_INVALID') : new AppError('INVITE_USED');
      }
      await grants.insert({ userId: user.id, role: invite.role, regionId: invite.regionId, grantedBy: invite.createdBy, revokedAt: null });
    });
    return this.users.me(user.id);
  }
}

function claimedAlready(): AppError {
  return new AppError('INVITE_USED', '邀请码已被使用，不能撤销；如需取消该人员的权限，请在人员列表中撤销');
}

function encodeCursor(id: number): string {
  return Buffer.from(`i:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const m = /^i:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw AppError.field('cursor', '游标无效，请从第一页重新加载');
  return Number(m[1]);
}
