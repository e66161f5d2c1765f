import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, QueryFailedError } from 'typeorm';
import {
  canNestRegion,
  type CreateRegionInput,
  type ImportRowError,
  REGION_LEVEL_RANK,
  type RegionDto,
  type RegionImportResultDto,
  type UpdateRegionInput,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertCovers, covers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/transaction';
import type { ParsedRegionFile } from './region-import.parser';
import { type ExistingRegion, type ImportOp, type ImportPlan, nestingReason, normaliseCode, type ParentRef, validateRegionImport } from './region-import.validator';
import { Region } from './region.entity';
import { toRegionDto } from './region.mapper';

const ADMIN = ['admin'] as const;
/** Depth of a root region; a child is its parent's depth + 1 (the same convention as the seed and factories). */
export const ROOT_DEPTH = 1;
/** `IN (…)` lists are sent in chunks of this many values. */
const IN_CHUNK = 500;
/** New regions inserted per statement during an import. */
const INSERT_CHUNK = 500;

/** Where a region sits: what its children's paths and depths are built from. */
interface Place {
  id: number;
  path: string;
  depth: number;
}

/**
 * Changing the region tree: create, rename, move (rewriting the materialised path of the whole
 * subtree) and bulk import. Every write happens in one transaction and only inside the caller's
 * admin scope.
 */
@Injectable()
export class RegionsAdminService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(user: AuthUser, input: CreateRegionInput): Promise<RegionDto> {
    const code = normaliseCode(input.code);
    return inTransaction(this.db, async (tx) => {
      const repo = tx.getRepository(Region);
      let parent: Region | null = null;
      if (input.parentId != null) {
        parent = await this.getForUpdate(tx, input.parentId, 'parentId');
        assertCovers(user, parent.path, ADMIN);
      }
      if (!canNestRegion(parent?.level ?? null, input.level)) {
        throw AppError.field('level', nestingReason(parent?.level ?? null, input.level));
      }
      if (!parent && !covers(user, '/', ADMIN)) throw new AppError('OUT_OF_SCOPE', '只有全域管理员可以新建区县');
      const taken = await repo.findOneBy({ code });
      if (taken) throw duplicateCode(code, taken.name);
      const created = await this.insertRegion(tx, { code, name: input.name, level: input.level }, parent);
      return toRegionDto(created, 0);
    }).catch(rethrowDuplicate(code));
  }

  async update(user: AuthUser, id: number, input: UpdateRegionInput): Promise<RegionDto> {
    return inTransaction(this.db, async (tx) => {
      const repo = tx.getRepository(Region);
      const region = await this.getForUpdate(tx, id, 'id');
      assertCovers(user, region.path, ADMIN);
      if (input.parentId !== undefined && input.parentId !== region.parentId) {
        if (input.parentId === region.id) throw AppError.field('parentId', '不能把区域移到它自己下面');
        const parent = await this.getForUpdate(tx, input.parentId, 'parentId');
        if (parent.path.startsWith(region.path)) throw AppError.field('parentId', `不能把区域移到它自己的下级区域「${parent.name}」下面`);
        assertCovers(user, parent.path, ADMIN);
        if (!canNestRegion(parent.level, region.level)) throw AppError.field('parentId', nestingReason(parent.level, region.level));
        await this.moveSubtree(tx, region, parent);
      }
      if (input.name !== undefined && input.name !== region.name) {
        await repo.update({ id: region.id }, { name: input.name });
      }
      const saved = await repo.findOneByOrFail({ id: region.id });
      return toRegionDto(saved, await repo.countBy({ parentId: region.id }));
    }).catch(rethrowBusy);
  }

  /**
   * Imports a parsed file: checks every row against the tree and the caller's scope, then either
   * reports every bad row (422, nothing written) or applies the whole plan in one transaction.
   */
  async import(user: AuthUser, file: ParsedRegionFile): Promise<RegionImportResultDto> {
    const codes = new Set<string>();
    for (const r of file.rows) {
      if (r.code) codes.add(normaliseCode(r.code));
      if (r.parentCode) codes.add(normaliseCode(r.parentCode));
    }
    return inTransaction(this.db, async (tx) => {
      const existing = await this.findByCodes(tx, [...codes]);
      const result = validateRegionImport(file, {
        existingByCode: new Map(existing.map((r) => [r.code, r])),
        // A new root (path null) is covered only by a grant over the whole tree.
        canManage: (path) => covers(user, path ?? '/', ADMIN),
      });
      if (!result.ok) throw importFailed(result.errors);
      await this.applyPlan(tx, result.plan);
      return { created: result.plan.created, updated: result.plan.updated, unchanged: result.plan.unchanged };
    }).catch((err: unknown) => {
      if (isDuplicateKey(err)) {
        throw new AppError('CONFLICT', '导入时区划代码与他人同时新建的区域冲突，请重新导入', [{ path: 'file', reason: '区划代码冲突' }]);
      }
      return rethrowBusy(err);
    });
  }

  /**
   * Runs the plan level by level (districts first), so every parent is final before its children
   * are placed. Within a level: renames and moves one by one, then the new regions in batches of
   * `INSERT_CHUNK` (one multi-row INSERT, one SELECT for the ids, one UPDATE … CASE for the paths).
   */
  private async applyPlan(tx: EntityManager, plan: ImportPlan): Promise<void> {
    const repo = tx.getRepository(Region);
    const places = new Map<number, Place>();
    const createdIds = new Map<string, number>();
    const placeOf = async (id: number): Promise<Place> => {
      const known = places.get(id);
      if (known) return known;
      const row = await repo.findOneByOrFail({ id });
      const place = { id: row.id, path: row.path, depth: row.depth };
      places.set(id, place);
      return place;
    };
    const resolve = (ref: ParentRef): number => ('existingId' in ref ? ref.existingId : createdIds.get(ref.newCode)!);

    const ranks = [...new Set(plan.ops.map((op) => REGION_LEVEL_RANK[op.level]))].sort((a, b) => a - b);
    for (const rank of ranks) {
      const ops = plan.ops.filter((op) => REGION_LEVEL_RANK[op.level] === rank);
      for (const op of ops) {
        if (op.kind !== 'update') continue;
        if (op.name !== undefined) await repo.update({ id: op.id }, { name: op.name });
        if (op.moveTo) {
          const region = await placeOf(op.id);
          const parent = await placeOf(resolve(op.moveTo));
          const moved = await this.moveSubtree(tx, region, parent);
          // Cached places inside the moved subtree are stale now.
          for (const [id, place] of places) if (place.path.startsWith(region.path)) places.delete(id);
          places.set(op.id, moved);
        }
      }
      const creates = ops.filter((op): op is Extract<ImportOp, { kind: 'create' }> => op.kind === 'create');
      for (let i = 0; i < creates.length; i += INSERT_CHUNK) {
        const chunk = creates.slice(i, i + INSERT_CHUNK);
        const parents = new Map<string, Place | null>();
        for (const op of chunk) parents.set(op.code, op.parent ? await placeOf(resolve(op.parent)) : null);
        const rows = chunk.map((op) => {
          const parent = parents.get(op.code)!;
          return { code: op.code, name: op.name, level: op.level, parentId: parent?.id ?? null, path: '/', depth: parent ? parent.depth + 1 : ROOT_DEPTH };
        });
        await tx.createQueryBuilder().insert().into(Region).values(rows).updateEntity(false).execute();
        // Ids are read back by code (unique) rather than assumed consecutive from the insert id.
        const ids = await repo.find({ select: { id: true, code: true }, where: { code: In(chunk.map((op) => op.code)) } });
        const idByCode = new Map(ids.map((r) => [r.code, r.id]));
        const paths: Array<[number, string]> = [];
        for (const row of rows) {
          const id = idByCode.get(row.code)!;
          const parent = parents.get(row.code)!;
          const path = `${parent ? parent.path : '/'}${id}/`;
          createdIds.set(row.code, id);
          places.set(id, { id, path, depth: row.depth });
          paths.push([id, path]);
        }
        await tx.query(
          `UPDATE region SET path = CASE id ${paths.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (${paths.map(() => '?').join(', ')})`,
          [...paths.flat(), ...paths.map(([id]) => id)],
        );
      }
    }
  }

  /** Inserts a region and fills in its path (which needs its id) in the same transaction. */
  private async insertRegion(tx: EntityManager, fields: Pick<Region, 'code' | 'name' | 'level'>, parent: Place | null): Promise<Region> {
    const repo = tx.getRepository(Region);
    const region = repo.create({ ...fields, parentId: parent?.id ?? null, path: '/', depth: parent ? parent.depth + 1 : ROOT_DEPTH });
    const inserted = await repo.insert(region);
    region.id = Number(inserted.identifiers[0].id);
    region.path = `${parent ? parent.path : '/'}${region.id}/`;
    await repo.update({ id: region.id }, { path: region.path });
    return region;
  }

  /**
   * Hangs `region` under `parent` and rewrites path and depth of the whole subtree in one statement.
   * The string concatenation is the one piece of dialect SQL: CONCAT on MySQL, `||` on SQLite.
   */
  private async moveSubtree(tx: EntityManager, region: Place, parent: Place): Promise<Place> {
    const newPath = `${parent.path}${region.id}/`;
    const depthDelta = parent.depth + 1 - region.depth;
    const mysql = tx.connection.options.type === 'mysql';
    await tx
      .createQueryBuilder()
      .update(Region)
      .set({
        path: () => (mysql ? 'CONCAT(:newPath, SUBSTRING(path, :cut))' : '(:newPath || SUBSTR(path, :cut))'),
        depth: () => 'depth + :depthDelta',
      })
      .where('path LIKE :prefix', { prefix: `${region.path}%` })
      .setParameters({ newPath, cut: region.path.length + 1, depthDelta })
      .execute();
    await tx.getRepository(Region).update({ id: region.id }, { parentId: parent.id });
    return { id: region.id, path: newPath, depth: parent.depth + 1 };
  }

  /** The region, read for a write (row-locked on MySQL; SQLite serialises writers anyway), or 404. */
  private async getForUpdate(tx: EntityManager, id: number, field: string): Promise<Region> {
    const mysql = tx.connection.options.type === 'mysql';
    const region = await tx.getRepository(Region).findOne({ where: { id }, ...(mysql ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!region) throw new AppError('REGION_NOT_FOUND', undefined, [{ path: field, reason: `区域 ${id} 不存在` }]);
    return region;
  }

  private async findByCodes(tx: EntityManager, codes: string[]): Promise<ExistingRegion[]> {
    const out: ExistingRegion[] = [];
    for (let i = 0; i < codes.length; i += IN_CHUNK) {
      const rows = await tx.getRepository(Region).findBy({ code: In(codes.slice(i, i + IN_CHUNK)) });
      for (const r of rows) out.push({ id: r.id, code: r.code, name: r.name, level: r.level, parentId: r.parentId, path: r.path });
    }
    return out;
  }
}

function duplicateCode(code: string, usedBy?: string): AppError {
  return new AppError('CONFLICT', `区划代码 ${code} 已存在`, [
    { path: 'code', reason: usedBy ? `区划代码 ${code} 已被「${usedBy}」使用` : `区划代码 ${code} 已存在` },
  ]);
}

function isDuplicateKey(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return err instanceof QueryFailedError && /ER_DUP_ENTRY|SQLITE_CONSTRAINT_UNIQUE/.test(code);
}

/** A unique-index violation from a concurrent create of the same code: the same 409 as the pre-check. */
function rethrowDuplicate(code: string) {
  return (err: unknown): never => {
    if (isDuplicateKey(err)) throw duplicateCode(code);
    return rethrowBusy(err);
  };
}

/** MySQL gave up on a lock (two admins moving crossing parts of the tree at once): 409, try again. */
function rethrowBusy(err: unknown): never {
  const code = (err as { code?: string }).code ?? '';
  if (err instanceof QueryFailedError && /ER_LOCK_DEADLOCK|ER_LOCK_WAIT_TIMEOUT|SQLITE_BUSY/.test(code)) {
    throw new AppError('CONFLICT', '区域正在被其他管理员修改，请稍后重试');
  }
  throw err;
}

function importFailed(errors: ImportRowError[]): AppError {
  const rows = [...new Set(errors.map((e) => e.row))];
  const shown = rows.slice(0, 5).join('、');
  return new AppError(
    'IMPORT_FAILED',
    `导入失败：第 ${shown}${rows.length > 5 ? ' 等' : ''} 行有错误（共 ${rows.length} 行），未导入任何数据`,
    errors,
  );
}
