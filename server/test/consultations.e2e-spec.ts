import PDFDocument from 'pdfkit';
import type { AttachmentDto, CommentDto, CommentResultDto, ConsultationCardDto, ConsultationDetailDto, Page, StaffCommentDto } from '@sunboard/shared';
import { ConsultationClosingJob } from '../src/modules/consultations/consultation-closing.job';
import { makeRegionTree, type RegionTree } from './factories/regions';
import { at, consultationBody, createConsultation, type Person, resident, setClock } from './support/consultation-fixtures';
import { type Member, staffCast } from './support/staff-cast';
import { multipart } from './support/multipart';
import { startTestApp, type TestApp } from './support/test-app';

function pdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('Sunboard consultation draft');
    doc.end();
  });
}

type Err = { code: string; message: string; details?: Array<{ path: string; reason: string }> };

/**
 * 征求意见: periods by type, the clock-driven lifecycle, who may comment, the content checks through
 * the fake WeChat's markers, moderation, reports, support, replies, 代录, the rate limit and the closing
 * reminder. (Answers, the adoption report and the export: consultations-adoption.e2e-spec.ts.)
 */
describe('consultations', () => {
  let t: TestApp;
  let tree: RegionTree;
  let cast: Awaited<ReturnType<typeof staffCast>>;
  let zhang: Person;
  let li: Person;
  let wang: Person; // lives in 湛南社区, outside 光明社区
  let stale: Person; // msgSecCheck answers 61010 for this openid
  let c: ConsultationDetailDto; // village_affairs in 光明社区, 2026-12-01 10:00 → 12-03 18:00

  const T0 = '2026-12-01T09:00:00+08:00';
  const OPEN = '2026-12-01T10:00:00+08:00';
  const CLOSE = '2026-12-03T18:00:00+08:00';

  const post = <T = CommentResultDto & Err>(p: { token: string }, id: number, body: unknown) =>
    t.request<T>('POST', `/api/consultations/${id}/comments`, { token: p.token, body });
  const publicComments = (id: number, token?: string, query: Record<string, string | number> = {}) =>
    t.request<Page<CommentDto> & Err>('GET', `/api/consultations/${id}/comments`, { token, query });
  const count = async (id: number) => Number((await t.db.query('SELECT COUNT(*) AS n FROM consultation_comment WHERE consultation_id = ?', [id]))[0].n);
  const para = (n: number) => c.paragraphs[n].id;
  let fresh = 0;
  /** A new resident of 光明社区: each has their own rate-limit budget (5 comments a minute). */
  const newResident = (name = '郑十') => resident(t, `o_cons_r${++fresh}`, name, tree.communityA1.id);

  beforeAll(async () => {
    t = await startTestApp();
    tree = await makeRegionTree(t.db);
    setClock(t, T0);
    cast = await staffCast(t, tree, 'cons');
    zhang = await resident(t, 'o_cons_zhang', '张三', tree.gridA1.id);
    li = await resident(t, 'o_cons_li', '李四', tree.communityA1.id);
    wang = await resident(t, 'o_cons_wang', '王五', tree.communityB1.id);
    stale = await resident(t, 'o_stale_cons', '赵六', tree.communityA1.id);
    c = await createConsultation(t, cast.reviewer.token, { regionId: tree.communityA1.id, opensAt: OPEN, closesAt: CLOSE });
  });
  afterAll(() => t?.close());

  describe('writing a consultation', () => {
    it('splits the pasted draft on 第X条 and lists the paragraphs in order', () => {
      expect(c.status).toBe('upcoming');
      expect(c.paragraphs.map((p) => p.heading)).toEqual(['', '第一条', '第二条', '第三条', '第四条', '第五条']);
      expect(c.paragraphs[3].body).toBe('临时停车每小时收费二元，夜间免费。\n收费标准每年公示一次。');
      expect(c.regionName).toBe('光明社区');
      expect(c.typeLabel).toBe('村(居)务事项');
    });

    it('refuses a period shorter than the type allows, naming the rule', async () => {
      const opens = '2026-12-01T09:00:00+08:00';
      const major = await t.request<Err>('POST', '/api/consultations', {
        token: cast.reviewer.token,
        body: consultationBody({ regionId: tree.communityA1.id, type: 'major_decision', opensAt: opens, closesAt: '2026-12-30T18:00:00+08:00' }),
      });
      expect(major.status).toBe(400);
      expect(major.body.details).toEqual([{ path: 'closesAt', reason: expect.stringContaining('重大行政决策草案征求意见时间不少于 30 日') }]);
      expect(major.body.details![0].reason).toContain('最早 2026-12-31 截止');
      const okMajor = await t.request('POST', '/api/consultations', {
        token: cast.reviewer.token,
        body: consultationBody({ regionId: tree.communityA1.id, type: 'major_decision', opensAt: opens, closesAt: '2026-12-31T18:00:00+08:00' }),
      });
      expect(okMajor.status).toBe(201);

      // 规范性文件: 7 working days after Tue 2026-12-01 is Thu 12-10 (weekends skipped).
      const normative = await t.request<Err>('POST', '/api/consultations', {
        token: cast.reviewer.token,
        body: consultationBody({ regionId: tree.communityA1.id, type: 'normative_document', opensAt: opens, closesAt: '2026-12-09T23:00:00+08:00' }),
      });
      expect(normative.status).toBe(400);
      expect(normative.body.details![0]).toEqual({ path: 'closesAt', reason: expect.stringContaining('7 个工作日') });
      expect(normative.body.details![0].reason).toContain('2026-12-10');
      const before = Number((await t.db.query('SELECT COUNT(*) AS n FROM consultation'))[0].n);
      expect(
        (await t.request('POST', '/api/consultations', {
          token: cast.reviewer.token,
          body: consultationBody({ regionId: tree.communityA1.id, type: 'normative_document', opensAt: opens, closesAt: '2026-12-10T09:00:00+08:00' }),
        })).status,
      ).toBe(201);
      expect(Number((await t.db.query('SELECT COUNT(*) AS n FROM consultation'))[0].n)).toBe(before + 1);
    });

    it('names bad fields and keeps writing to reviewers covering the region', async () => {
      const bad = await t.request<Err>('POST', '/api/consultations', {
        token: cast.reviewer.token,
        body: { ...consultationBody({ regionId: tree.communityA1.id, opensAt: OPEN, closesAt: OPEN }), type: 'party', draftText: undefined },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details!.map((d) => d.path).sort()).toEqual(['type']);
      const order = await t.request<Err>('POST', '/api/consultations', { token: cast.reviewer.token, body: consultationBody({ regionId: tree.communityA1.id, opensAt: CLOSE, closesAt: OPEN }) });
      expect(order.body.details).toEqual([{ path: 'closesAt', reason: '截止时间必须晚于开始时间' }]);
      const noDraft = await t.request<Err>('POST', '/api/consultations', {
        token: cast.reviewer.token,
        body: { ...consultationBody({ regionId: tree.communityA1.id, opensAt: OPEN, closesAt: CLOSE }), draftText: undefined },
      });
      expect(noDraft.body.details).toEqual([{ path: 'draftText', reason: '请粘贴草案全文或填写条款' }]);

      const body = consultationBody({ regionId: tree.communityA1.id, opensAt: OPEN, closesAt: CLOSE });
      expect((await t.request('POST', '/api/consultations', { token: cast.worker.token, body })).status).toBe(403);
      expect((await t.request('POST', '/api/consultations', { token: zhang.token, body })).status).toBe(403);
      expect((await t.request('POST', '/api/consultations', { body })).status).toBe(401);
      const other = await t.request<Err>('POST', '/api/consultations', { token: cast.reviewer.token, body: { ...body, regionId: tree.communityB1.id } });
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('OUT_OF_SCOPE');
    });

    it('serves the draft’s attachments to any reader, as the consultation is public; an unattached upload stays its owner’s', async () => {
      const upload = async (filename: string) => {
        const { payload, headers } = multipart([{ filename, content: await pdf() }]);
        const res = await t.request<AttachmentDto>('POST', '/api/uploads', { token: cast.reviewer.token, payload, headers });
        expect(res.status).toBe(201);
        return res.body;
      };
      const file = await upload('停车办法起草说明.pdf');
      const loose = await upload('未附上的文件.pdf');
      const withFile = await createConsultation(t, cast.reviewer.token, {
        regionId: tree.communityA1.id,
        opensAt: OPEN,
        closesAt: CLOSE,
        title: '带附件的征求意见',
        attachmentIds: [file.id],
      });
      expect(withFile.attachments).toEqual([expect.objectContaining({ id: file.id, name: '停车办法起草说明.pdf', kind: 'pdf', url: `/api/uploads/${file.id}/file` })]);
      const read = (url: string, token?: string) =>
        t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
      for (const token of [wang.token, undefined]) {
        const got = await read(withFile.attachments[0].url, token);
        expect(got.statusCode).toBe(200);
        expect(got.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      }
      expect((await read(`/api/uploads/${loose.id}/file`, wang.token)).statusCode).toBe(404);
      expect((await read(`/api/uploads/${loose.id}/file`, cast.reviewer.token)).statusCode).toBe(200);
    });

    it('lets staff adjust the paragraphs before it opens, not after', async () => {
      const draft = await createConsultation(t, cast.reviewer.token, { regionId: tree.communityA1.id, opensAt: OPEN, closesAt: CLOSE, title: '调整条款' });
      const res = await t.request<ConsultationDetailDto>('PATCH', `/api/consultations/${draft.id}`, {
        token: cast.reviewer.token,
        body: { paragraphs: [{ heading: '第一条', body: '合并后的第一条。' }, { heading: '第二条', body: '新的第二条。' }] },
      });
      expect(res.status).toBe(200);
      expect(res.body.paragraphs.map((p) => `${p.position}${p.heading}${p.body}`)).toEqual(['1第一条合并后的第一条。', '2第二条新的第二条。']);
      setClock(t, OPEN);
      const late = await t.request<Err>('PATCH', `/api/consultations/${draft.id}`, { token: cast.reviewer.token, body: { title: '再改' } });
      expect(late.status).toBe(409);
      setClock(t, T0);
    });
  });

  describe('the lifecycle by the clock', () => {
    it('refuses comments before it opens; lists it as upcoming', async () => {
      const early = await post(zhang, c.id, { body: '我支持这个办法，希望尽快实施。' });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'CONSULTATION_NOT_OPEN', message: '征求意见尚未开始' });
      expect(await count(c.id)).toBe(0);
      const detail = await t.request<ConsultationDetailDto>('GET', `/api/consultations/${c.id}`, { token: zhang.token });
      expect(detail.body).toMatchObject({ status: 'upcoming', canComment: false, cannotCommentReason: '征求意见尚未开始' });
    });

    it('takes a resident’s comment on article 3 once open, shown with a masked name and counted on the paragraph', async () => {
      setClock(t, '2026-12-01T10:00:00+08:00');
      const res = await post(zhang, c.id, { paragraphId: para(3), body: '  临时停车收费太高，建议每小时一元。 ' });
      expect(res.status).toBe(201);
      expect(res.body.held).toBe(false);
      expect(res.body.comment).toMatchObject({
        paragraphId: para(3),
        paragraphHeading: '第三条',
        body: '临时停车收费太高，建议每小时一元。',
        status: 'visible',
        authorName: '张*',
        proxy: false,
        mine: true,
      });
      const detail = await t.request<ConsultationDetailDto>('GET', `/api/consultations/${c.id}`);
      expect(detail.body.status).toBe('open');
      expect(detail.body.paragraphs[3].commentCount).toBe(1);
      expect(detail.body.commentCount).toBe(1);
      const list = await publicComments(c.id, undefined, { paragraphId: para(3) });
      expect(list.body.items.map((x) => [x.authorName, x.body])).toEqual([['张*', '临时停车收费太高，建议每小时一元。']]);
      expect(JSON.stringify(list.body)).not.toContain('张三');
    });

    it('a comment on the whole draft counts apart from the paragraphs', async () => {
      const res = await post(li, c.id, { body: '整体上同意，但要考虑老年人的车位需求。' });
      expect(res.status).toBe(201);
      expect(res.body.comment.paragraphId).toBeNull();
      const detail = await t.request<ConsultationDetailDto>('GET', `/api/consultations/${c.id}`);
      expect(detail.body.generalCommentCount).toBe(1);
      expect((await publicComments(c.id, undefined, { paragraphId: 0 })).body.items).toHaveLength(1);
    });

    it('lists open consultations first, for residents of the region and the regions below', async () => {
      const list = await t.request<Page<ConsultationCardDto>>('GET', '/api/consultations', { token: zhang.token });
      expect(list.status).toBe(200);
      expect(list.body.items[0]).toMatchObject({ id: c.id, status: 'open' });
      const other = await t.request<Page<ConsultationCardDto>>('GET', '/api/consultations', { token: wang.token });
      expect(other.body.items.map((x) => x.id)).not.toContain(c.id);
    });
  });

  describe('bad input', () => {
    it('refuses empty, too short and over-long comments naming the field; nothing stored', async () => {
      const before = await count(c.id);
      const zhang = await newResident();
      for (const [body, reason] of [
        ['', '意见至少 5 个字'],
        ['好的', '意见至少 5 个字'],
        ['长'.repeat(1001), '意见不能超过 1000 个字'],
      ] as const) {
        const res = await post(zhang, c.id, { body });
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual([{ path: 'body', reason }]);
      }
      expect((await post(zhang, c.id, {})).body.details![0].path).toBe('body');
      expect(await count(c.id)).toBe(before);
    });

    it('refuses a comment carrying an unmasked phone or ID number (comments are published), naming what it found', async () => {
      const before = await count(c.id);
      const writer = await newResident();
      for (const [body, reason] of [
        ['有事请打我电话 13812345678，谢谢。', '意见中含有手机号码，为保护个人信息，请删去后再提交'],
        ['我的身份证号 410802199003071234 可以核实。', '意见中含有身份证号，为保护个人信息，请删去后再提交'],
      ] as const) {
        const res = await post(writer, c.id, { body });
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual([{ path: 'body', reason }]);
      }
      // Masked numbers are fine.
      expect((await post(writer, c.id, { body: '有事请打我电话 138****5678，谢谢。' })).status).toBe(201);
      expect(await count(c.id)).toBe(before + 1);
    });

    it('refuses a comment on another region’s consultation, and a paragraph of another consultation', async () => {
      const before = await count(c.id);
      const outside = await post(wang, c.id, { body: '我也想提点意见，可以吗？' });
      expect(outside.status).toBe(403);
      expect(outside.body.message).toBe('本次征求意见仅限光明社区的居民参与');
      const noHome = await resident(t, 'o_cons_nohome', '孙七', null);
      expect((await post(noHome, c.id, { body: '我没有设置社区，可以提意见吗？' })).status).toBe(403);

      const other = await createConsultation(t, cast.reviewer.token, { regionId: tree.communityA1.id, opensAt: at('2026-12-01T10:00:00+08:00'), closesAt: CLOSE, title: '另一个' });
      const li = await newResident();
      const wrong = await post(li, c.id, { paragraphId: other.paragraphs[1].id, body: '这是给另一个征求意见的条款。' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.details).toEqual([{ path: 'paragraphId', reason: `条款 ${other.paragraphs[1].id} 不属于这次征求意见` }]);
      const notId = await t.request<Err>('POST', '/api/consultations/abc/comments', { token: li.token, body: { body: '编号不对的请求。' } });
      expect(notId.status).toBe(400);
      expect((await t.request<Err>('POST', '/api/consultations/999999/comments', { token: li.token, body: { body: '不存在的征求意见。' } })).status).toBe(404);
      expect(await count(c.id)).toBe(before);
    });

    it('refuses the same text sent twice in a row (409), but not after another comment', async () => {
      const li = await newResident();
      const text = '建议在小区门口增加临时停车位。';
      expect((await post(li, c.id, { paragraphId: para(2), body: text })).status).toBe(201);
      const before = await count(c.id);
      const again = await post(li, c.id, { paragraphId: para(2), body: ` ${text}  ` });
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('内容相同');
      expect(await count(c.id)).toBe(before);
      expect((await post(li, c.id, { body: '另一条不同的意见。' })).status).toBe(201);
      expect((await post(li, c.id, { paragraphId: para(2), body: text })).status).toBe(201);
    });

    it('stores a script payload as text and serves it as text (JSON), never as markup', async () => {
      const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>请看这里';
      const res = await post(await newResident(), c.id, { paragraphId: para(4), body: payload });
      expect(res.status).toBe(201);
      const list = await publicComments(c.id, undefined, { paragraphId: para(4) });
      expect(list.headers['content-type']).toContain('application/json');
      expect(list.body.items[0].body).toBe(payload);
    });
  });

  describe('content checks', () => {
    it('risky (fake WeChat __RISKY__) is refused with a plain explanation and nothing is stored', async () => {
      const before = await count(c.id);
      const res = await post(await newResident(), c.id, { body: '这条意见里有 __RISKY__ 的内容。' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('CONTENT_REJECTED');
      expect(res.body.message).toContain('未通过微信内容安全检查');
      expect(res.body.details).toEqual([{ path: 'body', reason: '未通过微信内容安全检查' }]);
      expect(await count(c.id)).toBe(before);
    });

    it('a word of the sensitive-word list is refused naming the word, before WeChat is asked', async () => {
      const before = await count(c.id);
      const res = await post(await newResident(), c.id, { body: '有人在群里发刷单返利的广告。' });
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([{ path: 'body', reason: '含有不允许发布的词语：刷单返利' }]);
      expect(await count(c.id)).toBe(before);
    });

    it('review (__REVIEW__) is held for moderation: not shown, in the reviewer queue, in 我的意见', async () => {
      const res = await post(zhang, c.id, { paragraphId: para(1), body: '需要人工看看 __REVIEW__ 这条。' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ held: true, message: '意见已收到，审核通过后公开显示', comment: { status: 'pending' } });
      const shown = await publicComments(c.id, undefined, { paragraphId: para(1) });
      expect(shown.body.items).toHaveLength(0);
      const queue = await t.request<Page<StaffCommentDto>>('GET', '/api/consultations/moderation', { token: cast.reviewer.token });
      expect(queue.body.items.find((x) => x.id === res.body.comment.id)).toMatchObject({ holdReason: 'sec_review', holdReasonLabel: '内容安全检查建议人工审核' });
      const mine = await t.request<Page<CommentDto>>('GET', '/api/consultations/mine/comments', { token: zhang.token });
      expect(mine.body.items[0]).toMatchObject({ id: res.body.comment.id, status: 'pending', body: '需要人工看看 __REVIEW__ 这条。' });
    });

    it('when WeChat cannot check (61010), the comment is held, not lost', async () => {
      const res = await post(stale, c.id, { body: '刚打开小程序就提意见了。' });
      expect(res.status).toBe(201);
      expect(res.body.held).toBe(true);
      const row = await t.db.query('SELECT status, hold_reason FROM consultation_comment WHERE id = ?', [res.body.comment.id]);
      expect(row[0]).toEqual({ status: 'pending', hold_reason: 'check_unavailable' });
    });

    it('a pre-moderated consultation holds every comment; a private one shows comments to staff only', async () => {
      const pre = await createConsultation(t, cast.reviewer.token, { regionId: tree.communityA1.id, opensAt: at('2026-12-01T10:00:00+08:00'), closesAt: CLOSE, title: '先审', preModeration: true });
      const li = await newResident('李四');
      const held = await post(li, pre.id, { body: '这是一条普通的意见。' });
      expect(held.body).toMatchObject({ held: true, comment: { status: 'pending' } });
      expect((await t.db.query('SELECT hold_reason FROM consultation_comment WHERE id = ?', [held.body.comment.id]))[0].hold_reason).toBe('pre_moderation');

      const priv = await createConsultation(t, cast.reviewer.token, { regionId: tree.communityA1.id, opensAt: at('2026-12-01T10:00:00+08:00'), closesAt: CLOSE, title: '不公开', privateComments: true });
      const sent = await post(li, priv.id, { body: '这是一条不公开的意见。' });
      expect(sent.body).toMatchObject({ held: false, message: '意见已提交，本次征求意见的意见仅工作人员可见' });
      const resident = await publicComments(priv.id, zhang.token);
      expect(resident.status).toBe(403);
      expect((await publicComments(priv.id)).status).toBe(403);
      const staff = await publicComments(priv.id, cast.worker.token);
      expect(staff.body.items.map((x) => x.body)).toEqual(['这是一条不公开的意见。']);
      const mine = await t.request<Page<CommentDto>>('GET', '/api/consultations/mine/comments', { token: li.token });
      expect(mine.body.items.map((x) => x.body)).toContain('这是一条不公开的意见。');
      expect((await t.request('POST', `/api/consultation-comments/${sent.body.comment.id}/support`, { token: zhang.token })).status).toBe(404);
    });
  });

  describe('moderation, reports, support and replies', () => {
    let target: CommentResultDto;

    beforeAll(async () => {
      target = (await post(li, c.id, { paragraphId: para(5), body: '施行日期应该推迟一个月，给大家准备时间。' })).body;
    });

    it('reviewers approve held comments; grid workers and residents may not moderate', async () => {
      const pending = (await t.request<Page<StaffCommentDto>>('GET', '/api/consultations/moderation', { token: cast.reviewer.token })).body.items.find((x) => x.holdReason === 'sec_review')!;
      expect((await t.request('POST', `/api/consultation-comments/${pending.id}/moderate`, { token: cast.worker.token, body: { action: 'approve' } })).status).toBe(403);
      expect((await t.request('POST', `/api/consultation-comments/${pending.id}/moderate`, { token: zhang.token, body: { action: 'approve' } })).status).toBe(403);
      const ok = await t.request<StaffCommentDto>('POST', `/api/consultation-comments/${pending.id}/moderate`, { token: cast.reviewer.token, body: { action: 'approve' } });
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('visible');
      const again = await t.request<Err>('POST', `/api/consultation-comments/${pending.id}/moderate`, { token: cast.reviewer.token, body: { action: 'approve' } });
      expect(again.status).toBe(409);
      expect((await t.request<Err>('GET', '/api/consultations/moderation', { token: cast.worker.token })).status).toBe(403);
    });

    it('hide needs a reason and leaves a 已隐藏 placeholder; restore brings it back; both in the register', async () => {
      const id = target.comment.id;
      const noReason = await t.request<Err>('POST', `/api/consultation-comments/${id}/moderate`, { token: cast.reviewer.token, body: { action: 'hide' } });
      expect(noReason.status).toBe(400);
      expect(noReason.body.details).toEqual([{ path: 'reason', reason: '隐藏或恢复意见时必须填写理由' }]);
      const hidden = await t.request<StaffCommentDto>('POST', `/api/consultation-comments/${id}/moderate`, { token: cast.reviewer.token, body: { action: 'hide', reason: '含有人身攻击' } });
      expect(hidden.body).toMatchObject({ status: 'hidden', hiddenReason: '含有人身攻击', body: '施行日期应该推迟一个月，给大家准备时间。' });
      const shown = (await publicComments(c.id, undefined, { paragraphId: para(5) })).body.items.find((x) => x.id === id)!;
      expect(shown).toMatchObject({ status: 'hidden', body: null, hiddenReason: '含有人身攻击' });
      const restored = await t.request<StaffCommentDto>('POST', `/api/consultation-comments/${id}/moderate`, { token: cast.reviewer.token, body: { action: 'restore', reason: '复核后无问题' } });
      expect(restored.body.status).toBe('visible');
      const register = await t.request<{ items: Array<{ action: string; note: string }> }>('GET', '/api/audit', {
        token: cast.reviewer.token,
        query: { targetType: 'consultation', targetId: c.id },
      });
      expect(register.body.items.map((x) => x.action)).toEqual(expect.arrayContaining(['consult_create', 'comment_approve', 'comment_hide', 'comment_restore']));
      expect(register.body.items.find((x) => x.action === 'comment_hide')!.note).toBe(`意见 #${id}：含有人身攻击`);
    });

    it('support once per resident', async () => {
      const id = target.comment.id;
      const first = await t.request<CommentDto>('POST', `/api/consultation-comments/${id}/support`, { token: zhang.token });
      expect(first.body).toMatchObject({ supportCount: 1, supportedByMe: true });
      const second = await t.request<Err>('POST', `/api/consultation-comments/${id}/support`, { token: zhang.token });
      expect(second.status).toBe(409);
      expect(second.body.message).toBe('您已经支持过这条意见');
      expect((await t.request<CommentDto>('POST', `/api/consultation-comments/${id}/support`, { token: wang.token })).body.supportCount).toBe(2);
    });

    it('reports once per resident; the third holds the comment for review', async () => {
      const id = target.comment.id;
      expect((await t.request<CommentDto>('POST', `/api/consultation-comments/${id}/report`, { token: zhang.token, body: { reason: '跑题' } })).body.reportedByMe).toBe(true);
      expect((await t.request<Err>('POST', `/api/consultation-comments/${id}/report`, { token: zhang.token, body: {} })).status).toBe(409);
      expect((await t.request<Err>('POST', `/api/consultation-comments/${id}/report`, { token: li.token, body: {} })).body.message).toBe('不能举报自己的意见');
      await t.request('POST', `/api/consultation-comments/${id}/report`, { token: wang.token, body: {} });
      expect((await publicComments(c.id, undefined, { paragraphId: para(5) })).body.items.map((x) => x.id)).toContain(id);
      await t.request('POST', `/api/consultation-comments/${id}/report`, { token: stale.token, body: {} });
      expect((await publicComments(c.id, undefined, { paragraphId: para(5) })).body.items.map((x) => x.id)).not.toContain(id);
      const queued = (await t.request<Page<StaffCommentDto>>('GET', '/api/consultations/moderation', { token: cast.reviewer.token })).body.items.find((x) => x.id === id)!;
      expect(queued).toMatchObject({ holdReason: 'reports', reportCount: 3 });
      await t.request('POST', `/api/consultation-comments/${id}/moderate`, { token: cast.reviewer.token, body: { action: 'approve' } });
    });

    it('official replies show under the comment; only staff covering the region reply', async () => {
      const id = target.comment.id;
      expect((await t.request('POST', `/api/consultation-comments/${id}/replies`, { token: zhang.token, body: { body: '我来回复' } })).status).toBe(403);
      expect((await t.request('POST', `/api/consultation-comments/${id}/replies`, { token: cast.outsider.token, body: { body: '我来回复' } })).status).toBe(403);
      const ok = await t.request<StaffCommentDto>('POST', `/api/consultation-comments/${id}/replies`, { token: cast.worker.token, body: { body: '感谢您的意见，我们会认真研究。' } });
      expect(ok.status).toBe(201);
      const shown = (await publicComments(c.id, undefined, { paragraphId: para(5) })).body.items.find((x) => x.id === id)!;
      expect(shown.replies).toEqual([{ id: expect.any(Number), body: '感谢您的意见，我们会认真研究。', authorName: '光明社区居民委员会', createdAt: expect.any(String) }]);
    });
  });

  describe('代录 by a grid worker', () => {
    it('is marked, keeps the resident’s name and contact private (encrypted, masked for staff)', async () => {
      const body = { paragraphId: para(4), body: '我家没有智能手机，请网格员帮我说：消防通道要画线。', residentName: '周大爷', residentPhone: '13812345678' };
      expect((await t.request('POST', `/api/consultations/${c.id}/proxy-comments`, { token: zhang.token, body })).status).toBe(403);
      expect((await t.request('POST', `/api/consultations/${c.id}/proxy-comments`, { token: cast.outsider.token, body })).status).toBe(403);
      const bad = await t.request<Err>('POST', `/api/consultations/${c.id}/proxy-comments`, { token: cast.worker.token, body: { ...body, residentPhone: '12345' } });
      expect(bad.body.details).toEqual([{ path: 'residentPhone', reason: '联系电话应为 11 位手机号或带区号的固定电话' }]);
      const res = await t.request<CommentResultDto>('POST', `/api/consultations/${c.id}/proxy-comments`, { token: cast.worker.token, body });
      expect(res.status).toBe(201);
      expect(res.body.comment).toMatchObject({ authorName: '居民（网格员代录）', proxy: true });
      const shown = await publicComments(c.id, undefined, { paragraphId: para(4) });
      const text = JSON.stringify(shown.body);
      expect(text).not.toContain('周大爷');
      expect(text).not.toContain('13812345678');
      const staff = await t.request<Page<StaffCommentDto>>('GET', `/api/consultations/${c.id}/staff-comments`, { token: cast.reviewer.token });
      expect(staff.body.items.find((x) => x.id === res.body.comment.id)).toMatchObject({ proxyResidentName: '周大爷', proxyResidentPhone: '138****5678', enteredByName: expect.any(String) });
      const row = (await t.db.query('SELECT author_id, entered_by, proxy_name_enc, proxy_contact_enc FROM consultation_comment WHERE id = ?', [res.body.comment.id]))[0];
      expect(row.author_id).toBeNull();
      expect(Number(row.entered_by)).toBe(cast.worker.id);
      expect(row.proxy_name_enc).toMatch(/^v1\./);
      expect(row.proxy_contact_enc).toMatch(/^v1\./);
      expect(row.proxy_contact_enc).not.toContain('13812345678');
    });
  });

  describe('rate limit and closing reminder', () => {
    it('limits comments per resident (429 after 5 a minute), not per address', async () => {
      const busy = await resident(t, 'o_cons_busy', '钱八', tree.communityA1.id);
      for (let i = 1; i <= 5; i++) expect((await post(busy, c.id, { body: `第 ${i} 条不同的意见内容。` })).status).toBe(201);
      const sixth = await post(busy, c.id, { body: '第 6 条不同的意见内容。' });
      expect(sixth.status).toBe(429);
      expect(sixth.body.code).toBe('RATE_LIMITED');
      // Another resident (same address in this test) is not affected.
      const other = await resident(t, 'o_cons_other', '吴九', tree.communityA1.id);
      expect((await post(other, c.id, { body: '我是另一位居民的意见。' })).status).toBe(201);
    });

    it('reminds followers once, 24 hours before closing', async () => {
      const follow = await t.request<ConsultationDetailDto>('PUT', `/api/consultations/${c.id}/follow`, { token: zhang.token });
      expect(follow.body.following).toBe(true);
      await t.request('PUT', `/api/consultations/${c.id}/follow`, { token: zhang.token });
      const job = t.app.get(ConsultationClosingJob);
      // More than 24 hours left: nothing yet.
      expect(await job.runOnce(new Date('2026-12-02T17:00:00+08:00'))).toBe(0);
      expect(await job.runOnce(new Date('2026-12-02T18:30:00+08:00'))).toBe(1);
      expect(await job.runOnce(new Date('2026-12-02T19:00:00+08:00'))).toBe(0);
      const rows: Array<{ user_id: number | string; dedupe_key: string; template_id: string }> = await t.db.query(
        "SELECT user_id, dedupe_key, template_id FROM push_outbox WHERE message_type = 'consultation_closing'",
      );
      expect(rows.map((r) => [Number(r.user_id), r.dedupe_key, r.template_id])).toEqual([[zhang.id, `consultation:${c.id}:closing:user:${zhang.id}`, 'TPL_CONSULTATION_CLOSING']]);
      const inbox = await t.request<{ items: Array<{ title: string }> }>('GET', '/api/inbox', { token: zhang.token });
      expect(inbox.body.items[0].title).toBe('《光明社区停车管理办法（征求意见稿）》征求意见即将截止');
    });

    it('refuses comments after closing', async () => {
      setClock(t, CLOSE);
      const late = await post(li, c.id, { body: '截止以后才想到的意见。' });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'CONSULTATION_NOT_OPEN', message: '征求意见已截止' });
      expect((await t.request<ConsultationDetailDto>('GET', `/api/consultations/${c.id}`)).body.status).toBe('closed');
    });
  });
});
