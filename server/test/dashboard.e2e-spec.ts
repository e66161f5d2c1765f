import ExcelJS from 'exceljs';
import type { CommentResultDto, DashboardDto, NoticeReachDto, PushFiguresDto, RatingDto, StaffFollowupDto } from '@sunboard/shared';
import { businessDate } from '../src/common/clock/business-date';
import { toSqlTime } from '../src/modules/notices/search/sql-time';
import { makeNotice } from './factories/notices';
import { createConsultation, resident, setClock } from './support/consultation-fixtures';
import { publishWithOutbox, residents } from './support/dispatcher-fixtures';
import { type Person, person, staffOf } from './support/notice-fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { libraryWorkingDaysAfter } from './support/working-days';

type Err = { code: string; message: string; details?: Array<{ path: string; reason: string }> };

/** An instant written in Beijing time. */
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

/**
 * The office's dashboard over Oct–Dec 2025 (the clock stands at 2025-12-10 10:00 Beijing), from rows
 * made through the real routes: ratings on both sides of the Beijing month boundary (31 Oct 23:30 is
 * October, 1 Nov 00:30 — still 31 Oct in UTC — is November), a 差评 answered on time and confirmed,
 * one never answered (overdue), one answered late, one whose appeal was upheld (left out), ratings
 * outside 马庄街道; notices read by residents inside and outside their scope; a consultation with a
 * hidden and a 代录 comment; messages in 曹镇乡 this month. The figures are checked against hand counts
 * and against the per-notice reach and the push figures routes; the xlsx export is read back.
 */
describe('dashboard', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staffOf>>;
  const r: Record<string, Person> = {};
  const notices: Record<string, number> = {};
  const followups: Record<string, number> = {};

  const dashboard = (p: Person | null, query: Record<string, string | number>) =>
    t.request<DashboardDto & Err>('GET', '/api/dashboard', { token: p?.token, query });

  const rate = async (who: Person, noticeId: number, level: number, at: string): Promise<RatingDto> => {
    setClock(t, bj(at));
    const res = await t.request<RatingDto>('PUT', '/api/ratings', { token: who.token, body: { targetType: 'notice', targetId: noticeId, level } });
    if (res.status !== 200) throw new Error(`rate: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const act = async (who: Person, path: string, body: unknown, at: string) => {
    setClock(t, bj(at));
    const res = await t.request<StaffFollowupDto>('POST', path, { token: who.token, body });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const read = async (who: Person, noticeId: number) => expect((await t.request('GET', `/api/notices/${noticeId}`, { token: who.token })).status).toBe(200);

  beforeAll(async () => {
    // No dispatcher: outbox rows keep the status the test gives them.
    t = await startTestApp({ env: { PUSH_DISPATCHER: 'false' } });
    s = await staffOf(t);
    const tree = s.tree;
    r.a1 = s.resident; // home 光明社区
    r.a1b = await resident(t, 'o_dash_a1b', '李四', tree.communityA1.id);
    r.a1c = await resident(t, 'o_dash_a1c', '赵六', tree.communityA1.id);
    r.grid = await resident(t, 'o_dash_grid', '王五', tree.gridA1.id);
    r.a2 = await resident(t, 'o_dash_a2', '钱七', tree.communityA2.id);
    r.a2b = await resident(t, 'o_dash_a2b', '孙八', tree.communityA2.id);
    r.b1 = await resident(t, 'o_dash_b1', '周九', tree.communityB1.id);

    const published = (regionId: number, domain: string, at: string) => makeNotice(t.db, { regionId, domain: domain as never, publishedAt: new Date(bj(at)) }).then((n) => n.id);
    notices.a1 = await published(tree.communityA1.id, 'social_assistance', '2025-10-09T09:00:00');
    notices.a2 = await published(tree.communityA2.id, 'health', '2025-10-10T09:00:00');
    notices.street = await published(tree.streetA.id, 'municipal_service', '2025-10-11T09:00:00');
    notices.grid = await published(tree.gridA1.id, 'social_assistance', '2025-10-12T09:00:00');
    notices.b1 = await published(tree.communityB1.id, 'social_assistance', '2025-10-13T09:00:00');
    notices.old = await published(tree.communityA1.id, 'social_assistance', '2025-09-30T23:00:00');

    // Ratings either side of the Beijing month boundary.
    await rate(r.a1, notices.a1, 5, '2025-10-31T23:30:00');
    followups.onTime = (await rate(r.a1b, notices.a1, 1, '2025-10-31T23:30:00')).followup!.id;
    await rate(r.a2, notices.a2, 4, '2025-11-01T00:30:00');
    followups.overdue = (await rate(r.a1c, notices.a1, 2, '2025-11-01T00:30:00')).followup!.id;
    await rate(r.a1, notices.street, 3, '2025-11-15T10:00:00');
    followups.appealed = (await rate(r.grid, notices.grid, 2, '2025-11-15T10:00:00')).followup!.id;
    followups.late = (await rate(r.a2b, notices.a2, 1, '2025-11-20T10:00:00')).followup!.id;
    followups.elsewhere = (await rate(r.b1, notices.b1, 1, '2025-11-20T10:00:00')).followup!.id;
    // A rating of a target without a domain (no route makes one today): counted under 其他.
    await t.db.query(
      'INSERT INTO rating (target_type, target_id, region_id, domain, user_id, level, tags, comment, comment_held, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?, NULL, 0, ?, ?)',
      ['case', 999_999, tree.communityA2.id, r.a2.id, 4, '[]', toSqlTime(new Date(bj('2025-12-02T10:00:00'))), toSqlTime(new Date(bj('2025-12-02T10:00:00')))],
    );

    const reply = { verification: '已核实情况属实', reply: '已安排工作人员上门处理', fixed: '已整改' };
    await act(s.worker, `/api/followups/${followups.onTime}/reply`, reply, '2025-11-03T10:00:00');
    await act(r.a1b, `/api/followups/${followups.onTime}/confirm`, { satisfied: true }, '2025-11-04T10:00:00');
    await act(s.worker, `/api/followups/${followups.appealed}/appeal`, { reason: '评价人误评，与本社区无关' }, '2025-11-17T10:00:00');
    await act(s.reviewer, `/api/followups/${followups.appealed}/appeal/decision`, { upheld: true, note: '经核实申诉成立' }, '2025-11-18T10:00:00');
    await act(s.reviewer, `/api/followups/${followups.late}/reply`, reply, '2025-12-05T10:00:00');

    // Reads: inside each notice's scope, and two that do not count (a reader from elsewhere; a notice
    // of the region below the reader's home).
    for (const [who, id] of [
      [r.a1, notices.a1],
      [r.a1b, notices.a1],
      [r.grid, notices.a1],
      [r.a2, notices.street],
      [r.b1, notices.a1],
      [r.a1, notices.a2],
      [r.a1c, notices.old],
    ] as const) {
      await read(who, id);
    }

    // A consultation of 光明社区 closing 10 Nov (and one of 湛南社区 the same day).
    setClock(t, bj('2025-11-10T09:00:00'));
    const reviewerB = await person(t, [['reviewer', tree.streetB.id]]);
    const c = await createConsultation(t, s.reviewer.token, { regionId: tree.communityA1.id, opensAt: bj('2025-11-10T10:00:00'), closesAt: bj('2025-11-10T12:00:00') });
    await createConsultation(t, reviewerB.token, { regionId: tree.communityB1.id, opensAt: bj('2025-11-10T10:00:00'), closesAt: bj('2025-11-10T12:00:00') });
    setClock(t, bj('2025-11-10T10:30:00'));
    const comment = async (who: Person, body: string) => {
      const res = await t.request<CommentResultDto>('POST', `/api/consultations/${c.id}/comments`, { token: who.token, body: { body } });
      if (res.status !== 201) throw new Error(`comment: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.comment.id;
    };
    const c1 = await comment(r.a1, '建议临时停车每小时收费一元。');
    const c2 = await comment(r.a1, '希望尽快实施。');
    const c3 = await comment(r.a1b, '消防通道要画黄线。');
    const hidden = await comment(r.grid, '这条意见将被隐藏。');
    expect((await t.request('POST', `/api/consultation-comments/${hidden}/moderate`, { token: s.reviewer.token, body: { action: 'hide', reason: '与主题无关' } })).status).toBe(200);
    const proxy = await t.request<CommentResultDto>('POST', `/api/consultations/${c.id}/proxy-comments`, {
      token: s.worker.token,
      body: { body: '老人家说：第四条很好。', residentName: '周大爷', residentPhone: '13812345678' },
    });
    expect(proxy.status).toBe(201);
    setClock(t, bj('2025-11-10T12:00:00'));
    const answered = await t.request('POST', `/api/consultations/${c.id}/answers`, {
      token: s.worker.token,
      body: { answers: [{ commentId: c1, adoption: 'adopted', reason: '已采纳' }, { commentId: c3, adoption: 'not_adopted', reason: '由消防部门统一施划' }] },
    });
    expect(answered.status).toBe(200);
    void c2;

    setClock(t, bj('2025-12-10T10:00:00'));
  });
  afterAll(() => t?.close());

  it('counts satisfaction by level, Beijing month, child region and domain; an upheld appeal is left out', async () => {
    const res = await dashboard(s.reviewer, { regionId: s.tree.streetA.id, from: '2025-10', to: '2025-12' });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d).toMatchObject({ regionId: s.tree.streetA.id, regionName: '马庄街道', from: '2025-10', to: '2025-12', generatedAt: bj('2025-12-10T10:00:00') });
    expect(d.satisfaction).toMatchObject({ total: 7, satisfied: 4, rate: 0.5714, byLevel: { '5': 1, '4': 2, '3': 1, '2': 1, '1': 2 } });
    // 1 Nov 00:30 Beijing is 31 Oct 16:30 UTC: November here.
    expect(d.satisfaction.byMonth).toEqual([
      { month: '2025-10', total: 2, satisfied: 1, rate: 0.5 },
      { month: '2025-11', total: 4, satisfied: 2, rate: 0.5 },
      { month: '2025-12', total: 1, satisfied: 1, rate: 1 },
    ]);
    const byRegion = Object.fromEntries(d.satisfaction.byRegion.map((x) => [x.regionName, [x.regionId, x.total, x.satisfied, x.rate]]));
    expect(byRegion).toEqual({
      光明社区: [s.tree.communityA1.id, 3, 1, 0.3333],
      建设路社区: [s.tree.communityA2.id, 3, 2, 0.6667],
      马庄街道本级: [s.tree.streetA.id, 1, 1, 1],
    });
    expect(d.satisfaction.byRegion[d.satisfaction.byRegion.length - 1].regionName).toBe('马庄街道本级');
    expect(d.satisfaction.byDomain).toEqual([
      { domain: 'social_assistance', domainLabel: '社会救助', total: 3, satisfied: 1, rate: 0.3333 },
      { domain: 'health', domainLabel: '卫生健康', total: 2, satisfied: 1, rate: 0.5 },
      { domain: 'municipal_service', domainLabel: '市政服务', total: 1, satisfied: 1, rate: 1 },
      { domain: null, domainLabel: '其他', total: 1, satisfied: 1, rate: 1 },
    ]);
  });

  it('counts 差评 follow-ups: closed, on time, overdue, satisfied after the reply', async () => {
    // The test's own due dates, from the holiday library.
    expect(libraryWorkingDaysAfter('2025-10-31', 5)).toBe('2025-11-07');
    expect(libraryWorkingDaysAfter('2025-11-20', 5)).toBe('2025-11-27');
    const d = (await dashboard(s.reviewer, { regionId: s.tree.streetA.id, from: '2025-10', to: '2025-12' })).body;
    // on time + confirmed, overdue (never answered), late (answered 5 Dec); the upheld appeal left out.
    expect(d.followups).toEqual({ total: 3, closed: 1, closedRate: 0.3333, onTime: 1, onTimeRate: 0.3333, open: 1, overdue: 1, satisfiedAfterReply: 1 });
    const district = (await dashboard(s.admin, { regionId: s.tree.district.id, from: '2025-10', to: '2025-12' })).body;
    expect(district.followups).toMatchObject({ total: 4, open: 2, overdue: 2, onTime: 1, onTimeRate: 0.25 });
    expect(district.satisfaction).toMatchObject({ total: 8, satisfied: 4 });
    // Before the due date the unanswered one is not overdue yet.
    setClock(t, bj('2025-11-05T10:00:00'));
    const early = (await dashboard(s.reviewer, { regionId: s.tree.streetA.id, from: '2025-10', to: '2025-12' })).body;
    expect(early.followups).toMatchObject({ overdue: 0 });
    setClock(t, bj('2025-12-10T10:00:00'));
  });

  it('sums awareness over the notices published in the period, as the per-notice reach does', async () => {
    const d = (await dashboard(s.reviewer, { regionId: s.tree.streetA.id, from: '2025-10', to: '2025-12' })).body;
    // Audience: 光明社区's notice 3 + 1 (网格一), 建设路社区's 2, 马庄街道's 6, 网格一's 1; readers 3 + 1.
    expect(d.awareness).toEqual({ notices: 4, audience: 13, readers: 4, rate: 0.3077 });
    let residentsInScope = 0;
    let readers = 0;
    for (const id of [notices.a1, notices.a2, notices.street, notices.grid]) {
      const reach = await t.request<NoticeReachDto>('GET', `/api/staff/notices/${id}/reach`, { token: s.reviewer.token });
      expect(reach.status).toBe(200);
      residentsInScope += reach.body.residentsInScope;
      readers += reach.body.readers;
    }
    expect([d.awareness.audience, d.awareness.readers]).toEqual([residentsInScope, readers]);
    // September's notice (read by a resident) belongs to an earlier period.
    const sept = (await dashboard(s.reviewer, { regionId: s.tree.streetA.id, from: '2025-09', to: '2025-09' })).body;
    expect(sept.awareness).toEqual({ notices: 1, audience: 4, readers: 1, rate: 0.25 });
  });

  it('counts consultations closing in the period: comments not hidden, commenters, answers', async () => {
    const d = (await dashboard(s.worker, { regionId: s.tree.communityA1.id, from: '2025-11', to: '2025-11' })).body;
    // Three visible comments by two residents and one 代录 comment; two answered.
    expect(d.consultations).toEqual({ count: 1, comments: 4, commenters: 3, answered: 2, answeredRate: 0.5 });
    expect((await dashboard(s.admin, { regionId: s.tree.district.id, from: '2025-11', to: '2025-11' })).body.consultations.count).toBe(2);
    expect((await dashboard(s.worker, { regionId: s.tree.communityA1.id, from: '2025-12', to: '2025-12' })).body.consultations).toEqual({
      count: 0,
      comments: 0,
      commenters: 0,
      answered: 0,
      answeredRate: null,
    });
  });

  it('counts push messages of the period as the push figures route does', async () => {
    const tree = s.tree;
    const people = await residents(t.db, { count: 6, regionId: tree.village.id, prefix: 'o_dash_push_' });
    const { notice } = await publishWithOutbox(t, tree.village.id);
    const ids = people.map((p) => p.id);
    const setStatus = (userIds: number[], status: string) =>
      t.db.query(`UPDATE push_outbox SET status = ? WHERE notice_id = ? AND user_id IN (${userIds.map(() => '?').join(', ')})`, [status, notice.id, ...userIds]);
    await setStatus(ids.slice(0, 3), 'sent');
    await setStatus(ids.slice(3, 4), 'refused');
    await setStatus(ids.slice(4, 5), 'failed');
    // Messages are written at the real time: this Beijing month.
    const month = businessDate(new Date()).slice(0, 7);
    const d = (await dashboard(s.admin, { regionId: tree.town.id, from: month, to: month })).body;
    expect(d.push).toEqual({ targeted: 6, sent: 3, refused: 1, failed: 1, queued: 1, deliveryRate: 0.5 });
    const start = new Date(`${month}-01T00:00:00+08:00`);
    const next = new Date(start.getTime() + 32 * 86_400_000);
    const end = new Date(`${businessDate(next).slice(0, 7)}-01T00:00:00+08:00`);
    const figures = await t.request<PushFiguresDto>('GET', '/api/push/figures', {
      token: s.admin.token,
      query: { regionId: tree.town.id, from: start.toISOString(), to: end.toISOString() },
    });
    expect(figures.status).toBe(200);
    const { targeted, sent, refused, failed, queued } = figures.body;
    expect({ targeted, sent, refused, failed, queued }).toEqual({ targeted: 6, sent: 3, refused: 1, failed: 1, queued: 1 });
    // None of them in 2025, none in another street.
    expect((await dashboard(s.admin, { regionId: tree.town.id, from: '2025-10', to: '2025-12' })).body.push.targeted).toBe(0);
    expect((await dashboard(s.admin, { regionId: tree.streetB.id, from: month, to: month })).body.push.targeted).toBe(0);
  });

  it('defaults to the twelve months up to the current Beijing month', async () => {
    setClock(t, bj('2025-12-31T23:30:00')); // already 2025-12 only in Beijing: 15:30 UTC.
    const d = (await dashboard(s.reviewer, { regionId: s.tree.streetA.id })).body;
    expect([d.from, d.to, d.satisfaction.byMonth.length, d.satisfaction.total]).toEqual(['2025-01', '2025-12', 12, 7]);
    setClock(t, bj('2026-01-01T00:30:00')); // 2025-12-31 16:30 UTC, but January in Beijing.
    expect((await dashboard(s.reviewer, { regionId: s.tree.streetA.id })).body.to).toBe('2026-01');
    setClock(t, bj('2025-12-10T10:00:00'));
  });

  it('is for staff covering the region: others 403, residents 403, anonymous 401', async () => {
    const q = { regionId: s.tree.streetA.id, from: '2025-10', to: '2025-12' };
    expect((await dashboard(s.outsider, q)).status).toBe(403);
    expect((await dashboard(s.otherReviewer, q)).body.code).toBe('OUT_OF_SCOPE');
    // A grid worker of 光明社区 covers 光明社区, not the street above it.
    expect((await dashboard(s.worker, q)).status).toBe(403);
    expect((await dashboard(s.worker, { ...q, regionId: s.tree.communityA1.id })).status).toBe(200);
    expect((await dashboard(s.resident, q)).status).toBe(403);
    expect((await dashboard(null, q)).status).toBe(401);
    expect((await t.request('GET', '/api/dashboard/export', { token: s.outsider.token, query: q })).status).toBe(403);
    expect((await t.request('GET', '/api/dashboard/export', { token: s.resident.token, query: q })).status).toBe(403);
    expect((await t.request('GET', '/api/dashboard/export', { query: q })).status).toBe(401);
    const missing = await dashboard(s.admin, { regionId: 999_999 });
    expect(missing.status).toBe(404);
    expect(missing.body.details).toEqual([{ path: 'regionId', reason: '区域 999999 不存在' }]);
  });

  it('refuses bad queries naming the field; a grid worker of 光明社区 sees its own figures', async () => {
    const cases: Array<[Record<string, string | number>, string]> = [
      [{ regionId: s.tree.streetA.id, from: '2025-12', to: '2025-10' }, 'to'],
      [{ regionId: s.tree.streetA.id, from: '2025-13' }, 'from'],
      [{ regionId: s.tree.streetA.id, to: '2025-1' }, 'to'],
      [{ regionId: s.tree.streetA.id, from: '2022-01', to: '2025-12' }, 'from'],
      [{ regionId: s.tree.streetA.id, from: '2026-01' }, 'from'],
      [{ regionId: 'abc' }, 'regionId'],
      [{ from: '2025-10' }, 'regionId'],
      [{ regionId: s.tree.streetA.id, month: '2025-10' }, '(body)'],
    ];
    for (const [query, field] of cases) {
      const res = await dashboard(s.reviewer, query);
      expect([JSON.stringify(query), res.status, res.body.code]).toEqual([JSON.stringify(query), 400, 'VALIDATION_FAILED']);
      expect(res.body.details!.map((x) => x.path)).toContain(field);
    }
    const own = (await dashboard(s.worker, { regionId: s.tree.communityA1.id, from: '2025-10', to: '2025-12' })).body;
    expect(own.satisfaction.byRegion).toEqual([
      { regionId: s.tree.gridA1.id, regionName: '光明社区网格一', total: 0, satisfied: 0, rate: null },
      { regionId: s.tree.communityA1.id, regionName: '光明社区本级', total: 3, satisfied: 1, rate: 0.3333 },
    ]);
  });

  it('exports the same figures as xlsx, one sheet per figure group, with a Chinese file name', async () => {
    const q = { regionId: s.tree.streetA.id, from: '2025-10', to: '2025-12' };
    const json = (await dashboard(s.reviewer, q)).body;
    const res = await t.request('GET', '/api/dashboard/export', { token: s.reviewer.token, query: q });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('马庄街道数据看板（2025-10至2025-12）.xlsx').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await t.app.inject({ method: 'GET', url: '/api/dashboard/export', query: q as never, headers: { authorization: `Bearer ${s.reviewer.token}` } })).rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '满意度', '满意度按月', '满意度按区域', '满意度按领域', '差评办理', '知晓率', '消息推送', '征求意见']);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const kv = (name: string) => Object.fromEntries(rows(name).slice(1).map(([k, v]) => [k, v]));
    const pct = (x: number | null) => (x === null ? '—' : x);
    expect(rows('说明')[1]).toEqual(['区域', '马庄街道']);
    expect(kv('满意度')).toEqual({
      评价总数: json.satisfaction.total,
      '满意数（非常满意＋满意＋基本满意）': json.satisfaction.satisfied,
      满意率: json.satisfaction.rate,
      非常满意: 1,
      满意: 2,
      基本满意: 1,
      不满意: 1,
      非常不满意: 2,
    });
    expect(rows('满意度按月')).toEqual([['月份', '评价数', '满意数', '满意率'], ...json.satisfaction.byMonth.map((m) => [m.month, m.total, m.satisfied, pct(m.rate)])]);
    expect(rows('满意度按区域').slice(1)).toEqual(json.satisfaction.byRegion.map((m) => [m.regionName, m.total, m.satisfied, pct(m.rate)]));
    expect(rows('满意度按领域').slice(1)).toEqual(json.satisfaction.byDomain.map((m) => [m.domainLabel, m.total, m.satisfied, pct(m.rate)]));
    const f = json.followups;
    expect(kv('差评办理')).toEqual({
      差评回访件数: f.total,
      已办结: f.closed,
      办结率: f.closedRate,
      按期答复: f.onTime,
      按期答复率: f.onTimeRate,
      待核实答复: f.open,
      其中已逾期: f.overdue,
      回访满意: f.satisfiedAfterReply,
    });
    const a = json.awareness;
    expect(kv('知晓率')).toEqual({ 发布公告数: a.notices, 应知晓人次: a.audience, 已阅读人次: a.readers, 知晓率: a.rate });
    expect(kv('消息推送')).toEqual({ 推送消息数: 0, 已送达: 0, 订阅额度不足未送达: 0, 发送失败: 0, 排队中: 0, 送达率: '—' });
    const c = json.consultations;
    expect(kv('征求意见')).toEqual({
      截止的征求意见: c.count,
      '收到意见（不含已隐藏）': c.comments,
      参与人数: c.commenters,
      已答复采纳情况的意见: c.answered,
      答复率: c.answeredRate,
    });
    expect(wb.getWorksheet('满意度')!.getCell('B4').numFmt).toBe('0.00%');
  });
});
