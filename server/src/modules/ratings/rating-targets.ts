import type { EntityManager } from 'typeorm';
import { type Domain, NOTICE_KIND_LABELS, type NoticeKind, type NoticeStatus, RATING_TARGET_TYPE_LABELS, type RatingTargetRefDto, type RatingTargetType, STAFF_ROLES } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { covers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';

/** What a rating needs to know about its target: where it lives, its title, and its state. */
export interface RatingTarget {
  ref: RatingTargetRefDto;
  regionPath: string;
  domain: Domain | null;
  /** notice: its status; case: status; consultation: 'concluded' or 'not_concluded'. */
  state: string;
  /** case: the applicant's account; consultation: open to everyone. */
  applicantUserId: number | null;
  openToAll: boolean;
}

/** Why the caller may not rate the target (or see it at all). */
export interface Refusal {
  kind: 'not_found' | 'forbidden' | 'out_of_scope' | 'not_ready';
  reason: string;
}

interface Row {
  id: number | string;
  region_id: number | string;
  region_name: string;
  region_path: string;
  domain: Domain | null;
  title: string;
  state: string;
  kind?: NoticeKind;
  applicant_user_id?: number | string | null;
  open_to_all?: number | boolean | null;
}

const SQL: Record<RatingTargetType, string> = {
  notice:
    'SELECT t.id AS id, t.region_id AS region_id, r.name AS region_name, r.path AS region_path, t.domain AS domain, t.title AS title, t.status AS state, t.kind AS kind ' +
    'FROM notice t JOIN region r ON r.id = t.region_id WHERE t.id IN ({ids})',
  case:
    "SELECT t.id AS id, t.region_id AS region_id, r.name AS region_name, r.path AS region_path, t.domain AS domain, CONCAT_TITLE AS title, t.status AS state, t.applicant_user_id AS applicant_user_id " +
    'FROM service_case t JOIN region r ON r.id = t.region_id WHERE t.id IN ({ids})',
  consultation:
    "SELECT t.id AS id, t.region_id AS region_id, r.name AS region_name, r.path AS region_path, t.domain AS domain, t.title AS title, CASE WHEN t.concluded_at IS NULL THEN 'not_concluded' ELSE 'concluded' END AS state, t.open_to_all AS open_to_all " +
    'FROM consultation t JOIN region r ON r.id = t.region_id WHERE t.id IN ({ids})',
};

function sqlFor(m: EntityManager, type: RatingTargetType, n: number): string {
  const mysql = m.connection.options.type === 'mysql';
  const title = mysql ? "CONCAT(t.type_name, ' ', t.case_no)" : "(t.type_name || ' ' || t.case_no)";
  return SQL[type].replace('CONCAT_TITLE', title).replace('{ids}', Array.from({ length: n }, () => '?').join(', '));
}

function toTarget(type: RatingTargetType, r: Row): RatingTarget {
  return {
    ref: {
      type,
      id: Number(r.id),
      title: r.title,
      label: type === 'notice' ? NOTICE_KIND_LABELS[r.kind as NoticeKind] ?? RATING_TARGET_TYPE_LABELS.notice : RATING_TARGET_TYPE_LABELS[type],
      regionId: Number(r.region_id),
      regionName: r.region_name,
    },
    regionPath: r.region_path,
    domain: r.domain ?? null,
    state: r.state,
    applicantUserId: r.applicant_user_id === undefined || r.applicant_user_id === null ? null : Number(r.applicant_user_id),
    openToAll: !!Number(r.open_to_all ?? 0),
  };
}

/** Targets of one type by id (missing ones are absent from the map). */
export async function loadTargets(m: EntityManager, type: RatingTargetType, ids: number[]): Promise<Map<number, RatingTarget>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows: Row[] = await m.query(sqlFor(m, type, unique.length), unique);
  return new Map(rows.map((r) => [Number(r.id), toTarget(type, r)]));
}

export async function loadTarget(m: EntityManager, type: RatingTargetType, id: number): Promise<RatingTarget | null> {
  return (await loadTargets(m, type, [id])).get(id) ?? null;
}

/** The caller's home region path, or null. */
export async function homePathOf(m: EntityManager, user: AuthUser | undefined): Promise<string | null> {
  if (!user?.homeRegionId) return null;
  const rows: Array<{ path: string }> = await m.query('SELECT path FROM region WHERE id = ?', [user.homeRegionId]);
  return rows[0]?.path ?? null;
}

const NOTICE_NOT_READY: Partial<Record<NoticeStatus, string>> = {
  draft: '该公告尚未发布，发布后才能评价',
  pending_review: '该公告尚未发布，发布后才能评价',
  withdrawn: '该公告已撤回，不能评价',
};

/**
 * Whether `user` may rate `target` now, or why not:
 * - a notice must be published (or expired after publication); an unpublished one is 404 to anyone
 *   who may not see it, and "尚未发布" to staff covering it;
 * - a case only by its applicant, once finished; another resident gets 404, covering staff 403;
 * - a consultation once its adoption report is out, by residents it was open to (its region and
 *   below, or everyone when open to all).
 * Staff rate only as residents: their grants never make a target rateable.
 */
export function refusalFor(target: RatingTarget | null, type: RatingTargetType, user: AuthUser | undefined, home: string | null): Refusal | null {
  const what = RATING_TARGET_TYPE_LABELS[type];
  if (!target) return { kind: 'not_found', reason: `找不到该${what}` };
  const staff = covers(user, target.regionPath, STAFF_ROLES);
  if (type === 'notice') {
    const notReady = NOTICE_NOT_READY[target.state as NoticeStatus];
    if (notReady) return staff ? { kind: 'not_ready', reason: notReady } : { kind: 'not_found', reason: `找不到该${what}` };
    return user ? null : { kind: 'not_ready', reason: '请先登录后再评价' };
  }
  if (type === 'case') {
    if (!user || target.applicantUserId !== user.id) {
      return staff ? { kind: 'forbidden', reason: '只有办件的申请人可以评价该办件' } : { kind: 'not_found', reason: `找不到该${what}` };
    }
    if (target.state !== 'finished') return { kind: 'not_ready', reason: '该办件尚未办结，办结后才能评价' };
    return null;
  }
  if (!user) return { kind: 'not_ready', reason: '请先登录后再评价' };
  if (!target.openToAll) {
    if (!home) return { kind: 'out_of_scope', reason: `请先在“我的”页面设置所在社区（村），本次征求意见仅限${target.ref.regionName}的居民评价` };
    if (!home.startsWith(target.regionPath)) return { kind: 'out_of_scope', reason: `本次征求意见仅限${target.ref.regionName}的居民评价` };
  }
  if (target.state !== 'concluded') return { kind: 'not_ready', reason: '该征求意见尚未公布采纳情况，公布后才能评价' };
  return null;
}

/** True when the refusal hides the target itself (the caller may not even see it). */
export function hidesTarget(r: Refusal | null): boolean {
  return r?.kind === 'not_found';
}

/** The 4xx for a refusal: 404, 403, or 400 naming `targetId`. */
export function refusalError(r: Refusal, type: RatingTargetType): AppError {
  switch (r.kind) {
    case 'not_found':
      return AppError.notFound(RATING_TARGET_TYPE_LABELS[type]);
    case 'forbidden':
      return AppError.forbidden(r.reason);
    case 'out_of_scope':
      return new AppError('OUT_OF_SCOPE', r.reason, [{ path: 'targetId', reason: r.reason }]);
    default:
      return new AppError('BAD_REQUEST', r.reason, [{ path: 'targetId', reason: r.reason }]);
  }
}
