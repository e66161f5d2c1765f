import type { AttachmentDto, NoticeCardDto, NoticeDetailDto, NoticeTableDto, NoticeVersionDto, NoticeVersionSummaryDto, Page, StaffNoticeCardDto } from '@sunboard/shared';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { Notice } from '../src/modules/notices/notice.entity';
import { multipart } from './support/multipart';
import { counts, noticeInput, publicityInput, staffOf, workflow } from './support/notice-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

describe('notices as staff write and review them (先审后发)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staffOf>>;
  let w: ReturnType<typeof workflow>;

  beforeAll(async () => {
    t = await startTestApp();
    s = await staffOf(t);
    w = workflow(t);
  });
  afterAll(() => t?.close());

  const publicDetail = (id: number, token?: string) => t.request<NoticeDetailDto & { code?: string }>('GET', `/api/notices/${id}`, { token });
  const staffList = (token: string, query: Record<string, string | number | boolean>) =>
    t.request<Page<StaffNoticeCardDto>>('GET', '/api/staff/notices', { token, query });

  it('runs draft → pending_review → published → withdrawn, and residents only ever see the published notice', async () => {
    const created = await w.create(s.worker, noticeInput(s.tree.communityA1.id, { docNo: '光社〔2026〕5号', pinned: true }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      status: 'draft',
      version: 1,
      corrected: false,
      docNo: '光社〔2026〕5号',
      pinned: true,
      author: { id: s.worker.id },
      reviewer: null,
      publishedAt: null,
      region: { id: s.tree.communityA1.id, name: '光明社区' },
      actions: ['edit', 'submit'],
    });
    // Drafts are invisible to residents and to anonymous callers, in the detail and in the feed.
    expect((await publicDetail(id)).status).toBe(404);
    expect((await publicDetail(id, s.resident.token)).status).toBe(404);
    const feedIds = async () =>
      (await t.request<Page<NoticeCardDto>>('GET', '/api/notices', { query: { regionId: s.tree.communityA1.id } })).body.items.map((n) => n.id);
    expect(await feedIds()).not.toContain(id);

    // My drafts.
    const mine = await staffList(s.worker.token, { mine: true, status: 'draft' });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((n) => n.id)).toContain(id);
    expect((await staffList(s.worker2.token, { mine: true })).body.items.map((n) => n.id)).not.toContain(id);

    const edited = await w.update(s.worker, id, { title: '关于冬季供暖时间调整的通知' });
    expect(edited.status).toBe(200);
    expect(edited.body.title).toBe('关于冬季供暖时间调整的通知');

    const submitted = await w.submit(s.worker, id);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('pending_review');
    expect((await publicDetail(id)).status).toBe(404);

    // The reviewer's queue.
    const queue = await staffList(s.reviewer.token, { status: 'pending_review' });
    expect(queue.body.items.map((n) => n.id)).toContain(id);
    expect((await w.staffDetail(s.reviewer, id)).body.actions).toEqual(['approve', 'reject']);

    // The confidentiality check must be confirmed.
    for (const body of [{}, { confidentialityChecked: false }]) {
      const refused = await w.approve(s.reviewer, id, body);
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ path: 'confidentialityChecked' })]);
    }
    expect((await w.staffDetail(s.reviewer, id)).body.status).toBe('pending_review');

    const approved = await w.approve(s.reviewer, id, { confidentialityChecked: true, note: '内容准确' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'published', reviewer: { id: s.reviewer.id }, version: 1 });
    expect(Date.now() - new Date(approved.body.publishedAt!).getTime()).toBeLessThan(60_000);

    const shown = await publicDetail(id, s.resident.token);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      id,
      title: '关于冬季供暖时间调整的通知',
      status: 'published',
      basis: '《城市供热管理办法》',
      timeLimit: '自信息形成之日起20个工作日内',
      publisher: '光明社区居民委员会',
      method: 'active',
      channels: ['mini_program', 'notice_board'],
      audience: 'public',
      domain: 'municipal_service',
      category: 'service',
      kind: 'notice',
      docNo: '光社〔2026〕5号',
      version: 1,
      corrected: false,
      attachments: [],
      table: null,
      interpretation: null,
      guide: null,
    });
    expect(await feedIds()).toContain(id);
    // Off the review queue.
    expect((await staffList(s.reviewer.token, { status: 'pending_review' })).body.items.map((n) => n.id)).not.toContain(id);

    const withdrawn = await w.withdraw(s.reviewer, id, '供暖时间有变，另行通知');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawalReason: '供暖时间有变，另行通知', actions: [] });
    expect((await publicDetail(id)).status).toBe(404);
    expect(await feedIds()).not.toContain(id);
    expect((await staffList(s.worker.token, { status: 'withdrawn' })).body.items.map((n) => n.id)).toContain(id);
  });

  it('sends a submission back with a reason the author sees, until it is submitted again', async () => {
    const id = (await w.create(s.worker, noticeInput(s.tree.communityA1.id))).body.id;
    await w.submit(s.worker, id);
    const rejected = await w.reject(s.reviewer, id, '依据不完整，请补充文号');
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'draft', rejectionReason: '依据不完整，请补充文号' });

    const seen = await w.staffDetail(s.worker, id);
    expect(seen.body).toMatchObject({ status: 'draft', rejectionReason: '依据不完整，请补充文号', actions: ['edit', 'submit'] });
    const card = (await staffList(s.worker.token, { mine: true, status: 'draft' })).body.items.find((n) => n.id === id)!;
    expect(card.rejectionReason).toBe('依据不完整，请补充文号');

    await w.update(s.worker, id, { docNo: '光社〔2026〕6号' });
    const again = await w.submit(s.worker, id);
    expect(again.body).toMatchObject({ status: 'pending_review', rejectionReason: null });
  });

  it('answers illegal transitions with 409 and a Chinese reason', async () => {
    const id = (await w.create(s.worker, noticeInput(s.tree.communityA1.id))).body.id;
    const cases: Array<[string, () => Promise<{ status: number; body: { code?: string; message?: string } }>, RegExp]> = [
      ['approve a draft', () => w.approve(s.reviewer, id), /草稿/],
      ['reject a draft', () => w.reject(s.reviewer, id), /草稿/],
      ['withdraw a draft', () => w.withdraw(s.reviewer, id), /尚未发布/],
    ];
    for (const [what, call, message] of cases) {
      const res = await call();
      expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status: 409, code: 'INVALID_TRANSITION' });
      expect(res.body.message).toMatch(message);
    }
    await w.submit(s.worker, id);
    const resubmit = await w.submit(s.worker, id);
    expect([resubmit.status, resubmit.body.message]).toEqual([409, '公告已提交审核，请等待审核结果']);
    const editPending = await w.update(s.worker, id, { title: '改一下' });
    expect(editPending.status).toBe(409);
    expect(editPending.body.message).toMatch(/审核中/);
    await w.approve(s.reviewer, id);
    expect((await w.submit(s.worker, id)).status).toBe(409);
    expect((await w.approve(s.reviewer, id)).body.message).toBe('公告已发布，没有待审核的更正');
    await w.withdraw(s.reviewer, id);
    for (const res of [await w.withdraw(s.reviewer, id), await w.update(s.reviewer, id, { title: '再改' }), await w.approve(s.reviewer, id)]) {
      expect([res.status, res.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    }
  });

  describe('authorisation', () => {
    it('keeps grid workers inside their scope and residents out of staff routes', async () => {
      const outside = await w.create(s.outsider, noticeInput(s.tree.communityA1.id));
      expect([outside.status, outside.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
      // A grid worker may draft for a region below theirs, never above.
      expect((await w.create(s.worker, noticeInput(s.tree.gridA1.id))).status).toBe(201);
      expect((await w.create(s.worker, noticeInput(s.tree.streetA.id))).body.code).toBe('OUT_OF_SCOPE');

      const id = (await w.create(s.worker, noticeInput(s.tree.communityA1.id))).body.id;
      for (const res of [
        await w.staffDetail(s.outsider, id),
        await w.update(s.outsider, id, { title: '越权修改' }),
        await t.request('GET', `/api/staff/notices/${id}/reach`, { token: s.outsider.token }),
      ]) {
        expect([res.status, res.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
      }
      // Moving a draft to a region outside the editor's scope.
      expect((await w.update(s.worker, id, { regionId: s.tree.communityB1.id })).body.code).toBe('OUT_OF_SCOPE');
      // Only the author submits.
      const bySomeoneElse = await w.submit(s.worker2, id);
      expect([bySomeoneElse.status, bySomeoneElse.body.code]).toEqual([403, 'FORBIDDEN']);
      await w.submit(s.worker, id);
      // Grid workers do not approve; reviewers outside the region do not either.
      expect((await w.approve(s.worker2, id)).body.code).toBe('FORBIDDEN');
      expect((await w.approve(s.otherReviewer, id)).body.code).toBe('OUT_OF_SCOPE');
      expect((await w.reject(s.otherReviewer, id)).body.code).toBe('OUT_OF_SCOPE');

      // Outside staff lists: the notice does not appear.
      expect((await staffList(s.outsider.token, {})).body.items.map((n) => n.id)).not.toContain(id);
      expect((await staffList(s.otherReviewer.token, { status: 'pending_review' })).body.items.map((n) => n.id)).not.toContain(id);

      // Residents: no staff route at all.
      for (const [method, url, body] of [
        ['POST', '/api/notices', noticeInput(s.tree.communityA1.id)],
        ['PATCH', `/api/notices/${id}`, { title: 'x' }],
        ['POST', `/api/notices/${id}/submit`, undefined],
        ['POST', `/api/notices/${id}/approve`, { confidentialityChecked: true }],
        ['POST', `/api/notices/${id}/withdraw`, { reason: 'x' }],
        ['GET', '/api/staff/notices', undefined],
        ['GET', `/api/staff/notices/${id}`, undefined],
        ['GET', `/api/staff/notices/${id}/reach`, undefined],
      ] as const) {
        const res = await t.request(method, url, { token: s.resident.token, body });
        expect({ method, url, status: res.status, code: res.body.code }).toEqual({ method, url, status: 403, code: 'FORBIDDEN' });
      }
      expect((await t.request('POST', '/api/notices', { body: noticeInput(s.tree.communityA1.id) })).status).toBe(401);
      expect((await w.staffDetail(s.reviewer, id)).body.status).toBe('pending_review');
    });

    it('never lets the author approve or reject their own notice', async () => {
      // A reviewer drafting for their own street is an author like any other.
      const id = (await w.create(s.reviewer, noticeInput(s.tree.streetA.id))).body.id;
      await w.submit(s.reviewer, id);
      for (const res of [await w.approve(s.reviewer, id), await w.reject(s.reviewer, id)]) {
        expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
        expect(res.body.message).toMatch(/自己/);
      }
      expect((await w.staffDetail(s.reviewer, id)).body.actions).not.toContain('approve');
      const byAdmin = await w.approve(s.admin, id);
      expect(byAdmin.body).toMatchObject({ status: 'published', reviewer: { id: s.admin.id }, author: { id: s.reviewer.id } });
    });
  });

  it('refuses to submit while the text holds an unmasked ID or mobile number, naming the field and where', async () => {
    const body = '<p>申请人王某，身份证号410411198502023456，联系电话13912345678。</p>';
    const id = (await w.create(s.worker, noticeInput(s.tree.communityA1.id, { body, basis: '《社会救助暂行办法》' }))).body.id;
    const before = await counts(t);
    const refused = await w.submit(s.worker, id);
    expect([refused.status, refused.body.code]).toEqual([400, 'PERSONAL_DATA_FOUND']);
    const details = refused.body.details!;
    expect(details.map((d) => [d.path, d.kind])).toEqual([
      ['body', 'id_number'],
      ['body', 'phone'],
    ]);
    const stored = (await t.db.getRepository(Notice).findOneByOrFail({ id })).body;
    const d0 = details[0] as { index: number; length: number; excerpt: string; reason: string };
    expect(stored.slice(d0.index, d0.index + d0.length)).toBe('410411198502023456');
    expect(d0.excerpt).toContain('41**************56');
    expect(JSON.stringify(refused.body)).not.toContain('410411198502023456');
    expect(JSON.stringify(refused.body)).not.toContain('13912345678');
    expect(await counts(t)).toEqual(before);
    expect((await w.staffDetail(s.worker, id)).body.status).toBe('draft');

    // Another field: the title.
    await w.update(s.worker, id, { body: '<p>申请人王某，身份证号41**************56，联系电话139****5678。</p>', title: '王某13912345678低保公示' });
    const again = await w.submit(s.worker, id);
    expect(again.body.details!.map((d) => d.path)).toEqual(['title']);
    await w.update(s.worker, id, { title: '低保对象公示' });
    expect((await w.submit(s.worker, id)).body.status).toBe('pending_review');
  });

  describe('bad input', () => {
    const bad: Array<[string, (regionId: number) => Record<string, unknown>, string]> = [
      ['unknown domain', (r) => noticeInput(r, { domain: 'space_travel' as never }), 'domain'],
      ['unknown kind', (r) => noticeInput(r, { kind: 'rumour' as never }), 'kind'],
      ['unknown channel', (r) => noticeInput(r, { channels: ['fax'] as never }), 'channels.0'],
      ['no channel', (r) => noticeInput(r, { channels: [] }), 'channels'],
      ['missing basis', (r) => ({ ...noticeInput(r), basis: undefined }), 'basis'],
      ['blank publisher', (r) => noticeInput(r, { publisher: '   ' }), 'publisher'],
      ['title too long', (r) => noticeInput(r, { title: '长'.repeat(121) }), 'title'],
      ['公示 without a period', (r) => noticeInput(r, { kind: 'publicity' }), 'publicityEndsAt'],
      [
        '公示 ending before it starts',
        (r) => publicityInput(r, { publicityStartsAt: '2026-12-08T00:00:00+08:00', publicityEndsAt: '2026-12-01T00:00:00+08:00' }),
        'publicityEndsAt',
      ],
      ['a time without offset', (r) => publicityInput(r, { publicityStartsAt: '2026-12-01 08:00' }), 'publicityStartsAt'],
      ['办事指南 without its fields', (r) => noticeInput(r, { kind: 'service_guide' }), 'guide'],
      ['unknown field', (r) => ({ ...noticeInput(r), colour: 'red' }), '(body)'],
      ['only a script as body', (r) => noticeInput(r, { body: '<script>alert(1)</script>' }), 'body'],
    ];

    it.each(bad)('%s → 400 naming the field, nothing written', async (_what, make, field) => {
      const before = await counts(t);
      const res = await w.create(s.worker, make(s.tree.communityA1.id));
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.details!.map((d) => d.path)).toContain(field);
      expect(res.body.details!.every((d) => typeof d.reason === 'string' && (d.reason as string).length > 0)).toBe(true);
      expect(await counts(t)).toEqual(before);
    });

    it('unknown region → 404 naming regionId; a non-interpretation as interpretation → 400; nothing written', async () => {
      const before = await counts(t);
      const noRegion = await w.create(s.worker, noticeInput(99999));
      expect([noRegion.status, noRegion.body.code, noRegion.body.details]).toEqual([404, 'REGION_NOT_FOUND', [expect.objectContaining({ path: 'regionId' })]]);
      const plain = await t.db.getRepository(Notice).findOneByOrFail({ status: 'draft' });
      const wrongLink = await w.create(s.worker, noticeInput(s.tree.communityA1.id, { interpretationId: plain.id }));
      expect([wrongLink.status, wrongLink.body.details]).toEqual([400, [expect.objectContaining({ path: 'interpretationId' })]]);
      expect(await counts(t)).toEqual(before);
    });

    it('a PATCH that breaks a rule between fields is refused and changes nothing', async () => {
      const id = (await w.create(s.worker, publicityInput(s.tree.communityA1.id))).body.id;
      const before = await counts(t);
      const stored = await t.db.getRepository(Notice).findOneByOrFail({ id });
      const res = await w.update(s.worker, id, { publicityEndsAt: '2020-01-01T00:00:00+08:00' });
      expect([res.status, res.body.details]).toEqual([400, [expect.objectContaining({ path: 'publicityEndsAt' })]]);
      expect(await counts(t)).toEqual(before);
      expect((await t.db.getRepository(Notice).findOneByOrFail({ id })).publicityEndsAt).toEqual(stored.publicityEndsAt);
      expect((await w.update(s.worker, id, {})).status).toBe(400);
    });

    it('stores script and markup inert, and serves them inert', async () => {
      const body = '<p onclick="steal()">通知<script>alert(document.cookie)</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">详情</a></p><style>p{}</style>';
      const created = await w.create(s.worker, noticeInput(s.tree.communityA1.id, { body }));
      expect(created.status).toBe(201);
      const stored = (await t.db.getRepository(Notice).findOneByOrFail({ id: created.body.id })).body;
      expect(stored).toBe('<p>通知详情</p>');
      for (const text of [stored, created.body.body]) expect(text).not.toMatch(/<script|onerror|onclick|javascript:|<img|<style/i);
    });
  });

  it('keeps an earlier version readable after a reviewer corrects a published notice (已更正)', async () => {
    const published = await w.publish(s.worker, s.reviewer, noticeInput(s.tree.communityA1.id, { title: '停水通知（原）', body: '<p>12月1日停水。</p>' }));
    const id = published.id;
    const corrected = await w.update(s.reviewer, id, { title: '停水通知（更正）', body: '<p>12月2日停水。</p>' });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ status: 'published', version: 2, corrected: true, title: '停水通知（更正）' });

    const shown = await publicDetail(id);
    expect(shown.body).toMatchObject({ version: 2, corrected: true, title: '停水通知（更正）', body: '<p>12月2日停水。</p>' });
    const versions = await t.request<{ items: NoticeVersionSummaryDto[] }>('GET', `/api/notices/${id}/versions`);
    expect(versions.body.items.map((v) => [v.version, v.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    const v1 = await t.request<NoticeVersionDto>('GET', `/api/notices/${id}/versions/1`);
    expect(v1.body).toMatchObject({ version: 1, current: false, title: '停水通知（原）', body: '<p>12月1日停水。</p>', kind: 'notice' });
    const v2 = await t.request<NoticeVersionDto>('GET', `/api/notices/${id}/versions/2`);
    expect(v2.body).toMatchObject({ version: 2, current: true, title: '停水通知（更正）' });
    expect((await t.request('GET', `/api/notices/${id}/versions/3`)).status).toBe(404);
    expect((await t.request('GET', `/api/notices/${id}/versions/abc`)).body.details).toEqual([expect.objectContaining({ path: 'version' })]);

    // A correction must not bring in personal data either.
    const leak = await w.update(s.reviewer, id, { body: '<p>联系人电话13912345678</p>' });
    expect([leak.status, leak.body.code]).toEqual([400, 'PERSONAL_DATA_FOUND']);
    expect((await publicDetail(id)).body.version).toBe(2);

    // Versions of a notice that is not public are not public either.
    const draft = (await w.create(s.worker, noticeInput(s.tree.communityA1.id))).body.id;
    expect((await t.request('GET', `/api/notices/${draft}/versions`)).status).toBe(404);
    expect((await t.request('GET', `/api/notices/${draft}/versions/1`)).status).toBe(404);
  });

  it("holds a grid worker's correction for review; residents keep the published text until it is approved", async () => {
    const id = (await w.publish(s.worker, s.reviewer, noticeInput(s.tree.communityA1.id, { title: '疫苗接种通知' }))).id;
    const proposed = await w.update(s.worker2, id, { title: '疫苗接种时间更正通知' });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ status: 'published', version: 1, title: '疫苗接种通知' });
    expect(proposed.body.pendingRevision).toMatchObject({ author: { id: s.worker2.id }, changes: { title: '疫苗接种时间更正通知' } });
    expect((await publicDetail(id)).body.title).toBe('疫苗接种通知');

    const queue = await staffList(s.reviewer.token, { status: 'pending_review' });
    expect(queue.body.items.find((n) => n.id === id)).toMatchObject({ hasPendingRevision: true, status: 'published' });
    expect((await staffList(s.worker2.token, { mine: true })).body.items.map((n) => n.id)).toContain(id);

    // Its author cannot approve it, even holding a reviewer role; a reviewer rejects, then approves a new one.
    const rejected = await w.reject(s.reviewer, id, '时间没有变化');
    expect(rejected.body).toMatchObject({ status: 'published', version: 1, pendingRevision: null, rejectionReason: '时间没有变化' });
    expect((await w.approve(s.reviewer, id)).status).toBe(409);

    await w.update(s.worker2, id, { title: '疫苗接种地点更正通知' });
    const approved = await w.approve(s.reviewer, id);
    expect(approved.body).toMatchObject({ status: 'published', version: 2, corrected: true, title: '疫苗接种地点更正通知', pendingRevision: null });
    expect((await publicDetail(id)).body).toMatchObject({ title: '疫苗接种地点更正通知', corrected: true });
    const v1 = await t.request<NoticeVersionDto>('GET', `/api/notices/${id}/versions/1`);
    expect(v1.body.title).toBe('疫苗接种通知');
  });

  it('carries 办事指南 fields and links a notice with its interpretation both ways', async () => {
    const guide = {
      conditions: '本社区常住居民',
      materials: ['身份证', '户口本'],
      steps: ['提交申请', '社区审核', '办结'],
      placeAndTime: '社区党群服务中心，工作日 9:00-17:00',
      consultPhone: '0375-3912318',
      complaintPhone: '0375-12345',
    };
    const g = await w.publish(s.worker, s.reviewer, noticeInput(s.tree.communityA1.id, { kind: 'service_guide', category: 'service', guide }));
    expect((await publicDetail(g.id)).body.guide).toEqual(guide);

    const interp = await w.publish(s.worker, s.reviewer, noticeInput(s.tree.communityA1.id, { kind: 'policy_interpretation', title: '供暖新规解读' }));
    const policy = await w.publish(s.worker, s.reviewer, noticeInput(s.tree.communityA1.id, { title: '供暖新规', interpretationId: interp.id }));
    expect((await publicDetail(policy.id)).body.interpretation).toEqual({ id: interp.id, title: '供暖新规解读' });
    expect((await publicDetail(interp.id)).body.interprets).toEqual([{ id: policy.id, title: '供暖新规' }]);
    // Changing the kind away from 办事指南 drops the guide.
    const draft = (await w.create(s.worker, noticeInput(s.tree.communityA1.id, { kind: 'service_guide', guide }))).body.id;
    expect((await w.update(s.worker, draft, { kind: 'notice' })).body.guide).toBeNull();
  });

  describe('uploads and search', () => {
    const upload = async (token: string, name = '现场.png') => {
      const png = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#c00' } }).png().toBuffer();
      const { payload, headers } = multipart([{ filename: name, contentType: 'image/png', content: png }]);
      const res = await t.request<AttachmentDto>('POST', '/api/uploads', { token, payload, headers });
      if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const importTable = async (token: string) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名单');
      ws.addRows([
        ['户主姓名', '身份证号', '联系电话', '保障人数'],
        ['张三', '410411198502023456', '13912345678', '3'],
      ]);
      const { payload, headers } = multipart([{ filename: '名单.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) }]);
      const res = await t.request<NoticeTableDto>('POST', '/api/notice-tables/import', { token, payload, headers });
      if (res.status !== 201) throw new Error(`import: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };

    it('attaches photos and a masked 公示 table in the notice’s transaction and shows them with the published notice', async () => {
      const photo = await upload(s.worker.token);
      const table = await importTable(s.worker.token);
      const created = await w.create(s.worker, publicityInput(s.tree.communityA1.id, { attachmentIds: [photo.id], tableId: table.id }));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ attachmentIds: [photo.id], table: { id: table.id }, tableHiddenFromResidents: true });
      await w.submit(s.worker, created.body.id);
      await w.approve(s.reviewer, created.body.id);
      const shown = await publicDetail(created.body.id);
      expect(shown.body.attachments.map((a) => a.id)).toEqual([photo.id]);
      expect(shown.body.table).toMatchObject({ id: table.id, rowCount: 1 });
      expect(JSON.stringify(shown.body.table)).not.toContain('410411198502023456');
      expect(JSON.stringify(shown.body.table)).toContain('41**************56');
      // A reviewer's correction keeps the author's photo and table.
      const retitled = await w.update(s.reviewer, created.body.id, { title: '低保对象公示（更正）', attachmentIds: [photo.id], tableId: table.id });
      expect(retitled.status).toBe(200);
      expect(retitled.body).toMatchObject({ version: 2, attachmentIds: [photo.id], table: { id: table.id } });
      // The register's digest covers the links: a correction that only drops the photo changes it.
      const corrected = await w.update(s.reviewer, created.body.id, { attachmentIds: [] });
      expect(corrected.body).toMatchObject({ version: 3, attachmentIds: [] });
      expect((await publicDetail(created.body.id)).body.attachments).toEqual([]);
      const rows = (await t.request('GET', '/api/audit', { token: s.reviewer.token, query: { targetType: 'notice', targetId: created.body.id } })).body.items;
      const correct = rows.filter((r: { action: string }) => r.action === 'correct').pop();
      expect(correct.digestBefore).not.toBe(correct.digestAfter);
      // An upload already used by one notice cannot be claimed by another.
      const table2 = await importTable(s.worker.token);
      const reuse = await w.create(s.worker, noticeInput(s.tree.communityA1.id, { tableId: table.id }));
      expect([reuse.status, reuse.body.details]).toEqual([400, [expect.objectContaining({ path: 'tableId' })]]);
      expect((await w.create(s.worker, noticeInput(s.tree.communityA1.id, { tableId: table2.id }))).status).toBe(201);
    });

    it('refuses someone else’s upload, writing nothing', async () => {
      const theirs = await upload(s.worker2.token);
      const before = await counts(t);
      const res = await w.create(s.worker, noticeInput(s.tree.communityA1.id, { attachmentIds: [theirs.id] }));
      expect([res.status, res.body.details]).toEqual([400, [expect.objectContaining({ path: 'attachmentIds' })]]);
      expect(await counts(t)).toEqual(before);
    });

    it('makes a notice findable when it is published and unfindable when it is withdrawn', async () => {
      const search = async () =>
        (await t.request<Page<NoticeCardDto>>('GET', '/api/notices', { query: { regionId: s.tree.communityA1.id, q: '燃气管道检修' } })).body.items.map((n) => n.id);
      const id = (await w.create(s.worker, noticeInput(s.tree.communityA1.id, { title: '燃气管道检修通知' }))).body.id;
      await w.submit(s.worker, id);
      expect(await search()).not.toContain(id);
      await w.approve(s.reviewer, id);
      expect(await search()).toContain(id);
      await w.update(s.reviewer, id, { title: '燃气管道检修延期通知' });
      expect(await search()).toContain(id);
      await w.withdraw(s.reviewer, id);
      expect(await search()).not.toContain(id);
    });
  });
});
