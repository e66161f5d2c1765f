import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, MoreThan } from 'typeorm';
import { type AuditAction, type AuditEntryDto, type AuditQuery, type AuditTargetType, type Page, STAFF_ROLES } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { User } from '../users/user.entity';
import { AuditLog } from './audit-log.entity';
import { toAuditEntryDto } from './audit.mapper';

export interface AuditRecord {
  actorId: number | null;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: number;
  regionId: number | null;
  digestBefore?: string | null;
  digestAfter?: string | null;
  note?: string | null;
  at?: Date;
}

/** Where each target type lives, to find the region whose staff may read its register. */
const TARGET_REGION_SQL: Record<AuditTargetType, string> = {
  notice: 'SELECT r.path AS path FROM notice t JOIN region r ON r.id = t.region_id WHERE t.id = ?',
  case: 'SELECT r.path AS path FROM service_case t JOIN region r ON r.id = t.region_id WHERE t.id = ?',
  consultation: 'SELECT r.path AS path FROM consultation t JOIN region r ON r.id = t.region_id WHERE t.id = ?',
  rating: 'SELECT r.path AS path FROM rating t JOIN region r ON r.id = t.region_id WHERE t.id = ?',
  followup: 'SELECT r.path AS path FROM rating_followup t JOIN region r ON r.id = t.region_id WHERE t.id = ?',
};

/**
 * The publication register (发布登记). `record` appends a row inside the caller's transaction, so a
 * step and its row commit or roll back together; there is deliberately no update or delete.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(tx: EntityManager, entries: AuditRecord | AuditRecord[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (!list.length) return;
    const now = new Date();
    await tx
      .createQueryBuilder()
      .insert()
      .into(AuditLog)
      .values(
        list.map((e) => ({
          actorId: e.actorId,
          action: e.action,
          targetType: e.targetType,
          targetId: e.targetId,
          regionId: e.regionId,
          at: e.at ?? now,
          digestBefore: e.digestBefore ?? null,
          digestAfter: e.digestAfter ?? null,
          note: e.note ? [...e.note].slice(0, 500).join('') : null,
        })),
      )
      .execute();
  }

  /** The register of one item, oldest first, for staff whose scope covers the item's region. */
  async list(user: AuthUser, query: AuditQuery): Promise<Page<AuditEntryDto>> {
    const rows: Array<{ path: string }> = await this.db.query(TARGET_REGION_SQL[query.targetType], [query.targetId]);
    if (!rows.length) throw AppError.notFound('登记对象');
    assertCovers(user, rows[0].path, STAFF_ROLES);

    const after = query.cursor ? decodeAuditCursor(query.cursor) : 0;
    const entries = await this.db.getRepository(AuditLog).find({
      where: { targetType: query.targetType, targetId: query.targetId, ...(after ? { id: MoreThan(after) } : {}) },
      order: { id: 'ASC' },
      take: query.limit + 1,
    });
    const page = entries.slice(0, query.limit);
    const actorIds = [...new Set(page.map((e) => e.actorId).filter((x): x is number => x !== null))];
    const names = new Map(
      actorIds.length ? (await this.db.getRepository(User).findBy({ id: In(actorIds) })).map((u) => [u.id, u.displayName]) : [],
    );
    return {
      items: page.map((e) => toAuditEntryDto(e, names)),
      nextCursor: entries.length > query.limit ? encodeAuditCursor(page[page.length - 1].id) : null,
    };
  }
}

function encodeAuditCursor(id: number): string {
  return Buffer.from(`a${id}`, 'utf8').toString('base64url');
}

function decodeAuditCursor(cursor: string): number {
  const raw = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const m = /^a(\d{1,10})$/.exec(raw);
  const id = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw AppError.field('cursor', '游标无效，请从第一页重新加载');
  return id;
}
