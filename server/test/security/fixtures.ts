import ExcelJS from 'exceljs';
import sharp from 'sharp';
import type { ConsultationDetailDto } from '@sunboard/shared';
import { IsNull, Not } from 'typeorm';
import { Clock } from '../../src/common/clock/clock';
import { StaffRoleGrant } from '../../src/modules/users/staff-role.entity';
import { makeNotice } from '../factories/notices';
import { grantRole } from '../factories/users';
import { APPLICANT, openCase } from '../support/case-fixtures';
import { createConsultation, resident } from '../support/consultation-fixtures';
import { multipart } from '../support/multipart';
import { noticeInput, workflow } from '../support/notice-fixtures';
import type { Member } from '../support/staff-cast';
import type { TestApp, TestResponse } from '../support/test-app';
import { securityActors, type SecurityActors } from './actors';

/** Thursday 26 November 2026, 10:00 Beijing: the world is built here. */
export const SETUP_AT = '2026-11-26T10:00:00+08:00';
/** Comments on the consultations that open at 11:00 are written here. */
export const COMMENT_AT = '2026-11-26T12:00:00+08:00';
/** Monday 30 November 2026, 10:00 Beijing: the checks run here (the short consultations have closed). */
export const RUN_AT = '2026-11-30T10:00:00+08:00';

const OPENS = '2026-11-26T11:00:00+08:00';
const SHORT_CLOSE = '2026-11-27T18:00:00+08:00';
const LONG_CLOSE = '2026-12-20T18:00:00+08:00';

export const setClock = (t: TestApp, iso: string) => t.app.get(Clock).set(iso);

/** Fails the setup with the response when a call that must work does not. */
export function ok<T>(res: TestResponse<T>, what: string, status = [200, 201, 204]): T {
  if (!status.includes(res.status)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function jpeg(colour = '#3366aa'): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: colour } }).jpeg().toBuffer();
}

export async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('公示名单');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The targets, all in region X (光明社区) and, where a resident owns something, owned by resident A. */
export interface Targets {
  /** A 通知 written by gridIn and approved by the reviewer through the real workflow. */
  published: { id: number };
  /** gridIn's draft. */
  draft: { id: number };
  /** A published notice nobody has rated yet (the rating row of the matrix rates it). */
  rateable: { id: number };
  /** Resident A's 低保 case, opened by gridIn; and one already finished. */
  caseA: { id: number; caseNo: string };
  finishedCase: { id: number };
  /** A consultation open until 20 December; one not yet open; one closed on 27 November. */
  open: ConsultationDetailDto;
  upcoming: ConsultationDetailDto;
  closed: ConsultationDetailDto;
  /** Resident A's comment on the open consultation, and on the closed one. */
  commentA: { id: number };
  commentClosed: { id: number };
  /** Resident A's 差评 of `published`, and the follow-up it opened. */
  ratingA: { id: number };
  followupA: { id: number };
  /** gridIn's upload no notice uses; a photo on resident A's case; a photo of the published notice. */
  upload: { id: number };
  caseUpload: { id: number };
  noticeUpload: { id: number };
  /** gridIn's 公示 table, not attached. */
  table: { id: number };
  /** A message of resident A's message centre. */
  inboxA: { id: number };
  /** A case type made for the matrix (the admin route replaces it with itself). */
  caseType: { id: number; body: Record<string, unknown> };
  /** A template id the server knows, for the credits route. */
  templateId: string;
}

export interface SecurityWorld extends SecurityActors {
  targets: Targets;
  make: ReturnType<typeof makers>;
}

/**
 * Builds the actors and one target of each kind through the real routes (factories only where the
 * route would add nothing: plain published notices to rate), then leaves the clock at RUN_AT.
 */
export async function securityWorld(t: TestApp, prefix: string): Promise<SecurityWorld> {
  setClock(t, SETUP_AT);
  const actors = await securityActors(t, prefix);
  const { world: w } = actors;
  const X = w.tree.communityA1.id;
  const flow = workflow(t);
  const make = makers(t, actors);

  const published = await flow.publish(w.worker, w.reviewer, noticeInput(X, { title: '光明社区冬季供暖通知' }));
  const draft = ok(await flow.create(w.worker, noticeInput(X, { title: '光明社区停水通知（草稿）' })), 'draft');
  const rateable = await makeNotice(t.db, { regionId: X, title: '光明社区办事指南（待评价）', status: 'published' });
  const caseA = await openCase(t, w, { userId: w.residentA.id });
  const finishedCase = await openCase(t, w, { userId: w.residentA.id });
  ok(await t.request('POST', `/api/cases/${finishedCase.id}/finish`, { token: w.reviewer.token, body: { result: 'approved', reason: '符合条件' } }), 'finish case');

  const open = await createConsultation(t, w.reviewer.token, { regionId: X, opensAt: OPENS, closesAt: LONG_CLOSE, title: '光明社区停车管理办法（征求意见稿）' });
  const closed = await createConsultation(t, w.reviewer.token, { regionId: X, opensAt: OPENS, closesAt: SHORT_CLOSE, title: '光明社区垃圾分类办法（征求意见稿）' });
  const upcoming = await createConsultation(t, w.reviewer.token, {
    regionId: X,
    opensAt: '2026-12-10T10:00:00+08:00',
    closesAt: LONG_CLOSE,
    title: '光明社区养犬管理办法（征求意见稿）',
  });
  make.commentsGoTo(open.id);

  setClock(t, COMMENT_AT);
  const comment = (c: ConsultationDetailDto, body: string) =>
    t.request('POST', `/api/consultations/${c.id}/comments`, { token: w.residentA.token, body: { body } });
  const commentA = (ok(await comment(open, '建议夜间临时停车也收取少量费用，避免长期占用。'), 'comment A') as { comment: { id: number } }).comment;
  const commentClosed = (ok(await comment(closed, '建议每个楼栋设置两个分类垃圾桶。'), 'comment on the closed one') as { comment: { id: number } }).comment;

  setClock(t, RUN_AT);
  const rating = ok(
    await t.request('PUT', '/api/ratings', { token: w.residentA.token, body: { targetType: 'notice', targetId: published.id, level: 1, tags: ['slow'], comment: '通知发得太晚了。' } }),
    'rating A',
  );
  // A reply on another 差评 of A puts a message in A's message centre.
  await make.repliedFollowup();
  const inbox = await t.db.query('SELECT id FROM inbox_item WHERE user_id = ? ORDER BY id LIMIT 1', [w.residentA.id]);
  if (!inbox.length) throw new Error('resident A has no message');

  const upload = await make.upload();
  const caseUpload = await make.upload();
  ok(await t.request('POST', `/api/cases/${caseA.id}/progress`, { token: w.worker.token, body: { position: 2, note: '受理，附现场照片', attachmentId: caseUpload.id, complete: false } }), 'case photo');
  const noticeUpload = await make.upload();
  const withPhoto = await flow.publish(w.worker, w.reviewer, noticeInput(X, { title: '光明社区活动照片', attachmentIds: [noticeUpload.id] }));
  void withPhoto;

  const caseTypeBody = {
    name: '安全测试事项',
    domain: 'social_assistance',
    description: '权限矩阵使用的事项',
    active: true,
    steps: [
      { name: '申请', role: 'grid_worker', limitDays: 1 },
      { name: '审批', role: 'reviewer', limitDays: 5 },
    ],
  };
  const caseType = ok(await t.request('POST', '/api/admin/case-types', { token: w.admin.token, body: caseTypeBody }), 'case type');
  const templates = ok(await t.request('GET', '/api/push/templates'), 'templates') as { items: Array<{ templateId: string }> };

  return {
    ...actors,
    make,
    targets: {
      published: { id: published.id },
      draft: { id: draft.id },
      rateable: { id: rateable.id },
      caseA: { id: caseA.id, caseNo: caseA.caseNo },
      finishedCase: { id: finishedCase.id },
      open,
      upcoming,
      closed,
      commentA: { id: commentA.id },
      commentClosed: { id: commentClosed.id },
      ratingA: { id: rating.id },
      followupA: { id: rating.followup.id },
      upload,
      caseUpload,
      noticeUpload,
      table: await make.table(),
      inboxA: { id: Number(inbox[0].id) },
      caseType: { id: caseType.id, body: caseTypeBody },
      templateId: templates.items[0].templateId,
    },
  };
}

/** Fresh targets for the rows whose allowed call changes the target (each caller gets their own). */
export function makers(t: TestApp, actors: SecurityActors) {
  const { world: w } = actors;
  const X = w.tree.communityA1.id;
  const flow = workflow(t);
  let n = 0;
  /** The consultation new comments go to (set once the world has made it). */
  let openId = 0;
  const as = (m: Member) => ({ token: m.token });

  const m = {
    draftNotice: async () => ok(await flow.create(w.worker, noticeInput(X)), 'draft'),
    pendingNotice: async () => {
      const d = await m.draftNotice();
      ok(await flow.submit(w.worker, d.id), 'submit');
      return d;
    },
    publishedNotice: () => flow.publish(w.worker, w.reviewer, noticeInput(X)),
    /** A published notice straight from the factory, for ratings. */
    plainNotice: () => makeNotice(t.db, { regionId: X, title: `光明社区通知 ${++n}`, status: 'published' }),
    caseOfA: () => openCase(t, w, { userId: w.residentA.id }),
    unlinkedCase: () => openCase(t, w),
    caseInCorrection: async () => {
      const c = await openCase(t, w, { userId: w.residentA.id });
      ok(await t.request('POST', `/api/cases/${c.id}/correction`, { ...as(w.worker), body: { materials: ['户口簿'], dueOn: '2026-12-10' } }), 'correction');
      return c;
    },
    /** Resident A's 差评 of a fresh notice: the open follow-up's id. */
    openFollowup: async (): Promise<number> => {
      const notice = await m.plainNotice();
      const r = ok(
        await t.request('PUT', '/api/ratings', { ...as(w.residentA), body: { targetType: 'notice', targetId: notice.id, level: 2, tags: ['slow'], comment: '办理太慢。' } }),
        'bad rating',
      ) as { followup: { id: number } };
      return r.followup.id;
    },
    repliedFollowup: async (): Promise<number> => {
      const id = await m.openFollowup();
      ok(await t.request('POST', `/api/followups/${id}/reply`, { ...as(w.worker), body: { verification: '经核实属实。', reply: '已加快办理，感谢监督。' } }), 'reply');
      return id;
    },
    appealedFollowup: async (): Promise<number> => {
      const id = await m.openFollowup();
      ok(await t.request('POST', `/api/followups/${id}/appeal`, { ...as(w.worker), body: { reason: '评价对象有误，该事项不由本社区办理。' } }), 'appeal');
      return id;
    },
    /** A consultation that opened and closed without comments (made in the past: the clock goes back and returns). */
    closedConsultation: async (): Promise<number> => {
      const now = t.app.get(Clock).now().toISOString();
      setClock(t, SETUP_AT);
      try {
        return (await createConsultation(t, w.reviewer.token, { regionId: X, opensAt: OPENS, closesAt: SHORT_CLOSE, title: `光明社区议事规则之${++n}（征求意见稿）` })).id;
      } finally {
        setClock(t, now);
      }
    },
    /** A new resident of X writes a comment on the open consultation (each has their own rate limit). */
    commentOfNewResident: async (body = '建议增加非机动车停放区域。'): Promise<number> => {
      const p = await resident(t, `o_sec_c${++n}_${Date.now().toString(36)}`, '郑十', X);
      const r = ok(await t.request('POST', `/api/consultations/${openId}/comments`, { token: p.token, body: { body } }), 'comment') as { comment: { id: number } };
      return r.comment.id;
    },
    /** A comment held for review (the fake WeChat's __REVIEW__ marker). */
    heldComment: () => m.commentOfNewResident('__REVIEW__ 建议增加非机动车停放区域。'),
    upload: async (): Promise<{ id: number }> => {
      const file = multipart([{ filename: '现场照片.jpg', contentType: 'image/jpeg', content: await jpeg() }]);
      return ok(await t.request('POST', '/api/uploads', { ...as(w.worker), ...file }), 'upload') as { id: number };
    },
    table: async (): Promise<{ id: number }> => {
      const file = multipart([{ filename: '名单.xlsx', content: await xlsx([['姓名', '金额'], ['张三', 500]]) }], { title: '低保名单' });
      return ok(await t.request('POST', '/api/notice-tables/import', { ...as(w.worker), ...file }), 'table') as { id: number };
    },
    invite: async (role = 'grid_worker', regionId = X): Promise<{ id: number; code: string }> =>
      ok(await t.request('POST', '/api/staff/invites', { ...as(w.admin), body: { role, regionId } }), 'invite') as { id: number; code: string },
    /** Takes back every role the user got from an invite (fixtures' own grants have no granter). */
    revokeInvitedRoles: async (userId: number) => {
      await t.db.getRepository(StaffRoleGrant).update({ userId, revokedAt: IsNull(), grantedBy: Not(IsNull()) }, { revokedAt: new Date() });
    },
    /** A grid-worker grant over X for a new user: the grant id. */
    grant: async (): Promise<number> => {
      const login = await t.login(`o_sec_g${++n}_${Date.now().toString(36)}`);
      return (await grantRole(t.db, login.user.id, 'grid_worker', X)).id;
    },
    seq: () => ++n,
    commentsGoTo: (consultationId: number) => {
      openId = consultationId;
    },
  };
  return m;
}

export { APPLICANT };
