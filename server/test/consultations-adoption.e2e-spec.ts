import ExcelJS from 'exceljs';
import type { CommentResultDto, ConsultationDetailDto, MyCommentDto, Page, StaffCommentDto } from '@sunboard/shared';
import { FakeWechatDriver } from '../src/fake-wechat/fake-wechat.driver';
import { DispatcherService } from '../src/modules/push/dispatcher/dispatcher.service';
import { makeRegionTree, type RegionTree } from './factories/regions';
import { createConsultation, type Person, resident, setClock } from './support/consultation-fixtures';
import { FAST_DISPATCH_ENV } from './support/dispatcher-fixtures';
import { staffCast } from './support/staff-cast';
import { startTestApp, type TestApp } from './support/test-app';

type Err = { code: string; message: string; details?: Array<{ path: string; reason: string }> };

const RESULT_TEMPLATE = 'TPL_CONSULTATION_RESULT';

/**
 * After closing: an answer for every comment, the adoption report published as a 征求意见结果 notice,
 * the message to every commenter landing at the fake WeChat, and the xlsx export read back.
 */
describe('consultation answers and adoption report', () => {
  let t: TestApp;
  let tree: RegionTree;
  let cast: Awaited<ReturnType<typeof staffCast>>;
  let driver: FakeWechatDriver;
  let zhang: Person;
  let li: Person;
  let wang: Person;
  let c: ConsultationDetailDto;
  let other: ConsultationDetailDto;
  const ids: Record<string, number> = {};

  const OPEN = '2026-12-01T10:00:00+08:00';
  const CLOSE = '2026-12-01T12:00:00+08:00';

  const comment = async (p: Person, id: number, body: string, paragraphId?: number) => {
    const res = await t.request<CommentResultDto>('POST', `/api/consultations/${id}/comments`, { token: p.token, body: { body, paragraphId } });
    if (res.status !== 201) throw new Error(`comment: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.comment.id;
  };
  const answer = (token: string, id: number, answers: unknown[]) => t.request<StaffCommentDto[] & Err>('POST', `/api/consultations/${id}/answers`, { token, body: { answers } });
  const answered = async () => Number((await t.db.query('SELECT COUNT(*) AS n FROM consultation_comment WHERE adoption IS NOT NULL'))[0].n);

  beforeAll(async () => {
    t = await startTestApp({ env: FAST_DISPATCH_ENV });
    driver = new FakeWechatDriver(t.fakeWechatUrl);
    tree = await makeRegionTree(t.db);
    setClock(t, '2026-12-01T09:00:00+08:00');
    cast = await staffCast(t, tree, 'adopt');
    zhang = await resident(t, 'o_adopt_zhang', '张三', tree.communityA1.id);
    li = await resident(t, 'o_adopt_li', '李四', tree.communityA1.id);
    wang = await resident(t, 'o_adopt_wang', '王五', tree.gridA1.id);
    c = await createConsultation(t, cast.reviewer.token, { regionId: tree.communityA1.id, opensAt: OPEN, closesAt: CLOSE });
    other = await createConsultation(t, cast.reviewer.token, { regionId: tree.communityA1.id, opensAt: OPEN, closesAt: CLOSE, title: '另一项征求意见' });
    setClock(t, '2026-12-01T10:30:00+08:00');
    ids.zhang3 = await comment(zhang, c.id, '临时停车收费太高，建议每小时一元。', c.paragraphs[3].id);
    ids.zhangAll = await comment(zhang, c.id, '整体同意，希望尽快实施。');
    ids.li = await comment(li, c.id, '<script>alert(1)</script>消防通道要画黄线。', c.paragraphs[4].id);
    ids.wang = await comment(wang, c.id, '这条是骂人的话，应该被隐藏。');
    ids.other = await comment(li, other.id, '另一项的意见内容。');
    await t.request('POST', `/api/consultation-comments/${ids.wang}/moderate`, { token: cast.reviewer.token, body: { action: 'hide', reason: '辱骂他人' } });
    const proxy = await t.request<CommentResultDto>('POST', `/api/consultations/${c.id}/proxy-comments`, {
      token: cast.worker.token,
      body: { body: '老人家说：第四条很好。', residentName: '周大爷', residentPhone: '13812345678', paragraphId: c.paragraphs[4].id },
    });
    ids.proxy = proxy.body.comment.id;
    // Residents accepted the result template in the app (credits at WeChat and in Sunboard).
    for (const p of [zhang, li, wang]) {
      await driver.grantCredits(p.openid, RESULT_TEMPLATE, 1);
      expect((await t.request('POST', '/api/subscriptions/credits', { token: p.token, body: { results: { [RESULT_TEMPLATE]: 'accept' } } })).status).toBe(200);
    }
  });
  afterAll(() => t?.close());

  it('refuses answers while the consultation is open; nothing stored', async () => {
    const res = await answer(cast.reviewer.token, c.id, [{ commentId: ids.zhang3, adoption: 'adopted', reason: '已采纳' }]);
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('征求意见截止后才能答复采纳情况');
    expect(await answered()).toBe(0);
  });

  it('refuses an answer for a comment of another consultation, naming it; nothing of the batch is stored', async () => {
    setClock(t, CLOSE);
    const res = await answer(cast.worker.token, c.id, [
      { commentId: ids.zhang3, adoption: 'adopted', reason: '已采纳' },
      { commentId: ids.other, adoption: 'not_adopted', reason: '不属于这里' },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ path: 'answers.1.commentId', reason: `意见 ${ids.other} 不属于这次征求意见` }]);
    const bad = await answer(cast.worker.token, c.id, [{ commentId: ids.zhang3, adoption: 'maybe', reason: '' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.details!.map((d) => d.path).sort()).toEqual(['answers.0.adoption', 'answers.0.reason']);
    expect((await answer(zhang.token, c.id, [{ commentId: ids.zhang3, adoption: 'adopted', reason: '自己答复' }])).status).toBe(403);
    expect((await answer(cast.outsider.token, c.id, [{ commentId: ids.zhang3, adoption: 'adopted', reason: '越权' }])).status).toBe(403);
    expect(await answered()).toBe(0);
  });

  it('will not conclude while comments are unanswered, naming them', async () => {
    const res = await t.request<Err>('POST', `/api/consultations/${c.id}/conclude`, { token: cast.reviewer.token, body: { changeSummary: '第三条收费改为每小时一元。' } });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('还有 4 条意见没有答复采纳情况，每条意见都要答复');
    expect(res.body.details!.map((d) => d.path)).toEqual([`comments.${ids.zhang3}`, `comments.${ids.zhangAll}`, `comments.${ids.li}`, `comments.${ids.proxy}`]);
  });

  it('records answers for every comment (grid workers too); the author sees them in 我的意见', async () => {
    const res = await answer(cast.worker.token, c.id, [
      { commentId: ids.zhang3, adoption: 'adopted', reason: '收费标准调整为每小时一元。' },
      { commentId: ids.zhangAll, adoption: 'partly', reason: '实施时间另行通知。' },
      { commentId: ids.li, adoption: 'not_adopted', reason: '消防通道标线由消防部门统一施划。' },
      { commentId: ids.proxy, adoption: 'adopted', reason: '保留第四条。' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.map((x) => x.adoption)).toEqual(['adopted', 'partly', 'not_adopted', 'adopted']);
    const mine = await t.request<Page<MyCommentDto>>('GET', '/api/consultations/mine/comments', { token: zhang.token });
    expect(mine.body.items.map((x) => [x.id, x.adoption, x.adoptionReason, x.consultationStatus])).toEqual([
      [ids.zhangAll, 'partly', '实施时间另行通知。', 'closed'],
      [ids.zhang3, 'adopted', '收费标准调整为每小时一元。', 'closed'],
    ]);
  });

  it('only reviewers covering the region conclude', async () => {
    const body = { changeSummary: '第三条收费改为每小时一元。' };
    expect((await t.request('POST', `/api/consultations/${c.id}/conclude`, { token: cast.worker.token, body })).status).toBe(403);
    expect((await t.request('POST', `/api/consultations/${c.id}/conclude`, { token: zhang.token, body })).status).toBe(403);
    const empty = await t.request<Err>('POST', `/api/consultations/${c.id}/conclude`, { token: cast.reviewer.token, body: { changeSummary: ' ' } });
    expect(empty.body.details).toEqual([{ path: 'changeSummary', reason: '修改情况说明不能为空' }]);
  });

  it('publishes the adoption report as a 征求意见结果 notice, linked, with scripts escaped; messages every commenter once', async () => {
    const res = await t.request<ConsultationDetailDto>('POST', `/api/consultations/${c.id}/conclude`, {
      token: cast.reviewer.token,
      body: { changeSummary: '第三条临时停车收费改为每小时一元。' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'concluded', statusLabel: '已公布采纳情况', changeSummary: '第三条临时停车收费改为每小时一元。', resultNoticeId: expect.any(Number) });

    const notice = await t.request<{ kind: string; title: string; body: string; category: string }>('GET', `/api/notices/${res.body.resultNoticeId}`);
    expect(notice.status).toBe(200);
    expect(notice.body).toMatchObject({ kind: 'consultation_result', title: '《光明社区停车管理办法（征求意见稿）》征求意见采纳情况', category: 'decision' });
    expect(notice.body.body).toContain('采纳 2 条，部分采纳 1 条，未采纳 1 条');
    expect(notice.body.body).toContain('共收到意见 5 条（其中网格员代录 1 条，因违反发言规则隐藏 1 条）');
    expect(notice.body.body).toContain('&lt;script&gt;');
    expect(notice.body.body).not.toContain('<script>');
    expect(notice.body.body).not.toContain('骂人');
    expect(notice.body.body).not.toContain('周大爷');
    const register = await t.db.query("SELECT action FROM audit_log WHERE target_type = 'notice' AND target_id = ? ORDER BY id", [res.body.resultNoticeId]);
    expect(register.map((r: { action: string }) => r.action)).toEqual(['create', 'publish']);

    // One message per commenter whose comment was answered (zhang has two comments: one message); none for the hidden one.
    const outbox: Array<{ user_id: number | string; dedupe_key: string }> = await t.db.query(
      "SELECT user_id, dedupe_key FROM push_outbox WHERE message_type = 'consultation_result' ORDER BY user_id",
    );
    expect(outbox.map((r) => Number(r.user_id))).toEqual([zhang.id, li.id]);

    const again = await t.request<Err>('POST', `/api/consultations/${c.id}/conclude`, { token: cast.reviewer.token, body: { changeSummary: '再来一次' } });
    expect(again.status).toBe(409);
    const late = await answer(cast.worker.token, c.id, [{ commentId: ids.zhang3, adoption: 'not_adopted', reason: '改主意' }]);
    expect(late.status).toBe(409);

    await t.app.get(DispatcherService).dispatcher.drain({ timeoutMs: 20_000 });
    const zhangMsgs = (await driver.messages(zhang.openid)).filter((m) => m.templateId === RESULT_TEMPLATE);
    const liMsgs = (await driver.messages(li.openid)).filter((m) => m.templateId === RESULT_TEMPLATE);
    expect(zhangMsgs).toHaveLength(1);
    expect(zhangMsgs[0].data).toMatchObject({ thing1: { value: expect.stringContaining('光明社区停车管理') }, phrase2: { value: '部分采纳' } });
    expect(zhangMsgs[0].page).toBe('packages/consultation/mine/index');
    expect(liMsgs).toHaveLength(1);
    expect(liMsgs[0].data.phrase2.value).toBe('未采纳');
    expect((await driver.messages(wang.openid)).filter((m) => m.templateId === RESULT_TEMPLATE)).toHaveLength(0);
    const inbox = await t.request<{ items: Array<{ title: string; body: string }> }>('GET', '/api/inbox', { token: zhang.token });
    expect(inbox.body.items[0]).toMatchObject({ title: '您对《光明社区停车管理办法（征求意见稿）》的意见已有答复', body: expect.stringContaining('采纳 1 条，部分采纳 1 条') });
  });

  it('exports comments, answers and counts as xlsx (read back); residents may not', async () => {
    expect((await t.request('GET', `/api/consultations/${c.id}/export`, { token: zhang.token })).status).toBe(403);
    const res = await t.app.inject({ method: 'GET', url: `/api/consultations/${c.id}/export`, headers: { authorization: `Bearer ${cast.worker.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(`consultation-${c.id}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('意见')!;
    const rows = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(rows).toHaveLength(5);
    const byId = new Map(rows.map((r) => [Number(r[0]), r]));
    expect(byId.get(ids.zhang3)!.slice(1, 10)).toEqual(['第三条', '张*', '', '临时停车收费太高，建议每小时一元。', '已公开', 0, 0, '采纳', '收费标准调整为每小时一元。']);
    expect(byId.get(ids.wang)!.slice(5, 6)).toEqual(['已隐藏']);
    expect(byId.get(ids.proxy)!.slice(2, 4)).toEqual(['居民（网格员代录）', expect.any(String)]);
    const stats = wb.getWorksheet('统计')!;
    const figures = Object.fromEntries(stats.getSheetValues().slice(2).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(figures).toEqual({ 意见总数: 5, 已公开: 4, 待审核: 0, 已隐藏: 1, 网格员代录: 1, 采纳: 2, 部分采纳: 1, 未采纳: 1, 未答复: 0 });
  });
});
