import type { ConsultationDetailDto, RatingDto, RatingSummaryDto, StaffFollowupDto } from '@sunboard/shared';
import { Clock } from '../../src/common/clock/clock';
import type { Notice } from '../../src/modules/notices/notice.entity';
import { makeNotice } from '../factories/notices';
import { grantRole } from '../factories/users';
import { caseWorld, type CaseWorld, openCase } from './case-fixtures';
import { createConsultation, type Person, resident } from './consultation-fixtures';
import type { Member } from './staff-cast';
import type { TestApp, TestResponse } from './test-app';

/** An error body. */
export type Err = { code: string; message: string; details?: Array<{ path: string; reason: string }> };
export type RatingReply = RatingDto & Err;
export type FollowupReply = StaffFollowupDto & Err;

/** Thursday 26 November 2026, 10:00 in Beijing: cases and the consultation start here. */
export const SETUP_AT = '2026-11-26T10:00:00+08:00';
/** Monday 30 November 2026, 10:00 in Beijing: the case is finished and the consultation concluded; ratings start here. */
export const RATE_AT = '2026-11-30T10:00:00+08:00';
export const RATE_DAY = '2026-11-30';

export interface RatingWorld extends CaseWorld {
  /** A published 办事指南 of 光明社区 (and more published notices to rate one per test). */
  guide: Notice;
  notices: Notice[];
  draft: Notice;
  pending: Notice;
  withdrawn: Notice;
  /** A 低保 case of residentA, finished; and one still open. */
  finishedCaseId: number;
  openCaseId: number;
  /** A consultation of 光明社区 with its adoption report out; and one not concluded. */
  concluded: ConsultationDetailDto;
  unconcluded: ConsultationDetailDto;
  /** Lives in 湛南社区, outside 光明社区. */
  stranger: Person;
  /** msgSecCheck answers 61010 (not seen in 2 hours) for this resident's openid. */
  stale: Person;
  /** Reviewer of 河滨街道: staff, but not above 光明社区. */
  otherReviewer: Member;
}

export function setClock(t: TestApp, iso: string): void {
  t.app.get(Clock).set(iso);
}

/**
 * The case world (staff cast, district admin, residents A and B of 光明社区) plus a target of each
 * kind in every state, built through the real routes where they exist; the clock is left at RATE_AT.
 */
export async function ratingWorld(t: TestApp, prefix: string, publishedNotices = 12): Promise<RatingWorld> {
  setClock(t, SETUP_AT);
  const w = await caseWorld(t, prefix);
  await t.db.query('UPDATE app_user SET display_name = ? WHERE id = ?', ['张秀英', w.residentA.id]);
  await t.db.query('UPDATE app_user SET display_name = ? WHERE id = ?', ['李建国', w.residentB.id]);
  const { streetB, communityA1, communityB1 } = w.tree;
  const otherLogin = await t.login(`o_${prefix}_otherReviewer`);
  await grantRole(t.db, otherLogin.user.id, 'reviewer', streetB.id);

  const guide = await makeNotice(t.db, { regionId: communityA1.id, kind: 'service_guide', domain: 'social_assistance', title: '最低生活保障申请办事指南', status: 'published' });
  const notices: Notice[] = [];
  for (let i = 1; i <= publishedNotices; i++) notices.push(await makeNotice(t.db, { regionId: communityA1.id, title: `光明社区通知 ${i}`, status: 'published', domain: 'municipal_service' }));
  const draft = await makeNotice(t.db, { regionId: communityA1.id, status: 'draft' });
  const pending = await makeNotice(t.db, { regionId: communityA1.id, status: 'pending_review' });
  const withdrawn = await makeNotice(t.db, { regionId: communityA1.id, status: 'withdrawn' });

  const finished = await openCase(t, w, { userId: w.residentA.id });
  const open = await openCase(t, w, { userId: w.residentA.id });

  const concluded = await createConsultation(t, w.reviewer.token, { regionId: communityA1.id, opensAt: '2026-11-26T11:00:00+08:00', closesAt: '2026-11-27T18:00:00+08:00', title: '光明社区停车管理办法（征求意见稿）' });
  const unconcluded = await createConsultation(t, w.reviewer.token, { regionId: communityA1.id, opensAt: '2026-11-26T11:00:00+08:00', closesAt: '2026-12-20T18:00:00+08:00', title: '光明社区垃圾分类办法（征求意见稿）' });

  setClock(t, RATE_AT);
  const fin = await t.request('POST', `/api/cases/${finished.id}/finish`, { token: w.reviewer.token, body: { result: 'approved', reason: '符合条件' } });
  if (fin.status !== 200) throw new Error(`finish case: ${fin.status} ${JSON.stringify(fin.body)}`);
  const con = await t.request<ConsultationDetailDto>('POST', `/api/consultations/${concluded.id}/conclude`, { token: w.reviewer.token, body: { changeSummary: '未收到意见，按原稿实施。' } });
  if (con.status !== 200) throw new Error(`conclude consultation: ${con.status} ${JSON.stringify(con.body)}`);

  return {
    ...w,
    guide,
    notices,
    draft,
    pending,
    withdrawn,
    finishedCaseId: finished.id,
    openCaseId: open.id,
    concluded: con.body,
    unconcluded,
    stranger: await resident(t, `o_${prefix}_stranger`, '王五', communityB1.id),
    stale: await resident(t, `o_stale_${prefix}`, '赵六', communityA1.id),
    otherReviewer: { token: otherLogin.token, id: otherLogin.user.id },
  };
}

/** The rating calls, each returning the raw response. */
export function ratingApi(t: TestApp) {
  return {
    rate: (token: string, body: Record<string, unknown>): Promise<TestResponse<RatingReply>> => t.request('PUT', '/api/ratings', { token, body }),
    summary: (targetType: string, targetId: number, token?: string): Promise<TestResponse<RatingSummaryDto & Err>> =>
      t.request('GET', '/api/ratings/target', { token, query: { targetType, targetId } }),
    rating: (id: number, token: string): Promise<TestResponse<RatingReply>> => t.request('GET', `/api/ratings/${id}`, { token }),
    followup: (id: number, token: string): Promise<TestResponse<FollowupReply>> => t.request('GET', `/api/followups/${id}`, { token }),
    act: (id: number, action: 'reply' | 'confirm' | 'appeal' | 'appeal/decision', token: string, body: unknown): Promise<TestResponse<FollowupReply>> =>
      t.request('POST', `/api/followups/${id}/${action}`, { token, body }),
  };
}

/** Rows of the tables a refused write must leave untouched. */
export async function ratingCounts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['rating', 'rating_followup', 'audit_log', 'push_outbox', 'inbox_item']) {
    out[table] = Number((await t.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  }
  return out;
}

/** A follow-up row as stored. */
export async function followupRow(t: TestApp, id: number): Promise<Record<string, unknown>> {
  return (await t.db.query('SELECT * FROM rating_followup WHERE id = ?', [id]))[0];
}
