import type { AuditEntryDto, Page, RatingDto, StaffFollowupDto } from '@sunboard/shared';
import { Clock } from '../src/common/clock/clock';
import { DispatcherService } from '../src/modules/push/dispatcher/dispatcher.service';
import { FollowupOverdueJob } from '../src/modules/ratings/followup-overdue.job';
import { makeNotice } from './factories/notices';
import { makeRegionTree } from './factories/regions';
import { resident } from './support/consultation-fixtures';
import { driverFor, FAST_DISPATCH_ENV } from './support/dispatcher-fixtures';
import { type Err, followupRow, RATE_AT, RATE_DAY, ratingApi, ratingCounts, type RatingWorld, ratingWorld } from './support/rating-fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { libraryWorkingDaysAfter } from './support/working-days';

const DAY = 86_400_000;
const REPLY_TEMPLATE = 'TPL_RATING_REPLY';
const PREFIX = 'rfu';

/**
 * 好差评, the closed loop of a 差评: a follow-up opens due in working days, the owner replies, the
 * rater gets the reply at the fake WeChat and in the message centre and confirms it; changing the
 * level keeps the follow-up in step; overdue follow-ups escalate to the reviewers above (Clock + the
 * job); unanswered replies close as no_response; appeals and their decision; who may do what.
 */
describe('ratings: the 差评 follow-up loop', () => {
  let t: TestApp;
  let w: RatingWorld;
  let api: ReturnType<typeof ratingApi>;
  let next = 0;
  const freshNotice = () => w.notices[next++];
  const clock = () => t.app.get(Clock);
  const job = () => t.app.get(FollowupOverdueJob);
  const due = libraryWorkingDaysAfter(RATE_DAY, 5);

  /** residentA gives a 差评 to a fresh notice; the follow-up as the rating shows it. */
  const badRating = async (level = 2, token?: string): Promise<RatingDto> => {
    const res = await api.rate(token ?? w.residentA.token, { targetType: 'notice', targetId: freshNotice().id, level, tags: ['slow'], comment: '跑了三趟还没办好。' });
    expect(res.status).toBe(200);
    return res.body;
  };
  const reply = (id: number, token: string, body: Record<string, unknown> = { verification: '经核实，窗口材料清单未及时更新。', reply: '已更新材料清单，给您带来不便深表歉意。', fixed: '材料清单已重新公布。' }) =>
    api.act(id, 'reply', token, body);
  const staffList = (token: string, query: Record<string, string | number | boolean | undefined> = {}) =>
    t.request<Page<StaffFollowupDto> & Err>('GET', '/api/staff/followups', { token, query: { limit: 50, ...query } });

  beforeAll(async () => {
    t = await startTestApp({ env: FAST_DISPATCH_ENV });
    w = await ratingWorld(t, PREFIX, 30);
    api = ratingApi(t);
  });
  afterAll(() => t?.close());
  afterEach(() => clock().set(RATE_AT));

  it('a 差评 opens a follow-up owned by the target’s region, due in 5 working days (调休 counted)', async () => {
    const r = await badRating(2);
    expect(r.followup).toMatchObject({ status: 'open', statusLabel: '待核实答复', outcome: null, regionId: w.tree.communityA1.id, regionName: '光明社区', dueOn: due, provisional: false, overdue: false, overdueDays: 0, escalatedAt: null, appealStatus: 'none' });
    expect(due).toBe('2026-12-07');
    const list = await staffList(w.worker.token, { status: 'open' });
    const mine = list.body.items.find((f) => f.id === r.followup!.id)!;
    expect(mine).toMatchObject({ ratingId: r.id, raterName: '张**', rating: { level: 2, levelLabel: '不满意', comment: '跑了三趟还没办好。' }, canReply: true, canAppeal: true, canDecideAppeal: false });
    expect((await staffList(w.reviewer.token)).body.items.map((f) => f.id)).toContain(r.followup!.id);
    expect((await staffList(w.outsider.token)).body.items.map((f) => f.id)).not.toContain(r.followup!.id);
    const audit = await t.request<Page<AuditEntryDto>>('GET', '/api/audit', { token: w.worker.token, query: { targetType: 'followup', targetId: r.followup!.id } });
    expect(audit.body.items.map((e) => [e.action, e.note])).toEqual([['followup_open', `差评转核实整改，应于 ${due} 前答复`]]);
    // Good ratings open none.
    expect((await api.rate(w.residentA.token, { targetType: 'notice', targetId: freshNotice().id, level: 3 })).body.followup).toBeNull();
  });

  it('reply by staff outside the region: 403 and nothing changed; by a resident 403; bad input 400 naming the field', async () => {
    const r = await badRating(1);
    const id = r.followup!.id;
    const before = await ratingCounts(t);
    const row = await followupRow(t, id);
    const outside = await reply(id, w.outsider.token);
    expect(outside.status).toBe(403);
    expect(outside.body).toMatchObject({ code: 'OUT_OF_SCOPE', message: '该差评不在您的管辖范围内，不能处理' });
    expect((await reply(id, w.otherReviewer.token)).status).toBe(403);
    expect((await reply(id, w.residentB.token)).status).toBe(403);
    const empty = await reply(id, w.worker.token, { verification: ' ', reply: '已处理' });
    expect(empty.status).toBe(400);
    expect(empty.body.details).toEqual([{ path: 'verification', reason: '核实情况不能为空' }]);
    expect((await reply(999999, w.worker.token)).status).toBe(404);
    expect(await ratingCounts(t)).toEqual(before);
    expect(await followupRow(t, id)).toEqual(row);
  });

  it('the owner replies; the rater gets a rating_reply at the fake WeChat and in the message centre, then confirms (回访)', async () => {
    const driver = driverFor(t);
    const openid = `o_${PREFIX}_residentA`;
    await driver.grantCredits(openid, REPLY_TEMPLATE, 1);
    expect((await t.request('POST', '/api/subscriptions/credits', { token: w.residentA.token, body: { results: { [REPLY_TEMPLATE]: 'accept' } } })).status).toBe(200);
    await driver.clearMessages();

    const r = await badRating(2);
    const id = r.followup!.id;
    clock().advance(DAY);
    const res = await reply(id, w.worker.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'replied',
      statusLabel: '已答复，待回访',
      verification: '经核实，窗口材料清单未及时更新。',
      reply: '已更新材料清单，给您带来不便深表歉意。',
      fixed: '材料清单已重新公布。',
      repliedAt: new Date(new Date(RATE_AT).getTime() + DAY).toISOString(),
      canReply: false,
    });
    expect(res.body.replierName).toEqual(expect.any(String));
    expect((await followupRow(t, id)).replied_on).toBe('2026-12-01');
    // A second reply is refused.
    const again = await reply(id, w.colleague.token);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('该差评已经答复过，正在等待居民确认');

    const inbox = await t.request('GET', '/api/inbox', { token: w.residentA.token });
    const item = inbox.body.items.find((i: { type: string }) => i.type === 'rating_reply');
    expect(item).toMatchObject({ title: `您对「${r.target.title}」的评价已有答复`, page: `packages/rating/mine/index?id=${r.id}` });
    expect(item.body).toContain('光明社区已核实您的评价并答复：已更新材料清单');
    expect(item.body).toContain('整改情况：材料清单已重新公布。');

    await t.app.get(DispatcherService).dispatcher.drain({ timeoutMs: 20_000 });
    const delivered = (await driver.messages(openid)).filter((m) => m.templateId === REPLY_TEMPLATE);
    expect(delivered).toHaveLength(1);
    expect(delivered[0].page).toBe(`packages/rating/mine/index?id=${r.id}`);
    expect(delivered[0].data.thing1.value).toBe(r.target.title);
    expect(delivered[0].data.thing2.value).toBe('已更新材料清单，给您带来不便深表歉意。');
    expect(delivered[0].data.thing4.value).toBe('光明社区');

    // 回访: only the rater, only once.
    expect((await api.act(id, 'confirm', w.residentB.token, { satisfied: true })).status).toBe(404);
    expect((await api.act(id, 'confirm', w.worker.token, { satisfied: true })).status).toBe(403);
    expect((await api.act(id, 'confirm', w.residentA.token, { satisfied: 'yes' })).body.details).toEqual([{ path: 'satisfied', reason: 'satisfied 必须是 true 或 false' }]);
    const done = await api.act(id, 'confirm', w.residentA.token, { satisfied: false, note: '材料清单还是不全。' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'closed', outcome: 'unsatisfied', confirmNote: '材料清单还是不全。', closedAt: expect.any(String) });
    expect((await api.act(id, 'confirm', w.residentA.token, { satisfied: true })).status).toBe(409);
    const mine = await api.rating(r.id, w.residentA.token);
    expect(mine.body.followup).toMatchObject({ status: 'closed', outcome: 'unsatisfied' });
    const actions = (await t.db.query("SELECT action FROM audit_log WHERE target_type = 'followup' AND target_id = ? ORDER BY id", [id])).map((a: { action: string }) => a.action);
    expect(actions).toEqual(['followup_open', 'followup_reply', 'followup_confirm']);
  });

  it('confirming before any reply is refused', async () => {
    const r = await badRating(2);
    const res = await api.act(r.followup!.id, 'confirm', w.residentA.token, { satisfied: true });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('工作人员还没有答复，答复后才能确认');
  });

  it('changing the level: bad → bad keeps the follow-up; bad → good closes it as satisfied; good → bad reopens it', async () => {
    const r = await badRating(2);
    const id = r.followup!.id;
    const worse = await api.rate(w.residentA.token, { targetType: 'notice', targetId: r.target.id, level: 1 });
    expect(worse.body.followup).toMatchObject({ id, status: 'open', dueOn: due });
    clock().advance(DAY);
    const better = await api.rate(w.residentA.token, { targetType: 'notice', targetId: r.target.id, level: 4 });
    expect(better.body.followup).toMatchObject({ id, status: 'closed', outcome: 'satisfied' });
    clock().advance(DAY);
    const again = await api.rate(w.residentA.token, { targetType: 'notice', targetId: r.target.id, level: 2 });
    expect(again.body.followup).toMatchObject({ id, status: 'open', outcome: null, closedAt: null, dueOn: libraryWorkingDaysAfter('2026-12-02', 5) });
    expect(Number((await t.db.query('SELECT COUNT(*) AS n FROM rating_followup WHERE rating_id = ?', [r.id]))[0].n)).toBe(1);
    const actions = (await t.db.query("SELECT action FROM audit_log WHERE target_type = 'followup' AND target_id = ? ORDER BY id", [id])).map((a: { action: string }) => a.action);
    expect(actions).toEqual(['followup_open', 'followup_close', 'followup_open']);
  });

  it('an overdue follow-up escalates once, on a working day, to the reviewers of the region above', async () => {
    const r = await badRating(1);
    const id = r.followup!.id;
    // On the due date: not yet overdue.
    clock().set(`${due}T16:00:00+08:00`);
    await job().runOnce();
    expect((await followupRow(t, id)).escalated_at).toBeNull();
    // The next working day: escalated to 马庄街道, the reviewer told.
    const late = '2026-12-08T10:00:00+08:00';
    clock().set(late);
    const pass = await job().runOnce();
    expect(pass.escalated).toBeGreaterThanOrEqual(1);
    const row = await followupRow(t, id);
    expect(Number(row.escalated_to_region_id)).toBe(w.tree.streetA.id);
    expect(row.escalated_at).not.toBeNull();
    const inbox = await t.request('GET', '/api/inbox', { token: w.reviewer.token });
    const told = inbox.body.items.filter((i: { type: string; page: string }) => i.type === 'followup_overdue' && i.page === `packages/rating/followup/index?id=${id}`);
    expect(told).toHaveLength(1);
    expect(told[0].title).toBe('差评超期未答复：光明社区');
    expect(told[0].body).toContain('“非常不满意”');
    expect(told[0].body).toContain('已超期 1 个工作日');
    const outbox = await t.db.query("SELECT user_id, template_id FROM push_outbox WHERE message_type = 'followup_overdue' AND dedupe_key LIKE ?", [`followup:${id}:%`]);
    expect(outbox.map((o: { user_id: number | string; template_id: string }) => [Number(o.user_id), o.template_id])).toEqual([[w.reviewer.id, 'TPL_FOLLOWUP_OVERDUE']]);
    // Once: a later pass changes nothing.
    const messages = Number((await t.db.query("SELECT COUNT(*) AS n FROM push_outbox WHERE message_type = 'followup_overdue'"))[0].n);
    clock().set('2026-12-09T10:00:00+08:00');
    expect((await job().runOnce()).escalated).toBe(0);
    expect(Number((await t.db.query("SELECT COUNT(*) AS n FROM push_outbox WHERE message_type = 'followup_overdue'"))[0].n)).toBe(messages);
    // Staff see it as overdue; the owner may still reply.
    const overdue = await staffList(w.worker.token, { overdue: true });
    expect(overdue.body.items.find((f) => f.id === id)).toMatchObject({ overdue: true, overdueDays: 2, escalatedToRegionName: '马庄街道' });
    expect((await staffList(w.worker.token, { overdue: false })).body.items.map((f) => f.id)).not.toContain(id);
    const answered = await reply(id, w.worker.token);
    expect(answered.body).toMatchObject({ status: 'replied', overdue: false });
    expect((await followupRow(t, id)).replied_on).toBe('2026-12-09');
    expect((await t.db.query("SELECT note FROM audit_log WHERE target_type = 'followup' AND target_id = ? AND action = 'followup_reply'", [id]))[0].note).toBe('已核实并答复（超期）');
  });

  it('no escalation on a day off: an overdue follow-up waits for the next working day', async () => {
    const r = await badRating(2);
    const id = r.followup!.id;
    clock().set('2026-12-12T10:00:00+08:00'); // Saturday, after the due date
    await job().runOnce();
    expect((await followupRow(t, id)).escalated_at).toBeNull();
    clock().set('2026-12-14T10:00:00+08:00'); // Monday
    await job().runOnce();
    expect((await followupRow(t, id)).escalated_at).not.toBeNull();
  });

  it('a reply the rater does not confirm within 7 days closes as no_response', async () => {
    const r = await badRating(2);
    const id = r.followup!.id;
    await reply(id, w.colleague.token);
    clock().advance(6 * DAY);
    await job().runOnce();
    expect((await followupRow(t, id)).status).toBe('replied');
    clock().advance(DAY + 1000);
    const pass = await job().runOnce();
    expect(pass.closedNoResponse).toBeGreaterThanOrEqual(1);
    const row = await followupRow(t, id);
    expect([row.status, row.outcome]).toEqual(['closed', 'no_response']);
    expect((await api.followup(id, w.residentA.token)).body).toMatchObject({ status: 'closed', outcome: 'no_response' });
  });

  describe('appeals', () => {
    it('the owner appeals once; grid workers, staff elsewhere and the appellant may not decide; a reviewer above upholds it', async () => {
      const r = await badRating(1);
      const id = r.followup!.id;
      const noReason = await api.act(id, 'appeal', w.worker.token, { reason: '' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.details).toEqual([{ path: 'reason', reason: '申诉理由不能为空' }]);
      expect((await api.act(id, 'appeal', w.outsider.token, { reason: '恶意差评' })).status).toBe(403);
      expect((await api.act(id, 'appeal', w.residentA.token, { reason: '恶意差评' })).status).toBe(403);
      const appealed = await api.act(id, 'appeal', w.worker.token, { reason: '该居民反映的不是本社区办理的事项，属误评。' });
      expect(appealed.status).toBe(200);
      expect(appealed.body).toMatchObject({ appealStatus: 'pending', appealReason: '该居民反映的不是本社区办理的事项，属误评。', status: 'open', canAppeal: false });
      const twice = await api.act(id, 'appeal', w.colleague.token, { reason: '再申诉一次' });
      expect(twice.status).toBe(409);
      expect(twice.body.message).toBe('每条差评只能申诉一次，该差评已申诉过');

      const pending = await staffList(w.reviewer.token, { appeal: 'pending' });
      expect(pending.body.items.find((f) => f.id === id)).toMatchObject({ canDecideAppeal: true });
      const before = await followupRow(t, id);
      expect((await api.act(id, 'appeal/decision', w.worker.token, { upheld: true, note: '同意' })).status).toBe(403);
      const elsewhere = await api.act(id, 'appeal/decision', w.otherReviewer.token, { upheld: true, note: '同意' });
      expect(elsewhere.status).toBe(403);
      expect(elsewhere.body.code).toBe('OUT_OF_SCOPE');
      expect(await followupRow(t, id)).toEqual(before);

      const summaryBefore = (await api.summary('notice', r.target.id)).body;
      expect(summaryBefore.byLevel['1']).toBe(1);
      const upheld = await api.act(id, 'appeal/decision', w.reviewer.token, { upheld: true, note: '经核实属误评，申诉成立。' });
      expect(upheld.status).toBe(200);
      expect(upheld.body).toMatchObject({ appealStatus: 'upheld', appealNote: '经核实属误评，申诉成立。', status: 'closed', outcome: 'appeal_upheld', closedAt: expect.any(String) });
      // The rating is kept, left out of the figures, and can no longer be changed.
      expect(Number((await t.db.query('SELECT COUNT(*) AS n FROM rating WHERE id = ?', [r.id]))[0].n)).toBe(1);
      expect((await api.summary('notice', r.target.id)).body).toMatchObject({ total: summaryBefore.total - 1, byLevel: { '1': 0 } });
      const change = await api.rate(w.residentA.token, { targetType: 'notice', targetId: r.target.id, level: 2 });
      expect(change.status).toBe(409);
      expect(change.body.message).toBe('该评价经申诉核实不计入统计，不能再修改');
      expect((await api.act(id, 'appeal/decision', w.admin.token, { upheld: false, note: '再审' })).status).toBe(409);
      const actions = (await t.db.query("SELECT action, actor_id FROM audit_log WHERE target_type = 'followup' AND target_id = ? ORDER BY id", [id])).map((a: { action: string }) => a.action);
      expect(actions).toEqual(['followup_open', 'followup_appeal', 'appeal_decide']);
    });

    it('an appellant never decides their own appeal; a rejected appeal leaves the follow-up open', async () => {
      const r = await badRating(2);
      const id = r.followup!.id;
      expect((await api.act(id, 'appeal', w.reviewer.token, { reason: '居民评价与事实不符。' })).status).toBe(200);
      const own = await api.act(id, 'appeal/decision', w.reviewer.token, { upheld: true, note: '自己审' });
      expect(own.status).toBe(403);
      expect(own.body.message).toBe('申诉人不能审核自己的申诉');
      const rejected = await api.act(id, 'appeal/decision', w.admin.token, { upheld: false, note: '居民反映属实，申诉不成立，请按期答复。' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ appealStatus: 'rejected', status: 'open', outcome: null, canReply: true });
      expect((await reply(id, w.worker.token)).status).toBe(200);
    });

    it('nothing to appeal once the resident is satisfied', async () => {
      const r = await badRating(2);
      await api.rate(w.residentA.token, { targetType: 'notice', targetId: r.target.id, level: 5 });
      const res = await api.act(r.followup!.id, 'appeal', w.worker.token, { reason: '误评' });
      expect(res.status).toBe(409);
      expect(res.body.message).toBe('居民已表示满意，无需申诉');
    });
  });

  describe('who may read a follow-up', () => {
    it('the rater, its owners and the reviewers above; another resident 404, staff elsewhere 403', async () => {
      const r = await badRating(2);
      const id = r.followup!.id;
      for (const token of [w.residentA.token, w.worker.token, w.reviewer.token, w.admin.token]) expect((await api.followup(id, token)).status).toBe(200);
      expect((await api.followup(id, w.residentB.token)).status).toBe(404);
      expect((await api.followup(id, w.outsider.token)).status).toBe(403);
      expect((await api.rating(r.id, w.residentB.token)).status).toBe(404);
      expect((await t.request('GET', '/api/staff/followups', { token: w.residentA.token })).status).toBe(403);
      const other = await staffList(w.reviewer.token, { regionId: w.tree.communityB1.id });
      expect(other.status).toBe(403);
    });

    it('the staff list pages oldest due first and filters by region', async () => {
      const seen: StaffFollowupDto[] = [];
      let cursor: string | undefined;
      do {
        const page = await staffList(w.worker.token, { limit: 3, cursor });
        expect(page.status).toBe(200);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      const all = await t.db.query('SELECT id, due_on FROM rating_followup ORDER BY due_on, id');
      expect(seen.map((f) => f.id)).toEqual(all.map((r: { id: number | string }) => Number(r.id)));
      const region = await staffList(w.reviewer.token, { regionId: w.tree.communityA1.id });
      expect(region.body.items.length).toBe(Math.min(50, all.length));
      expect((await staffList(w.reviewer.token, { regionId: w.tree.communityA2.id })).body.items).toEqual([]);
      const bad = await staffList(w.worker.token, { cursor: 'bm9wZQ' });
      expect(bad.status).toBe(400);
      expect(bad.body.details![0].path).toBe('cursor');
    });
  });

  describe('RATING_FOLLOWUP_WORKING_DAYS', () => {
    let other: TestApp;
    beforeAll(async () => {
      other = await startTestApp({ env: { RATING_FOLLOWUP_WORKING_DAYS: '10' } });
    });
    afterAll(() => other?.close());

    it('sets the working days a follow-up is due in', async () => {
      other.app.get(Clock).set(RATE_AT);
      const tree = await makeRegionTree(other.db);
      const notice = await makeNotice(other.db, { regionId: tree.communityA1.id, status: 'published' });
      const p = await resident(other, `o_${PREFIX}_cfg`, '孙七', tree.communityA1.id);
      const res = await ratingApi(other).rate(p.token, { targetType: 'notice', targetId: notice.id, level: 1 });
      expect(res.status).toBe(200);
      expect(res.body.followup!.dueOn).toBe(libraryWorkingDaysAfter(RATE_DAY, 10));
      expect(res.body.followup!.dueOn).not.toBe(due);
    });
  });
});
