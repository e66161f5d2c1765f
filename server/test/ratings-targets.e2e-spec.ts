import type { Page, RatingDto } from '@sunboard/shared';
import { Clock } from '../src/common/clock/clock';
import { type Err, RATE_AT, ratingApi, ratingCounts, type RatingWorld, ratingWorld } from './support/rating-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const DAY = 86_400_000;

/**
 * 好差评, the rating itself: each kind of target, the refusals (not yet finished, not the applicant,
 * outside the consultation's region), bad input, one rating per resident per target changeable for
 * 7 days, the content checks through the fake WeChat's markers, the summary, and who may read what.
 * (The 差评 follow-up loop: ratings-followups.e2e-spec.ts.)
 */
describe('ratings: rating a target', () => {
  let t: TestApp;
  let w: RatingWorld;
  let api: ReturnType<typeof ratingApi>;
  let next = 0;
  /** A published notice nobody has rated yet. */
  const freshNotice = () => w.notices[next++];

  beforeAll(async () => {
    t = await startTestApp();
    w = await ratingWorld(t, 'rtg');
    api = ratingApi(t);
  });
  afterAll(() => t?.close());

  describe('each kind of target', () => {
    it('a resident rates a 办事指南: level, tags and comment stored with the target’s region and domain', async () => {
      const res = await api.rate(w.residentA.token, { targetType: 'notice', targetId: w.guide.id, level: 5, tags: ['clear_info', 'efficient'], comment: '  材料清单写得很清楚。 ' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        level: 5,
        levelLabel: '非常满意',
        tags: ['clear_info', 'efficient'],
        comment: '材料清单写得很清楚。',
        commentHeld: false,
        target: { type: 'notice', id: w.guide.id, title: '最低生活保障申请办事指南', label: '办事指南', regionId: w.tree.communityA1.id, regionName: '光明社区' },
        followup: null,
        createdAt: new Date(RATE_AT).toISOString(),
        changeableUntil: new Date(new Date(RATE_AT).getTime() + 7 * DAY).toISOString(),
      });
      const [row] = await t.db.query('SELECT region_id, domain, user_id, tags, comment_held FROM rating WHERE id = ?', [res.body.id]);
      expect({ ...row, region_id: Number(row.region_id), user_id: Number(row.user_id), comment_held: !!Number(row.comment_held) }).toEqual({
        region_id: w.tree.communityA1.id,
        domain: 'social_assistance',
        user_id: w.residentA.id,
        tags: '["clear_info","efficient"]',
        comment_held: false,
      });
      const audit = await t.db.query("SELECT action, note FROM audit_log WHERE target_type = 'rating' AND target_id = ?", [res.body.id]);
      expect(audit).toEqual([{ action: 'rating_create', note: '评价等级 5' }]);
    });

    it('the applicant rates their finished case; the case’s type and number name it', async () => {
      const res = await api.rate(w.residentA.token, { targetType: 'case', targetId: w.finishedCaseId, level: 4, tags: ['good_attitude'] });
      expect(res.status).toBe(200);
      expect(res.body.target).toMatchObject({ type: 'case', label: '办件', regionName: '光明社区' });
      expect(res.body.target.title).toMatch(/^低保申请 SB20261126[2-9A-HJ-NP-Z]{6}$/);
      expect((await t.db.query('SELECT domain FROM rating WHERE id = ?', [res.body.id]))[0].domain).toBe(w.dibao.domain);
    });

    it('a resident of the region rates a concluded consultation', async () => {
      const res = await api.rate(w.residentB.token, { targetType: 'consultation', targetId: w.concluded.id, level: 3 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ level: 3, levelLabel: '基本满意', tags: [], comment: null, target: { type: 'consultation', label: '征求意见', title: '光明社区停车管理办法（征求意见稿）' } });
    });

    it('staff rate only as residents: a grid worker’s rating is their own, like anyone’s', async () => {
      const n = freshNotice();
      const res = await api.rate(w.worker.token, { targetType: 'notice', targetId: n.id, level: 4 });
      expect(res.status).toBe(200);
      expect(Number((await t.db.query('SELECT user_id FROM rating WHERE id = ?', [res.body.id]))[0].user_id)).toBe(w.worker.id);
    });
  });

  describe('refusals: clear 4xx, nothing written', () => {
    const refused = async (token: string, body: Record<string, unknown>, status: number) => {
      const before = await ratingCounts(t);
      const res = await api.rate(token, body);
      expect(res.status).toBe(status);
      expect(await ratingCounts(t)).toEqual(before);
      return res.body as unknown as Err;
    };

    it('a notice not yet published: 404 to residents, "尚未发布" to staff covering it; withdrawn likewise', async () => {
      for (const n of [w.draft, w.pending, w.withdrawn]) {
        const body = await refused(w.residentA.token, { targetType: 'notice', targetId: n.id, level: 4 }, 404);
        expect(body).toMatchObject({ code: 'NOT_FOUND', message: '找不到该公告' });
      }
      const draft = await refused(w.worker.token, { targetType: 'notice', targetId: w.draft.id, level: 4 }, 400);
      expect(draft).toMatchObject({ code: 'BAD_REQUEST', message: '该公告尚未发布，发布后才能评价', details: [{ path: 'targetId', reason: '该公告尚未发布，发布后才能评价' }] });
      expect((await refused(w.worker.token, { targetType: 'notice', targetId: w.withdrawn.id, level: 4 }, 400)).message).toBe('该公告已撤回，不能评价');
      expect((await refused(w.residentA.token, { targetType: 'notice', targetId: 999999, level: 4 }, 404)).code).toBe('NOT_FOUND');
    });

    it('a case not yet finished; another resident’s case (404); covering staff who are not the applicant (403)', async () => {
      const open = await refused(w.residentA.token, { targetType: 'case', targetId: w.openCaseId, level: 5 }, 400);
      expect(open).toMatchObject({ message: '该办件尚未办结，办结后才能评价', details: [{ path: 'targetId', reason: '该办件尚未办结，办结后才能评价' }] });
      expect((await refused(w.residentB.token, { targetType: 'case', targetId: w.finishedCaseId, level: 1 }, 404)).message).toBe('找不到该办件');
      expect((await refused(w.worker.token, { targetType: 'case', targetId: w.finishedCaseId, level: 1 }, 403)).message).toBe('只有办件的申请人可以评价该办件');
    });

    it('a consultation not yet concluded; a resident outside its region (403)', async () => {
      const early = await refused(w.residentA.token, { targetType: 'consultation', targetId: w.unconcluded.id, level: 5 }, 400);
      expect(early.message).toBe('该征求意见尚未公布采纳情况，公布后才能评价');
      const outside = await refused(w.stranger.token, { targetType: 'consultation', targetId: w.concluded.id, level: 5 }, 403);
      expect(outside).toMatchObject({ code: 'OUT_OF_SCOPE', message: '本次征求意见仅限光明社区的居民评价' });
    });

    it('a sixth level, level 0, a fraction: 400 naming `level`', async () => {
      for (const level of [6, 0, 2.5, '5']) {
        const body = await refused(w.residentA.token, { targetType: 'notice', targetId: w.notices[0].id, level }, 400);
        expect(body.code).toBe('VALIDATION_FAILED');
        expect(body.details!.map((d) => d.path)).toEqual(['level']);
      }
      const six = await refused(w.residentA.token, { targetType: 'notice', targetId: w.notices[0].id, level: 6 }, 400);
      expect(six.details).toEqual([{ path: 'level', reason: '评价等级只有 1 到 5 五级' }]);
    });

    it('tags out of the list, repeated or too many; an unknown target type; unknown fields; a long comment', async () => {
      const id = w.notices[0].id;
      expect((await refused(w.residentA.token, { targetType: 'notice', targetId: id, level: 4, tags: ['clear_info', 'cheap'] }, 400)).details).toEqual([{ path: 'tags.1', reason: '标签不在可选范围内' }]);
      expect((await refused(w.residentA.token, { targetType: 'notice', targetId: id, level: 4, tags: ['slow', 'slow'] }, 400)).details).toEqual([{ path: 'tags', reason: '标签不能重复' }]);
      expect((await refused(w.residentA.token, { targetType: 'notice', targetId: id, level: 4, tags: ['clear_info', 'efficient', 'good_attitude', 'timely', 'slow', 'other'] }, 400)).details![0].path).toBe('tags');
      expect((await refused(w.residentA.token, { targetType: 'poster', targetId: id, level: 4 }, 400)).details![0].path).toBe('targetType');
      expect((await refused(w.residentA.token, { targetType: 'notice', targetId: id, level: 4, userId: w.residentB.id }, 400)).code).toBe('VALIDATION_FAILED');
      expect((await refused(w.residentA.token, { targetType: 'notice', targetId: id, level: 4, comment: '好'.repeat(501) }, 400)).details).toEqual([{ path: 'comment', reason: '评价内容不能超过 500 个字' }]);
      expect((await refused(w.residentA.token, { targetType: 'notice', targetId: id, level: 2, comment: '打 139 1234 5678 没人接' }, 400)).details).toEqual([
        { path: 'comment', reason: '评价内容中含有手机号码，为保护个人信息，请删去后再提交' },
      ]);
    });

    it('without a login: 401', async () => {
      const res = await t.request('PUT', '/api/ratings', { body: { targetType: 'notice', targetId: w.guide.id, level: 5 } });
      expect(res.status).toBe(401);
    });
  });

  describe('one rating per resident per target, changeable for 7 days', () => {
    it('a second PUT changes the rating, never adds one; the register records the change', async () => {
      const n = freshNotice();
      const first = await api.rate(w.residentB.token, { targetType: 'notice', targetId: n.id, level: 3, tags: ['timely'], comment: '还可以。' });
      t.app.get(Clock).advance(2 * DAY);
      const second = await api.rate(w.residentB.token, { targetType: 'notice', targetId: n.id, level: 4, tags: ['clear_info'] });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ id: first.body.id, level: 4, tags: ['clear_info'], comment: null, createdAt: first.body.createdAt });
      expect(second.body.updatedAt).toBe(new Date(new Date(RATE_AT).getTime() + 2 * DAY).toISOString());
      expect(Number((await t.db.query("SELECT COUNT(*) AS n FROM rating WHERE target_type = 'notice' AND target_id = ?", [n.id]))[0].n)).toBe(1);
      const audit = await t.db.query("SELECT action, note FROM audit_log WHERE target_type = 'rating' AND target_id = ? ORDER BY id", [first.body.id]);
      expect(audit).toEqual([
        { action: 'rating_create', note: '评价等级 3' },
        { action: 'rating_change', note: '评价等级 3 → 4' },
      ]);
      t.app.get(Clock).set(RATE_AT);
    });

    it('after 7 days a change is refused with the window named, and nothing changes', async () => {
      const n = freshNotice();
      const first = await api.rate(w.residentB.token, { targetType: 'notice', targetId: n.id, level: 2, tags: ['outdated'] });
      t.app.get(Clock).advance(8 * DAY);
      const before = await ratingCounts(t);
      const late = await api.rate(w.residentB.token, { targetType: 'notice', targetId: n.id, level: 5 });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('CONFLICT');
      expect(late.body.message).toBe('评价只能在提交后 7 天内修改，已于2026年12月7日 10:00截止');
      expect(late.body.details).toEqual([{ path: 'targetId', reason: late.body.message }]);
      expect(await ratingCounts(t)).toEqual(before);
      const [row] = await t.db.query('SELECT level, tags, updated_at FROM rating WHERE id = ?', [first.body.id]);
      expect(Number(row.level)).toBe(2);
      expect(row.tags).toBe('["outdated"]');
      const summary = await api.summary('notice', n.id, w.residentB.token);
      expect(summary.body).toMatchObject({ rateable: false, notRateableReason: late.body.message, mine: { id: first.body.id, level: 2 } });
      t.app.get(Clock).set(RATE_AT);
    });
  });

  describe('content checks of the comment (as comments are checked)', () => {
    it('risky (fake WeChat __RISKY__) is refused with the explanation; nothing stored', async () => {
      const n = freshNotice();
      const before = await ratingCounts(t);
      const res = await api.rate(w.residentA.token, { targetType: 'notice', targetId: n.id, level: 1, comment: '这里有 __RISKY__ 的内容' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'CONTENT_REJECTED', details: [{ path: 'comment', reason: '未通过微信内容安全检查' }] });
      expect(res.body.message).toContain('没有保存');
      expect(await ratingCounts(t)).toEqual(before);
    });

    it('a word of the sensitive-word list is refused naming the word', async () => {
      const res = await api.rate(w.residentA.token, { targetType: 'notice', targetId: w.notices[0].id, level: 1, comment: '加微信领红包' });
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([{ path: 'comment', reason: '含有不允许发布的词语：加微信领红包' }]);
    });

    it('review (__REVIEW__) and an unavailable check (61010) store the rating with the comment held', async () => {
      const n = freshNotice();
      const review = await api.rate(w.residentA.token, { targetType: 'notice', targetId: n.id, level: 4, comment: '请人工看看 __REVIEW__' });
      expect(review.status).toBe(200);
      expect(review.body).toMatchObject({ commentHeld: true, comment: '请人工看看 __REVIEW__' });
      const stale = await api.rate(w.stale.token, { targetType: 'notice', targetId: n.id, level: 5, comment: '刚打开小程序就评价了。' });
      expect(stale.status).toBe(200);
      expect(stale.body.commentHeld).toBe(true);
      // Changing only the level keeps the verdict; a new comment is checked again.
      const same = await api.rate(w.residentA.token, { targetType: 'notice', targetId: n.id, level: 3, comment: '请人工看看 __REVIEW__' });
      expect(same.body.commentHeld).toBe(true);
      const clean = await api.rate(w.residentA.token, { targetType: 'notice', targetId: n.id, level: 3, comment: '内容已更新，很好。' });
      expect(clean.body.commentHeld).toBe(false);
      // Staff covering the region read the held comment.
      const staff = await api.rating(stale.body.id, w.worker.token);
      expect(staff.body).toMatchObject({ commentHeld: true, comment: '刚打开小程序就评价了。' });
    });
  });

  describe('summary and reading', () => {
    it('counts per level with the satisfied share; anonymous callers get no `mine` and may not rate', async () => {
      const n = freshNotice();
      await api.rate(w.residentA.token, { targetType: 'notice', targetId: n.id, level: 5 });
      await api.rate(w.residentB.token, { targetType: 'notice', targetId: n.id, level: 3 });
      await api.rate(w.stranger.token, { targetType: 'notice', targetId: n.id, level: 1 });
      const anon = await api.summary('notice', n.id);
      expect(anon.status).toBe(200);
      expect(anon.body).toEqual({
        targetType: 'notice',
        targetId: n.id,
        total: 3,
        byLevel: { '5': 1, '4': 0, '3': 1, '2': 0, '1': 1 },
        satisfactionRate: 2 / 3,
        rateable: false,
        notRateableReason: '请先登录后再评价',
        mine: null,
      });
      const mine = await api.summary('notice', n.id, w.residentB.token);
      expect(mine.body).toMatchObject({ rateable: true, notRateableReason: null, mine: { level: 3, target: { id: n.id } } });
      const nobody = await api.summary('notice', freshNotice().id, w.residentB.token);
      expect(nobody.body).toMatchObject({ total: 0, satisfactionRate: null, rateable: true, mine: null });
    });

    it('says why a target cannot be rated; hides what the caller may not see', async () => {
      expect((await api.summary('case', w.openCaseId, w.residentA.token)).body).toMatchObject({ rateable: false, notRateableReason: '该办件尚未办结，办结后才能评价' });
      expect((await api.summary('case', w.finishedCaseId, w.residentB.token)).status).toBe(404);
      expect((await api.summary('case', w.finishedCaseId)).status).toBe(404);
      expect((await api.summary('notice', w.draft.id)).status).toBe(404);
      expect((await api.summary('notice', w.draft.id, w.worker.token)).body).toMatchObject({ rateable: false, notRateableReason: '该公告尚未发布，发布后才能评价' });
      expect((await api.summary('consultation', w.concluded.id, w.stranger.token)).body).toMatchObject({ rateable: false, notRateableReason: '本次征求意见仅限光明社区的居民评价' });
      const bad = await t.request<Err>('GET', '/api/ratings/target', { query: { targetType: 'notice', targetId: 'x' } });
      expect(bad.status).toBe(400);
      expect(bad.body.details![0].path).toBe('targetId');
    });

    it('我的评价: the caller’s own ratings, newest first, in cursor pages', async () => {
      const all: RatingDto[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.request<Page<RatingDto>>('GET', '/api/ratings/mine', { token: w.residentA.token, query: { limit: 2, cursor } });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        all.push(...page.body.items);
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      const ids: Array<{ id: number | string }> = await t.db.query('SELECT id FROM rating WHERE user_id = ? ORDER BY id DESC', [w.residentA.id]);
      expect(all.map((r) => r.id)).toEqual(ids.map((r) => Number(r.id)));
      expect(all.length).toBeGreaterThanOrEqual(4);
      const bad = await t.request<Err>('GET', '/api/ratings/mine', { token: w.residentA.token, query: { cursor: 'bm90LWEtY3Vyc29y' } });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([{ path: 'cursor', reason: '游标无效，请从第一页重新加载' }]);
    });

    it('a rating is read by its rater and covering staff; another resident 404, staff elsewhere 403', async () => {
      const own = (await t.request<Page<RatingDto>>('GET', '/api/ratings/mine', { token: w.residentA.token })).body.items[0];
      expect((await api.rating(own.id, w.residentA.token)).status).toBe(200);
      expect((await api.rating(own.id, w.reviewer.token)).status).toBe(200);
      expect((await api.rating(own.id, w.admin.token)).status).toBe(200);
      const other = await api.rating(own.id, w.residentB.token);
      expect(other.status).toBe(404);
      const outsider = await api.rating(own.id, w.outsider.token);
      expect(outsider.status).toBe(403);
      expect(outsider.body.code).toBe('OUT_OF_SCOPE');
      expect((await api.rating(999999, w.residentA.token)).status).toBe(404);
    });
  });

  it('lists its routes in the OpenAPI document', async () => {
    const res = await t.request('GET', '/api/docs-json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/ratings', '/api/ratings/target', '/api/ratings/mine', '/api/ratings/{id}', '/api/staff/followups', '/api/followups/{id}', '/api/followups/{id}/reply', '/api/followups/{id}/confirm', '/api/followups/{id}/appeal', '/api/followups/{id}/appeal/decision']),
    );
    expect(res.body.paths['/api/ratings'].put.requestBody.content['application/json'].schema.properties.level).toMatchObject({ type: 'integer', minimum: 1, maximum: 5 });
  });
});

describe('ratings: the per-resident rate limit (RATING_RATE_LIMIT)', () => {
  let t: TestApp;
  let w: RatingWorld;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATING_RATE_LIMIT: '3' } });
    w = await ratingWorld(t, 'rtl', 2);
  });
  afterAll(() => t?.close());

  it('the 4th rating in a minute is 429 and changes nothing; another resident is unaffected', async () => {
    const api = ratingApi(t);
    const body = (level: number) => ({ targetType: 'notice', targetId: w.notices[0].id, level });
    for (const level of [5, 4, 5]) expect((await api.rate(w.residentA.token, body(level))).status).toBe(200);
    const before = await ratingCounts(t);
    const over = await api.rate(w.residentA.token, body(3));
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('RATE_LIMITED');
    expect(await ratingCounts(t)).toEqual(before);
    expect(Number((await t.db.query('SELECT level FROM rating WHERE target_id = ? AND user_id = ?', [w.notices[0].id, w.residentA.id]))[0].level)).toBe(5);
    expect((await api.rate(w.residentB.token, body(4))).status).toBe(200);
  });
});
