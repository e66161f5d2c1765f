import {
  canNestRegion,
  type ImportRowError,
  REGION_LEVEL_LABELS,
  REGION_LEVEL_RANK,
  REGION_LEVELS,
  type RegionLevel,
  regionCodeSchema,
  text,
} from '@sunboard/shared';
import { LEVEL_HINT, normaliseLevel, type ParsedRegionFile, type RegionImportColumn } from './region-import.parser';

/**
 * The tree rules for a region import, pure: every row is checked against the others and against
 * the regions that already exist, and either every problem is reported (with the spreadsheet's row
 * numbers) or a plan of writes is returned, ordered so that each parent is in place before its
 * children. Nothing here touches the database.
 */

/** A region already in the database, as far as the import needs it. */
export interface ExistingRegion {
  id: number;
  code: string;
  name: string;
  level: RegionLevel;
  parentId: number | null;
  path: string;
}

export interface ImportContext {
  /** Existing regions for every code the file mentions (as a row or as a parent), keyed by code as stored. */
  existingByCode: Map<string, ExistingRegion>;
  /** May the caller write a region at this path (a new region: its parent's path; null: a new root)? */
  canManage(path: string | null): boolean;
}

/** Where a region is to hang: under an existing region, or under one created by this import. */
export type ParentRef = { existingId: number } | { newCode: string };

export type ImportOp =
  | { kind: 'create'; row: number; code: string; name: string; level: RegionLevel; parent: ParentRef | null }
  | { kind: 'update'; row: number; id: number; code: string; level: RegionLevel; name?: string; moveTo?: ParentRef };

export interface ImportPlan {
  /** Ordered by level (districts first), then by row: each op's parent is final before it runs. */
  ops: ImportOp[];
  created: number;
  updated: number;
  unchanged: number;
}

export type ImportValidation = { ok: true; plan: ImportPlan } | { ok: false; errors: ImportRowError[] };

/**
 * Codes are kept as written (they are normally all digits). Within one file they are compared
 * ignoring case, so a file can never hold two codes MySQL's case-insensitive unique index would
 * see as one.
 */
export function normaliseCode(code: string): string {
  return code.trim();
}

const fileKey = (code: string) => code.toUpperCase();

const nameSchema = text(50, '名称');

interface CheckedRow {
  row: number;
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  existing: ExistingRegion | undefined;
  /** False once any error is recorded for the row; its dependants then skip checks that need it. */
  valid: boolean;
}

/** Labels for the allowed parent levels of a level, e.g. 社区 → 街道或乡镇. */
export function parentLevelsLabel(level: RegionLevel): string {
  const rank = REGION_LEVEL_RANK[level];
  return REGION_LEVELS.filter((l) => REGION_LEVEL_RANK[l] === rank - 1)
    .map((l) => REGION_LEVEL_LABELS[l])
    .join('或');
}

/** Why `child` cannot sit under `parent` (null: as a root), in plain Chinese. */
export function nestingReason(parent: RegionLevel | null, child: RegionLevel): string {
  const label = REGION_LEVEL_LABELS[child];
  if (child === 'district') return parent === null ? '' : `${label}是最高一级，不能放在其他区域下面`;
  if (parent === null) return `${label}必须有上级区域（应放在${parentLevelsLabel(child)}下面）`;
  return `${label}不能放在${REGION_LEVEL_LABELS[parent]}下面，应放在${parentLevelsLabel(child)}下面`;
}

export function validateRegionImport(file: ParsedRegionFile, ctx: ImportContext): ImportValidation {
  const errors: ImportRowError[] = [];
  const col = (c: RegionImportColumn) => file.columns[c] ?? undefined;
  const fail = (r: { row: number; valid?: boolean }, column: RegionImportColumn | null, reason: string, into?: CheckedRow) => {
    errors.push({ row: r.row, ...(column && col(column) ? { column: col(column) } : {}), reason });
    if (into) into.valid = false;
  };

  // 1. Each row on its own: code, name, level, parent code.
  const rows: CheckedRow[] = [];
  const byCode = new Map<string, CheckedRow>();
  for (const raw of file.rows) {
    const checked: CheckedRow = {
      row: raw.row,
      code: normaliseCode(raw.code),
      name: raw.name,
      level: 'district',
      parentCode: raw.parentCode ? normaliseCode(raw.parentCode) : null,
      existing: undefined,
      valid: true,
    };
    const code = regionCodeSchema.safeParse(raw.code);
    if (!code.success) fail(raw, 'code', code.error.issues[0].message, checked);
    const name = nameSchema.safeParse(raw.name);
    if (!name.success) fail(raw, 'name', name.error.issues[0].message, checked);
    else checked.name = name.data;
    const level = raw.level ? normaliseLevel(raw.level) : null;
    if (!raw.level) fail(raw, 'level', `级别不能为空，可填：${LEVEL_HINT}`, checked);
    else if (!level) fail(raw, 'level', `无法识别的级别「${raw.level}」，可填：${LEVEL_HINT}`, checked);
    else checked.level = level;
    if (raw.parentCode) {
      const parent = regionCodeSchema.safeParse(raw.parentCode);
      if (!parent.success) fail(raw, 'parentCode', `上级${parent.error.issues[0].message}`, checked);
      else if (checked.code && fileKey(normaliseCode(raw.parentCode)) === fileKey(checked.code)) fail(raw, 'parentCode', '上级代码不能是本行自己的代码', checked);
    }
    if (code.success) {
      const first = byCode.get(fileKey(checked.code));
      if (first) {
        fail(raw, 'code', `区划代码 ${checked.code} 与第 ${first.row} 行重复`, checked);
      } else {
        byCode.set(fileKey(checked.code), checked);
        checked.existing = ctx.existingByCode.get(checked.code);
      }
    }
    if (checked.existing && level && checked.existing.level !== level) {
      fail(raw, 'level', `区划代码 ${checked.code} 已存在，级别是${REGION_LEVEL_LABELS[checked.existing.level]}，导入不能修改级别`, checked);
    }
    rows.push(checked);
  }

  // 2. Parents and nesting. A parent is a row of the file (which wins) or an existing region. A blank
  //    parent code keeps an existing region where it is; for a new region it means a root (a district).
  type Resolved =
    | { kind: 'row'; row: CheckedRow }
    | { kind: 'existing'; region: ExistingRegion }
    | { kind: 'root' }
    | { kind: 'keep' }
    | null;
  const resolveParent = (r: CheckedRow): Resolved => {
    if (r.parentCode === null) return r.existing ? { kind: 'keep' } : { kind: 'root' };
    const inFile = byCode.get(fileKey(r.parentCode));
    if (inFile) return { kind: 'row', row: inFile };
    const existing = ctx.existingByCode.get(r.parentCode);
    return existing ? { kind: 'existing', region: existing } : null;
  };
  const parents = new Map<CheckedRow, Resolved>();
  /** Rows whose parent row has errors: their own tree checks are skipped (the parent's row says what is wrong). */
  const blocked = new Set<CheckedRow>();
  for (const r of rows) {
    if (!r.valid) continue;
    const parent = resolveParent(r);
    parents.set(r, parent);
    if (parent === null) {
      fail(r, 'parentCode', `上级代码 ${r.parentCode} 不存在：文件中没有这一行，系统中也没有该区域`, r);
      continue;
    }
    if (parent.kind === 'keep') continue;
    if (parent.kind === 'row' && !parent.row.valid) {
      blocked.add(r);
      continue;
    }
    const parentLevel = parent.kind === 'root' ? null : parent.kind === 'row' ? parent.row.level : parent.region.level;
    if (!canNestRegion(parentLevel, r.level)) {
      fail(r, parent.kind === 'root' ? 'level' : 'parentCode', nestingReason(parentLevel, r.level), r);
      continue;
    }
    const parentPath = parent.kind === 'existing' ? parent.region.path : parent.kind === 'row' ? parent.row.existing?.path : undefined;
    if (r.existing && parentPath?.startsWith(r.existing.path)) {
      fail(r, 'parentCode', '不能把区域移到它自己的下级区域下面', r);
    }
  }

  // 3. What each row would write, and whether the caller may write there.
  const parentRefOf = (r: CheckedRow): ParentRef | null | 'keep' => {
    const p = parents.get(r);
    if (!p || p.kind === 'root') return null;
    if (p.kind === 'keep') return 'keep';
    if (p.kind === 'existing') return { existingId: p.region.id };
    return p.row.existing ? { existingId: p.row.existing.id } : { newCode: p.row.code };
  };
  const movesOf = (r: CheckedRow): boolean => {
    if (!r.existing) return false;
    const ref = parentRefOf(r);
    if (ref === 'keep') return false;
    const newParentId = ref === null ? null : 'existingId' in ref ? ref.existingId : undefined;
    return newParentId !== r.existing.parentId;
  };
  const coverage = new Map<CheckedRow, boolean>();
  /** Would a region hanging under `parent` lie inside the caller's scope? */
  const parentCovered = (parent: Resolved | undefined, seen: Set<CheckedRow>): boolean => {
    if (!parent) return false;
    if (parent.kind === 'root') return ctx.canManage(null);
    if (parent.kind === 'keep') return true;
    if (parent.kind === 'existing') return ctx.canManage(parent.region.path);
    return rowCovered(parent.row, seen);
  };
  /** Where the row's region ends up after the import: inside the caller's scope? (Rows with errors: assumed so.) */
  const rowCovered = (r: CheckedRow, seen: Set<CheckedRow>): boolean => {
    const known = coverage.get(r);
    if (known !== undefined) return known;
    if (!r.valid || blocked.has(r) || seen.has(r)) return true;
    seen.add(r);
    const result = r.existing && !movesOf(r) ? ctx.canManage(r.existing.path) : parentCovered(parents.get(r), seen);
    coverage.set(r, result);
    return result;
  };

  const ops: ImportOp[] = [];
  let unchanged = 0;
  for (const r of rows) {
    if (!r.valid || blocked.has(r)) continue;
    if (!r.existing) {
      if (!parentCovered(parents.get(r), new Set([r]))) {
        fail(r, null, r.parentCode ? `上级区域 ${r.parentCode} 不在您的管辖范围内` : '只有全域管理员可以新建区县', r);
        continue;
      }
      const parent = parentRefOf(r);
      ops.push({ kind: 'create', row: r.row, code: r.code, name: r.name, level: r.level, parent: parent === 'keep' ? null : parent });
      continue;
    }
    const rename = r.name !== r.existing.name;
    const move = movesOf(r);
    if (!rename && !move) {
      unchanged++;
      continue;
    }
    if (!ctx.canManage(r.existing.path)) {
      fail(r, null, `区域 ${r.code}（${r.existing.name}）不在您的管辖范围内，不能修改`, r);
      continue;
    }
    if (move && !parentCovered(parents.get(r), new Set([r]))) {
      fail(r, 'parentCode', `上级区域 ${r.parentCode ?? ''} 不在您的管辖范围内`, r);
      continue;
    }
    const ref = move ? parentRefOf(r) : undefined;
    const moveTo = ref && ref !== 'keep' ? ref : undefined;
    ops.push({
      kind: 'update',
      row: r.row,
      id: r.existing.id,
      code: r.code,
      level: r.level,
      ...(rename ? { name: r.name } : {}),
      ...(moveTo ? { moveTo } : {}),
    });
  }

  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    return { ok: false, errors };
  }
  ops.sort((a, b) => REGION_LEVEL_RANK[a.level] - REGION_LEVEL_RANK[b.level] || a.row - b.row);
  return {
    ok: true,
    plan: { ops, created: ops.filter((o) => o.kind === 'create').length, updated: ops.filter((o) => o.kind === 'update').length, unchanged },
  };
}
