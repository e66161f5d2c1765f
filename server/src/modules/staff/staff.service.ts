import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, IsNull } from 'typeorm';
import type { ListStaffQuery, StaffMemberDto } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/transaction';
import { Region } from '../regions/region.entity';
import { RegionsService } from '../regions/regions.service';
import { StaffRoleGrant } from '../users/staff-role.entity';
import { User } from '../users/user.entity';
import { scopeCondition } from './scope-sql';
import { toStaffMemberDto } from './staff.mapper';

const ADMIN = ['admin'] as const;

/** The staff register: active role grants inside an admin's scope, and revoking them. */
@Injectable()
export class StaffService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly regions: RegionsService,
  ) {}

  async list(user: AuthUser, query: ListStaffQuery): Promise<{ items: StaffMemberDto[] }> {
    const qb = this.db
      .getRepository(StaffRoleGrant)
      .createQueryBuilder('g')
      .leftJoin(Region, 'r', 'r.id = g.regionId')
      .where('g.revokedAt IS NULL')
      .orderBy('r.path', 'ASC')
      .addOrderBy('g.id', 'ASC');
    if (query.regionId !== undefined) {
      const region = await this.regions.get(query.regionId, 'regionId');
      assertCovers(user, region.path, ADMIN);
      qb.andWhere('r.path LIKE :under', { under: `${region.path}%` });
    } else {
      const scope = scopeCondition(user, ADMIN, 'r.path');
      if (scope) qb.andWhere(scope.sql, scope.params);
    }
    const grants = await qb.getMany();
    const userIds = [...new Set(grants.map((g) => g.userId))];
    const names = new Map(
      userIds.length ? (await this.db.getRepository(User).findBy({ id: In(userIds) })).map((u) => [u.id, u.displayName]) : [],
    );
    const refs = await this.regions.refs(grants.map((g) => g.regionId));
    return {
      items: grants.map((g) => toStaffMemberDto(g, names.get(g.userId) ?? '', g.regionId === null ? null : (refs.get(g.regionId) ?? null))),
    };
  }

  /** Revokes a grant inside the caller's scope (again: no-op). An admin keeps at least one admin grant of their own. */
  async revoke(user: AuthUser, grantId: number): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      const repo = tx.getRepository(StaffRoleGrant);
      const grant = await repo.findOneBy({ id: grantId });
      if (!grant) throw AppError.notFound('人员权限');
      const region = grant.regionId === null ? null : await tx.getRepository(Region).findOneBy({ id: grant.regionId });
      // A grant over the whole tree (no region) is inside the scope only of another such grant.
      assertCovers(user, region?.path ?? '/', ADMIN);
      if (grant.revokedAt) return;
      if (grant.userId === user.id && grant.role === 'admin') {
        const mysql = tx.connection.options.type === 'mysql';
        const own = await repo.find({
          where: { userId: user.id, role: 'admin', revokedAt: IsNull() },
          ...(mysql ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        });
        if (!own.some((g) => g.id !== grant.id)) {
          throw new AppError('BAD_REQUEST', '不能撤销您自己唯一的管理员权限，请由其他管理员操作', [
            { path: 'grantId', reason: '这是您唯一的管理员权限' },
          ]);
        }
      }
      await repo
        .createQueryBuilder()
        .update()
        .set({ revokedAt: new Date() })
        .where('id = :id AND revoked_at IS NULL', { id: grantId })
        .execute();
    });
  }
}
