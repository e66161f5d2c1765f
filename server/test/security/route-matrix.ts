import { wechatSignature } from '../../src/modules/push/events/wechat-signature';
import { APPLICANT } from '../support/case-fixtures';
import { consultationBody } from '../support/consultation-fixtures';
import { multipart } from '../support/multipart';
import { noticeInput } from '../support/notice-fixtures';
import { jpeg, xlsx } from './fixtures';
import type { Expectations, MatrixRow, Outcome, RowContext } from './matrix-types';

/*
 * The authorisation matrix: every route the server registers, the call each of the seven callers
 * makes (see actors.ts), and what each must get. Region X is 光明社区; the targets (fixtures.ts)
 * live there and, where a resident owns one, resident A owns it.
 *
 * Reading a row: `OWNER_OR_STAFF(200)` means resident A and staff covering X get 200, resident B
 * 404 (another resident's thing does not exist for them), staff outside X 403, no token 401.
 * Refusals are 401/403/404 only: every allowed caller sends a valid body, so a refused caller's
 * answer comes from the access check, not from validation.
 */

/** The one origin CORS_ORIGINS lists in the matrix's server. */
export const ALLOWED_ORIGIN = 'https://admin.sunboard.example';

const all = (s: Outcome): Expectations => ({ anon: s, residentA: s, residentB: s, gridIn: s, gridOut: s, reviewer: s, admin: s });
/** Any logged-in caller; no token 401. */
const LOGGED_IN = (s: Outcome): Expectations => ({ ...all(s), anon: 401 });
/** Staff covering X (any staff role); residents 403 (not staff), staff elsewhere 403. */
const STAFF_OF_X = (s: Outcome): Expectations => ({ anon: 401, residentA: 403, residentB: 403, gridIn: s, gridOut: 403, reviewer: s, admin: s });
/** Reviewers and admins covering X; grid workers 403. */
const REVIEWERS_OF_X = (s: Outcome): Expectations => ({ anon: 401, residentA: 403, residentB: 403, gridIn: 403, gridOut: 403, reviewer: s, admin: s });
/** Admins only. */
const ADMIN = (s: Outcome): Expectations => ({ anon: 401, residentA: 403, residentB: 403, gridIn: 403, gridOut: 403, reviewer: 403, admin: s });
/** Resident A's own thing: A and staff covering X; resident B 404; staff elsewhere 403. */
const OWNER_OR_STAFF = (s: Outcome): Expectations => ({ anon: 401, residentA: s, residentB: 404, gridIn: s, gridOut: 403, reviewer: s, admin: s });
/** The caller's own list: A sees the item, nobody else does. */
const OWN_LIST: Expectations = { anon: 401, residentA: '200+', residentB: '200-', gridIn: '200-', gridOut: '200-', reviewer: '200-', admin: '200-' };
/** A staff list scoped to the caller's regions: staff of X see the item, staff elsewhere do not. */
const SCOPED_STAFF_LIST: Expectations = { anon: 401, residentA: 403, residentB: 403, gridIn: '200+', gridOut: '200-', reviewer: '200+', admin: '200+' };

const X = (c: RowContext) => c.w.world.tree.communityA1.id;
const T = (c: RowContext) => c.w.targets;
const signed = (c: RowContext) => {
  const timestamp = '1764472800';
  const nonce = `n${c.actor}`;
  return { signature: wechatSignature(c.t.config.wechatPushToken!, timestamp, nonce), timestamp, nonce };
};
const jpegUpload = async () => multipart([{ filename: '现场照片.jpg', contentType: 'image/jpeg', content: await jpeg() }]);

export const ROUTE_MATRIX: MatrixRow[] = [
  // ── the h5 app, the OpenAPI document, CORS preflight, health ──
  { route: /^(GET|HEAD) \/(index\.html|favicon\.png|(js|css|static|assets)\/.+)?$/, label: 'h5 files', request: () => ({ url: '/index.html' }), expect: all(200) },
  { route: 'GET /api/docs', request: () => ({}), expect: all(200) },
  { route: 'GET /api/docs-json', request: () => ({}), expect: all(200) },
  { route: 'GET /api/docs/init.js', request: () => ({}), expect: all(200) },
  { route: 'GET /api/docs/assets/*', request: () => ({ url: '/api/docs/assets/swagger-ui.css' }), expect: all(200) },
  {
    route: 'OPTIONS *',
    request: () => ({ url: '/api/notices', headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST' } }),
    check: (_, res) => (res.headers['access-control-allow-origin'] === ALLOWED_ORIGIN ? null : `allow-origin is ${String(res.headers['access-control-allow-origin'])}`),
    expect: all(204),
  },
  {
    route: 'OPTIONS *',
    label: 'an origin not listed',
    request: () => ({ url: '/api/notices', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } }),
    // The browser refuses the cross-origin call because no allow-origin header comes back.
    check: (_, res) => (res.headers['access-control-allow-origin'] === undefined ? null : `allow-origin is ${String(res.headers['access-control-allow-origin'])}`),
    expect: all(204),
  },
  { route: 'GET /api/health', request: () => ({}), expect: all(200) },
  { route: 'GET /api/client-config', request: () => ({}), expect: all(200) },
  { route: 'GET /api/catalog', request: () => ({}), expect: all(200) },

  // ── login and the caller's own settings ──
  { route: 'POST /api/auth/wechat', request: async (c) => ({ body: { code: await c.t.loginCode(`o_sec_login_${c.actor}`) } }), expect: all(200) },
  { route: 'GET /api/me', request: () => ({}), expect: LOGGED_IN(200) },
  { route: 'PATCH /api/me', request: () => ({ body: { elderMode: false } }), expect: LOGGED_IN(200) },
  { route: 'GET /api/subscriptions', request: () => ({}), expect: LOGGED_IN(200) },
  { route: 'PUT /api/subscriptions', request: (c) => ({ body: { topics: [{ regionId: X(c) }] } }), expect: LOGGED_IN(200) },
  { route: 'GET /api/subscriptions/credits', request: () => ({}), expect: LOGGED_IN(200) },
  { route: 'POST /api/subscriptions/credits', request: (c) => ({ body: { results: { [T(c).templateId]: 'accept' } } }), expect: LOGGED_IN(200) },
  { route: 'GET /api/push/templates', request: () => ({}), expect: all(200) },

  // ── regions, calendar, case types: public reads, admin writes ──
  { route: 'GET /api/regions', request: () => ({}), expect: all(200) },
  { route: 'GET /api/regions/:id', request: (c) => ({ params: { id: X(c) } }), expect: all(200) },
  {
    route: 'POST /api/regions',
    request: (c) => ({ body: { code: `SEC-${c.actor}-${c.w.make.seq()}`, name: '安全测试网格', level: 'grid', parentId: X(c) } }),
    expect: ADMIN(201),
  },
  {
    route: 'POST /api/regions/import',
    request: (c) => multipart([{ filename: 'regions.csv', contentType: 'text/csv', content: `code,name,level,parent code\nSEC-IMPORT-1,安全测试导入网格,grid,${c.w.world.tree.communityA1.code}\n` }]),
    expect: ADMIN(200),
  },
  { route: 'PATCH /api/regions/:id', request: (c) => ({ params: { id: c.w.world.tree.gridA1.id }, body: { name: '光明社区网格一' } }), expect: ADMIN(200) },
  { route: 'GET /api/calendar', request: () => ({ query: { from: '2026-11-01', to: '2026-12-31' } }), expect: all(200) },
  { route: 'PUT /api/admin/calendar/days/:date', request: () => ({ params: { date: '2027-02-06' }, body: { work: true, name: '春节调休上班' } }), expect: ADMIN(200) },
  { route: 'DELETE /api/admin/calendar/days/:date', request: () => ({ params: { date: '2027-02-06' } }), expect: ADMIN(200) },
  { route: 'PUT /api/admin/calendar/years/:year', request: () => ({ params: { year: 2027 }, body: { confirmed: false } }), expect: ADMIN(200) },
  { route: 'GET /api/case-types', request: () => ({}), expect: all(200) },
  { route: 'GET /api/case-types/:id', request: (c) => ({ params: { id: c.w.world.dibao.id } }), expect: all(200) },
  { route: 'GET /api/admin/case-types', request: () => ({}), expect: ADMIN(200) },
  {
    route: 'POST /api/admin/case-types',
    request: (c) => ({ body: { ...T(c).caseType.body, name: `安全测试事项${c.w.make.seq()}` } }),
    expect: ADMIN(201),
  },
  { route: 'PUT /api/admin/case-types/:id', request: (c) => ({ params: { id: T(c).caseType.id }, body: T(c).caseType.body }), expect: ADMIN(200) },

  // ── staff: invites and grants ──
  { route: 'POST /api/staff/invites', request: (c) => ({ body: { role: 'grid_worker', regionId: X(c) } }), expect: ADMIN(201) },
  { route: 'GET /api/staff/invites', request: () => ({}), expect: ADMIN(200) },
  { route: 'DELETE /api/staff/invites/:id', request: async (c) => ({ params: { id: (await c.w.make.invite()).id } }), expect: ADMIN(204) },
  {
    route: 'POST /api/staff/claim',
    // A reviewer's invite for 建设路社区 (nobody holds that role); taken back at once, so later rows keep their seven callers.
    request: async (c) => ({ body: { code: (await c.w.make.invite('reviewer', c.w.world.tree.communityA2.id)).code } }),
    after: async (c, res) => {
      if (res.status === 200) await c.w.make.revokeInvitedRoles(c.w.member[c.actor]!.id);
    },
    expect: LOGGED_IN(200),
    note: 'an invite code is the credential: whoever holds one may claim it',
  },
  { route: 'GET /api/staff', request: () => ({}), expect: ADMIN(200) },
  { route: 'DELETE /api/staff/:grantId', request: async (c) => ({ params: { grantId: await c.w.make.grant() } }), expect: ADMIN(204) },

  // ── notices: the public side ──
  { route: 'GET /api/notices', request: (c) => ({ query: { regionId: X(c) }, item: T(c).published.id }), expect: all('200+') },
  { route: 'GET /api/notices', label: 'a draft never shows', request: (c) => ({ query: { regionId: X(c) }, item: T(c).draft.id }), expect: all('200-') },
  { route: 'GET /api/notices/:id', request: (c) => ({ params: { id: T(c).published.id } }), expect: all(200) },
  { route: 'GET /api/notices/:id', label: 'a draft', request: (c) => ({ params: { id: T(c).draft.id } }), expect: all(404) },
  { route: 'GET /api/notices/:id/versions', request: (c) => ({ params: { id: T(c).published.id } }), expect: all(200) },
  { route: 'GET /api/notices/:id/versions/:version', request: (c) => ({ params: { id: T(c).published.id, version: 1 } }), expect: all(200) },
  { route: 'GET /api/notices/:id/versions/:version', label: 'a draft', request: (c) => ({ params: { id: T(c).draft.id, version: 1 } }), expect: all(404) },
  { route: 'GET /api/notices/:id/qrcode', request: (c) => ({ params: { id: T(c).published.id } }), expect: all(200) },
  { route: 'GET /api/notices/:id/qrcode', label: 'a draft', request: (c) => ({ params: { id: T(c).draft.id } }), expect: all(404) },
  { route: 'GET /api/notices/:id/poster.pdf', request: (c) => ({ params: { id: T(c).published.id } }), expect: all(200) },
  { route: 'GET /api/notices/:id/poster.pdf', label: 'a draft', request: (c) => ({ params: { id: T(c).draft.id } }), expect: all(404) },

  // ── notices: writing and reviewing (先审后发) ──
  { route: 'POST /api/notices', request: (c) => ({ body: noticeInput(X(c)) }), expect: STAFF_OF_X(201) },
  { route: 'PATCH /api/notices/:id', request: (c) => ({ params: { id: T(c).draft.id }, body: { timeLimit: '自信息形成之日起20个工作日内' } }), expect: STAFF_OF_X(200) },
  {
    route: 'PATCH /api/notices/:id',
    label: 'moving a draft to 湛南社区',
    request: async (c) => ({ params: { id: (await c.w.make.draftNotice()).id }, body: { regionId: c.w.world.tree.communityB1.id } }),
    expect: { ...STAFF_OF_X(403), admin: 200 },
    note: 'the new region must be in scope too: only the district admin covers both',
  },
  {
    route: 'POST /api/notices/:id/submit',
    request: async (c) => ({ params: { id: (await c.w.make.draftNotice()).id } }),
    expect: { anon: 401, residentA: 403, residentB: 403, gridIn: 200, gridOut: 403, reviewer: 403, admin: 403 },
    note: 'only the author submits (gridIn wrote every draft)',
  },
  { route: 'POST /api/notices/:id/approve', request: async (c) => ({ params: { id: (await c.w.make.pendingNotice()).id }, body: { confidentialityChecked: true } }), expect: REVIEWERS_OF_X(200) },
  { route: 'POST /api/notices/:id/reject', request: async (c) => ({ params: { id: (await c.w.make.pendingNotice()).id }, body: { reason: '请补充依据' } }), expect: REVIEWERS_OF_X(200) },
  { route: 'POST /api/notices/:id/withdraw', request: async (c) => ({ params: { id: (await c.w.make.publishedNotice()).id }, body: { reason: '内容有误，暂时撤回' } }), expect: REVIEWERS_OF_X(200) },
  { route: 'GET /api/staff/notices', request: (c) => ({ item: T(c).draft.id }), expect: SCOPED_STAFF_LIST },
  { route: 'GET /api/staff/notices/:id', request: (c) => ({ params: { id: T(c).draft.id } }), expect: STAFF_OF_X(200) },
  { route: 'GET /api/staff/notices/:id/reach', request: (c) => ({ params: { id: T(c).published.id } }), expect: STAFF_OF_X(200) },
  { route: 'GET /api/audit', request: (c) => ({ query: { targetType: 'notice', targetId: T(c).published.id } }), expect: STAFF_OF_X(200) },
  { route: 'GET /api/audit', label: "A's case", request: (c) => ({ query: { targetType: 'case', targetId: T(c).caseA.id } }), expect: STAFF_OF_X(200) },
  { route: 'GET /api/audit', label: "A's follow-up", request: (c) => ({ query: { targetType: 'followup', targetId: T(c).followupA.id } }), expect: STAFF_OF_X(200) },
  { route: 'GET /api/push/figures', request: (c) => ({ query: { noticeId: T(c).published.id } }), expect: STAFF_OF_X(200) },
  { route: 'GET /api/push/figures', label: 'by region', request: (c) => ({ query: { regionId: X(c) } }), expect: STAFF_OF_X(200) },

  // ── uploads and 公示 tables ──
  { route: 'POST /api/uploads', request: () => jpegUpload(), expect: { ...STAFF_OF_X(201), gridOut: 201 }, note: 'an upload belongs to no region until a notice or case in scope takes it' },
  { route: 'GET /api/uploads/:id/:variant', request: (c) => ({ params: { id: T(c).upload.id, variant: 'file' } }), expect: { ...all(404), gridIn: 200 }, note: 'not attached yet: its uploader only' },
  { route: 'GET /api/uploads/:id/:variant', label: 'a photo of a published notice', request: (c) => ({ params: { id: T(c).noticeUpload.id, variant: 'thumb' } }), expect: all(200) },
  {
    route: 'GET /api/uploads/:id/:variant',
    label: "a photo on A's case",
    request: (c) => ({ params: { id: T(c).caseUpload.id, variant: 'file' } }),
    expect: { ...OWNER_OR_STAFF(200), anon: 404, gridOut: 404 },
    note: 'uploads answer 404 to anyone who may not read them, staff elsewhere included',
  },
  { route: 'DELETE /api/uploads/:id', request: async (c) => ({ params: { id: (await c.w.make.upload()).id } }), expect: { ...all(404), anon: 401, gridIn: 204 }, note: "one's own unused uploads only" },
  {
    route: 'POST /api/notice-tables/import',
    request: async () => multipart([{ filename: '名单.xlsx', content: await xlsx([['姓名', '金额'], ['李四', 300]]) }]),
    expect: { ...STAFF_OF_X(201), gridOut: 201 },
    note: 'a table belongs to no region until a notice in scope takes it',
  },
  { route: 'GET /api/notice-tables/:id', request: (c) => ({ params: { id: T(c).table.id } }), expect: { ...all(404), gridIn: 200 }, note: 'not attached yet: its importer only' },
  { route: 'DELETE /api/notice-tables/:id', request: async (c) => ({ params: { id: (await c.w.make.table()).id } }), expect: { ...all(404), anon: 401, gridIn: 204 } },

  // ── cases (办件) ──
  { route: 'GET /api/cases/mine', request: (c) => ({ item: T(c).caseA.id }), expect: OWN_LIST },
  {
    route: 'POST /api/cases/claim',
    request: async (c) => ({ body: { caseNo: (await c.w.make.unlinkedCase()).caseNo, name: APPLICANT.name, phoneLast4: APPLICANT.phone.slice(-4) } }),
    expect: LOGGED_IN(200),
    note: 'the case number with the applicant’s name and phone digits is the credential (throttled)',
  },
  { route: 'GET /api/cases/:id', request: (c) => ({ params: { id: T(c).caseA.id } }), expect: OWNER_OR_STAFF(200) },
  {
    route: 'POST /api/cases',
    request: (c) => ({ body: { caseTypeId: c.w.world.dibao.id, regionId: X(c), applicant: { name: APPLICANT.name, phone: APPLICANT.phone } } }),
    expect: STAFF_OF_X(201),
  },
  { route: 'POST /api/cases/:id/progress', request: async (c) => ({ params: { id: (await c.w.make.caseOfA()).id }, body: { position: 2, note: '受理' } }), expect: STAFF_OF_X(200) },
  {
    route: 'POST /api/cases/:id/correction',
    request: async (c) => ({ params: { id: (await c.w.make.caseOfA()).id }, body: { materials: ['户口簿'], dueOn: '2026-12-10' } }),
    expect: STAFF_OF_X(200),
  },
  { route: 'POST /api/cases/:id/resume', request: async (c) => ({ params: { id: (await c.w.make.caseInCorrection()).id }, body: { note: '材料已补齐' } }), expect: STAFF_OF_X(200) },
  { route: 'POST /api/cases/:id/finish', request: async (c) => ({ params: { id: (await c.w.make.caseOfA()).id }, body: { result: 'approved', reason: '符合条件' } }), expect: REVIEWERS_OF_X(200) },
  { route: 'GET /api/staff/cases', request: (c) => ({ item: T(c).caseA.id }), expect: SCOPED_STAFF_LIST },
  { route: 'GET /api/staff/cases', label: 'asking for X by name', request: (c) => ({ query: { regionId: X(c) } }), expect: STAFF_OF_X(200) },
  { route: 'GET /api/staff/cases/residents', request: (c) => ({ query: { regionId: X(c) } }), expect: STAFF_OF_X(200) },

  // ── consultations (征求意见) ──
  { route: 'GET /api/consultations', request: (c) => ({ query: { regionId: X(c) }, item: T(c).open.id }), expect: all('200+') },
  { route: 'GET /api/consultations/:id', request: (c) => ({ params: { id: T(c).open.id } }), expect: all(200) },
  { route: 'GET /api/consultations/:id/comments', request: (c) => ({ params: { id: T(c).open.id }, item: T(c).commentA.id }), expect: all('200+') },
  { route: 'GET /api/consultations/mine/comments', request: (c) => ({ item: T(c).commentA.id }), expect: OWN_LIST },
  { route: 'GET /api/consultations/staff', request: (c) => ({ item: T(c).open.id }), expect: SCOPED_STAFF_LIST },
  { route: 'GET /api/consultations/moderation', request: () => ({}), expect: REVIEWERS_OF_X(200) },
  {
    route: 'POST /api/consultations',
    request: (c) => ({ body: consultationBody({ regionId: X(c), opensAt: '2026-12-02T10:00:00+08:00', closesAt: '2026-12-05T18:00:00+08:00' }) }),
    expect: REVIEWERS_OF_X(201),
  },
  { route: 'PATCH /api/consultations/:id', request: (c) => ({ params: { id: T(c).upcoming.id }, body: { contact: '社区居委会 0375-7654321' } }), expect: REVIEWERS_OF_X(200) },
  { route: 'PUT /api/consultations/:id/follow', request: (c) => ({ params: { id: T(c).open.id } }), expect: LOGGED_IN(200) },
  { route: 'DELETE /api/consultations/:id/follow', request: (c) => ({ params: { id: T(c).open.id } }), expect: LOGGED_IN(200) },
  {
    route: 'POST /api/consultations/:id/comments',
    request: (c) => ({ params: { id: T(c).open.id }, body: { body: `第${c.w.make.seq()}条建议：增加访客临时车位。` } }),
    expect: { anon: 401, residentA: 201, residentB: 201, gridIn: 403, gridOut: 403, reviewer: 403, admin: 403 },
    note: 'residents of X only; staff here have no home region',
  },
  {
    route: 'POST /api/consultations/:id/proxy-comments',
    request: (c) => ({ params: { id: T(c).open.id }, body: { body: `代录意见${c.w.make.seq()}：希望增设老年人专用车位。`, residentName: '王大爷', residentPhone: '13812345678' } }),
    expect: STAFF_OF_X(201),
  },
  { route: 'GET /api/consultations/:id/staff-comments', request: (c) => ({ params: { id: T(c).open.id } }), expect: STAFF_OF_X(200) },
  {
    route: 'POST /api/consultations/:id/answers',
    request: (c) => ({ params: { id: T(c).closed.id }, body: { answers: [{ commentId: T(c).commentClosed.id, adoption: 'adopted', reason: '已采纳，将在每栋楼设置分类垃圾桶。' }] } }),
    expect: STAFF_OF_X(200),
  },
  {
    route: 'POST /api/consultations/:id/conclude',
    request: async (c) => ({ params: { id: await c.w.make.closedConsultation() }, body: { changeSummary: '未收到意见，按原稿实施。' } }),
    expect: REVIEWERS_OF_X(200),
  },
  { route: 'GET /api/consultations/:id/counts', request: (c) => ({ params: { id: T(c).closed.id } }), expect: STAFF_OF_X(200) },
  { route: 'GET /api/consultations/:id/export', request: (c) => ({ params: { id: T(c).closed.id } }), expect: STAFF_OF_X(200) },
  { route: 'POST /api/consultation-comments/:id/support', request: (c) => ({ params: { id: T(c).commentA.id } }), expect: LOGGED_IN(200) },
  { route: 'POST /api/consultation-comments/:id/report', request: async (c) => ({ params: { id: await c.w.make.commentOfNewResident() }, body: { reason: '广告' } }), expect: LOGGED_IN(200) },
  { route: 'POST /api/consultation-comments/:id/moderate', request: async (c) => ({ params: { id: await c.w.make.heldComment() }, body: { action: 'approve' } }), expect: REVIEWERS_OF_X(200) },
  { route: 'POST /api/consultation-comments/:id/replies', request: (c) => ({ params: { id: T(c).commentA.id }, body: { body: '感谢您的建议，社区将认真研究。' } }), expect: STAFF_OF_X(201) },

  // ── ratings (好差评) and follow-ups ──
  { route: 'PUT /api/ratings', request: (c) => ({ body: { targetType: 'notice', targetId: T(c).rateable.id, level: 5, tags: ['clear_info'] } }), expect: LOGGED_IN(200), note: 'staff rate as residents do' },
  {
    route: 'PUT /api/ratings',
    label: "A's finished case",
    request: (c) => ({ body: { targetType: 'case', targetId: T(c).finishedCase.id, level: 4 } }),
    expect: { anon: 401, residentA: 200, residentB: 404, gridIn: 403, gridOut: 404, reviewer: 403, admin: 403 },
    note: 'a case is rated by its applicant only; to callers who may not see it, it does not exist',
  },
  { route: 'GET /api/ratings/target', request: (c) => ({ query: { targetType: 'notice', targetId: T(c).published.id } }), expect: all(200) },
  {
    route: 'GET /api/ratings/target',
    label: "A's case",
    request: (c) => ({ query: { targetType: 'case', targetId: T(c).finishedCase.id } }),
    expect: { ...OWNER_OR_STAFF(200), anon: 404, gridOut: 404 },
    note: 'to callers who may not see the case, it does not exist',
  },
  { route: 'GET /api/ratings/mine', request: (c) => ({ item: T(c).ratingA.id }), expect: OWN_LIST },
  { route: 'GET /api/ratings/:id', request: (c) => ({ params: { id: T(c).ratingA.id } }), expect: OWNER_OR_STAFF(200) },
  { route: 'GET /api/staff/followups', request: (c) => ({ item: T(c).followupA.id }), expect: SCOPED_STAFF_LIST },
  { route: 'GET /api/staff/followups', label: 'asking for X by name', request: (c) => ({ query: { regionId: X(c) } }), expect: STAFF_OF_X(200) },
  { route: 'GET /api/followups/:id', request: (c) => ({ params: { id: T(c).followupA.id } }), expect: OWNER_OR_STAFF(200) },
  {
    route: 'POST /api/followups/:id/reply',
    request: async (c) => ({ params: { id: await c.w.make.openFollowup() }, body: { verification: '经核实属实。', reply: '已整改，感谢监督。' } }),
    expect: STAFF_OF_X(200),
  },
  {
    route: 'POST /api/followups/:id/confirm',
    request: async (c) => ({ params: { id: await c.w.make.repliedFollowup() }, body: { satisfied: true } }),
    expect: { anon: 401, residentA: 200, residentB: 404, gridIn: 403, gridOut: 403, reviewer: 403, admin: 403 },
    note: 'the rater only',
  },
  {
    route: 'POST /api/followups/:id/appeal',
    request: async (c) => ({ params: { id: await c.w.make.openFollowup() }, body: { reason: '评价对象有误，该事项不由本社区办理。' } }),
    expect: STAFF_OF_X(200),
  },
  {
    route: 'POST /api/followups/:id/appeal/decision',
    request: async (c) => ({ params: { id: await c.w.make.appealedFollowup() }, body: { upheld: false, note: '申诉理由不成立。' } }),
    expect: REVIEWERS_OF_X(200),
  },

  // ── the message centre ──
  { route: 'GET /api/inbox', request: (c) => ({ item: T(c).inboxA.id }), expect: OWN_LIST },
  { route: 'GET /api/inbox/unread-count', request: () => ({}), expect: LOGGED_IN(200) },
  { route: 'POST /api/inbox/read-all', request: () => ({}), expect: LOGGED_IN(200) },
  { route: 'POST /api/inbox/:id/read', request: (c) => ({ params: { id: T(c).inboxA.id } }), expect: { ...all(404), anon: 401, residentA: 200 }, note: 'a message is its recipient’s only, staff included' },

  // ── figures for the office ──
  { route: 'GET /api/dashboard', request: (c) => ({ query: { regionId: X(c) } }), expect: STAFF_OF_X(200) },
  { route: 'GET /api/dashboard', label: 'the street above X', request: (c) => ({ query: { regionId: c.w.world.tree.streetA.id } }), expect: { ...REVIEWERS_OF_X(200), gridIn: 403 } },
  { route: 'GET /api/dashboard/export', request: (c) => ({ query: { regionId: X(c) } }), expect: STAFF_OF_X(200) },
  { route: 'GET /api/reports/yearly', request: (c) => ({ query: { regionId: X(c), year: 2026 } }), expect: STAFF_OF_X(200) },
  { route: 'GET /api/reports/yearly', label: 'the district', request: (c) => ({ query: { regionId: c.w.world.tree.district.id, year: 2026 } }), expect: ADMIN(200) },
  { route: 'GET /api/reports/yearly/export', request: (c) => ({ query: { regionId: X(c), year: 2026 } }), expect: STAFF_OF_X(200) },

  // ── WeChat's message push: authenticated by its signature, never by a bearer token ──
  { route: 'GET /api/wechat/events', request: (c) => ({ query: { ...signed(c), echostr: 'echo-ok' }, noToken: true }), expect: all(200) },
  { route: 'GET /api/wechat/events', label: 'unsigned', request: () => ({ query: { echostr: 'echo-ok' } }), expect: all(401) },
  {
    route: 'POST /api/wechat/events',
    request: (c) => ({ query: signed(c), noToken: true, body: { ToUserName: 'gh_test', FromUserName: 'o_nobody', CreateTime: 1764472800, MsgType: 'event', Event: 'user_enter_tempsession' } }),
    expect: all(200),
  },
  {
    route: 'POST /api/wechat/events',
    label: 'bad signature',
    request: (c) => ({ query: { ...signed(c), signature: '0'.repeat(40) }, body: { MsgType: 'event', Event: 'user_enter_tempsession' } }),
    expect: all(403),
  },
];
