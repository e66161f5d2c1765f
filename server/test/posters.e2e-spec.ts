import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type ErrorBody, NOTICE_DETAIL_PAGE, noticeIdFromScene, WXACODE_SCENE_PATTERN } from '@sunboard/shared';
import { fakeWxaCodePng } from '../src/fake-wechat/png';
import { Notice } from '../src/modules/notices/notice.entity';
import { NOTICE_CODE_WIDTH } from '../src/modules/posters/notice-code.service';
import { pdfMappedCharacters as mappedCharacters } from '../src/modules/posters/pdf-unicode.testing';
import { makeNotice } from './factories/notices';
import { makeRegionTree, type RegionTree } from './factories/regions';
import { startTestApp, type TestApp } from './support/test-app';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CJK_FONT_NAME = /\/BaseFont \/[A-Z]{6}\+(NotoSansCJK|NotoSerifCJK|SourceHanSans|WenQuanYi|DroidSansFallback|PingFang)[A-Za-z-]*/;

describe('notice board: GET /api/notices/:id/qrcode and /api/notices/:id/poster.pdf', () => {
  let t: TestApp;
  let tree: RegionTree;

  beforeAll(async () => {
    t = await startTestApp();
    tree = await makeRegionTree(t.db);
  });
  afterAll(() => t?.close());

  const wxacodeCalls = async (): Promise<number> => {
    const res = await fetch(`${t.fakeWechatUrl}/__test/stats`);
    const body = (await res.json()) as { endpoints: Record<string, { calls: number }> };
    return body.endpoints.getwxacodeunlimit.calls;
  };
  const fault = (errors: Array<number | string>) =>
    fetch(`${t.fakeWechatUrl}/__test/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: 'getwxacodeunlimit', errors }),
    });
  const qrcode = (id: number | string) => t.request('GET', `/api/notices/${id}/qrcode`);
  const poster = (id: number | string) => t.request('GET', `/api/notices/${id}/poster.pdf`);
  /** The raw body as bytes (inject's string body would mangle binary). */
  const bytes = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
  };

  it('answers the PNG WeChat made for the detail page with scene n=<id>, asking WeChat once', async () => {
    const notice = await makeNotice(t.db, { regionId: tree.communityA1.id });
    const before = await wxacodeCalls();

    const first = await bytes(`/api/notices/${notice.id}/qrcode`);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('image/png');
    expect(first.body.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);

    // The fake draws its image from scene|page at the asked width: equal bytes mean WeChat was asked for exactly this.
    const scene = `n=${notice.id}`;
    expect(first.body.equals(fakeWxaCodePng(NOTICE_CODE_WIDTH, `${scene}|${NOTICE_DETAIL_PAGE}`))).toBe(true);
    expect(scene.length).toBeLessThanOrEqual(32);
    expect(scene).toMatch(WXACODE_SCENE_PATTERN);
    // What the mini program does with the URL-encoded query.scene it receives.
    expect(noticeIdFromScene(encodeURIComponent(scene))).toBe(notice.id);

    const second = await bytes(`/api/notices/${notice.id}/qrcode`);
    expect(second.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    expect((await wxacodeCalls()) - before).toBe(1);
    expect(readdirSync(join(t.config.uploadDir, 'cache', 'wxacode', String(notice.id)))).toEqual([expect.stringMatching(/^v1-[0-9a-f]{8}\.png$/)]);
  });

  it('shares one WeChat call between simultaneous requests, and asks again for a corrected version', async () => {
    const notice = await makeNotice(t.db, { regionId: tree.communityA1.id });
    const before = await wxacodeCalls();
    const answers = await Promise.all([qrcode(notice.id), qrcode(notice.id), qrcode(notice.id)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await wxacodeCalls()) - before).toBe(1);

    await t.db.getRepository(Notice).update(notice.id, { version: 2 });
    expect((await qrcode(notice.id)).status).toBe(200);
    expect((await qrcode(notice.id)).status).toBe(200);
    expect((await wxacodeCalls()) - before).toBe(2);
    // The old version's file is gone.
    expect(readdirSync(join(t.config.uploadDir, 'cache', 'wxacode', String(notice.id)))).toEqual([expect.stringMatching(/^v2-/)]);
  });

  it('is 404 for anything unpublished, without asking WeChat', async () => {
    const draft = await makeNotice(t.db, { regionId: tree.communityA1.id, status: 'draft' });
    const pending = await makeNotice(t.db, { regionId: tree.communityA1.id, status: 'pending_review' });
    const withdrawn = await makeNotice(t.db, { regionId: tree.communityA1.id, status: 'withdrawn', publishedAt: new Date() });
    const expired = await makeNotice(t.db, { regionId: tree.communityA1.id, status: 'expired', publishedAt: new Date() });
    // Still `published`, but its 公示 period is over: the list is no longer public.
    const ended = await makeNotice(t.db, {
      regionId: tree.communityA1.id,
      kind: 'publicity',
      publicityStartsAt: new Date(Date.now() - 8 * 86_400_000),
      publicityEndsAt: new Date(Date.now() - 60_000),
    });
    const before = await wxacodeCalls();
    for (const id of [draft.id, pending.id, withdrawn.id, expired.id, ended.id, 999999]) {
      for (const res of [await qrcode(id), await poster(id)]) {
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
        expect(res.headers['cache-control']).toBeUndefined();
      }
    }
    expect((await wxacodeCalls()) - before).toBe(0);
    const bad = await qrcode('abc');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'id', reason: expect.any(String) }] });
  });

  it('answers 502 WECHAT_UNAVAILABLE with the error shape when WeChat fails, and does not keep the failure', async () => {
    const notice = await makeNotice(t.db, { regionId: tree.communityA1.id });

    await fault([45009]);
    const quota = await qrcode(notice.id);
    expect(quota.status).toBe(502);
    expect(quota.headers['content-type']).toMatch(/^application\/json/);
    expect(quota.body).toEqual({ code: 'WECHAT_UNAVAILABLE', message: expect.stringContaining('45009'), requestId: expect.any(String) } satisfies Partial<ErrorBody>);
    expect(quota.body.message).toMatch(/小程序码生成失败/);

    await fault(['http500']);
    const down = await poster(notice.id);
    expect(down.status).toBe(502);
    expect(down.body).toMatchObject({ code: 'WECHAT_UNAVAILABLE', message: expect.stringMatching(/无法连接微信服务/) });

    // The queue is spent: the next request gets the code.
    const ok = await bytes(`/api/notices/${notice.id}/qrcode`);
    expect(ok.status).toBe(200);
    expect(ok.body.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
  });

  it('makes an A4 PDF with the Chinese font embedded, the code image and the notice text', async () => {
    const notice = await makeNotice(t.db, {
      regionId: tree.communityA1.id,
      title: '关于光明社区2026年第四季度低保对象的公示',
      kind: 'publicity',
      domain: 'social_assistance',
      docNo: '马街〔2026〕18号',
      publicityStartsAt: new Date(Date.now() - 2 * 86_400_000),
      publicityEndsAt: new Date(Date.now() + 5 * 86_400_000),
      body: '<p>各位居民：</p><p>经入户调查和民主评议，现将拟纳入低保的对象名单予以公示。</p><script>alert(1)</script>',
    });
    const before = await wxacodeCalls();

    const res = await bytes(`/api/notices/${notice.id}/poster.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(`filename="notice-${notice.id}.pdf"`);
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('关于光明社区')}`);
    const pdf = res.body;
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(text).toMatch(/\/FontFile[23] /);
    expect(text).toMatch(CJK_FONT_NAME);
    expect(text).toMatch(/\/Subtype \/Image/);
    expect(text).toContain(`/Width ${NOTICE_CODE_WIDTH}`);
    // Subset, not the 20 MB collection.
    expect(pdf.length).toBeLessThan(600_000);

    const set = mappedCharacters(pdf);
    for (const ch of '阳光公开栏微信扫码查看全文发布主体依据时限公开对象文号公示期发布日期光明社区') expect(set).toContain(ch);
    for (const ch of '关于光明社区2026年第四季度低保对象的公示') expect(set).toContain(ch); // the title
    for (const ch of '社会救助') expect(set).toContain(ch); // the domain
    for (const ch of '入户调查民主评议') expect(set).toContain(ch); // the excerpt
    for (const ch of '马街〔〕18号') expect(set).toContain(ch); // 文号
    expect(set).not.toContain('<'); // the script tag is not printed

    // The poster used the code (one WeChat call); a second download is the cached file, no new call.
    expect((await wxacodeCalls()) - before).toBe(1);
    const again = await bytes(`/api/notices/${notice.id}/poster.pdf`);
    expect(again.body.equals(pdf)).toBe(true);
    expect((await wxacodeCalls()) - before).toBe(1);
    expect(readdirSync(join(t.config.uploadDir, 'cache', 'posters', String(notice.id)))).toHaveLength(1);

    // A correction changes what is printed: a new poster replaces the old file.
    await t.db.getRepository(Notice).update(notice.id, { title: '关于光明社区低保对象的更正公示' });
    const corrected = await bytes(`/api/notices/${notice.id}/poster.pdf`);
    expect(corrected.status).toBe(200);
    expect(corrected.body.equals(pdf)).toBe(false);
    for (const ch of '更正') expect(mappedCharacters(corrected.body)).toContain(ch);
    expect(readdirSync(join(t.config.uploadDir, 'cache', 'posters', String(notice.id)))).toHaveLength(1);
  });
});

describe('poster without a Chinese font', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { CJK_FONT_PATH: '/nonexistent/fonts/NotoSansCJK-Regular.ttc' } });
  });
  afterAll(() => t?.close());

  it('answers 503 naming the missing font, never a PDF in a font without Chinese', async () => {
    const tree = await makeRegionTree(t.db);
    const notice = await makeNotice(t.db, { regionId: tree.communityA1.id });
    const res = await t.request('GET', `/api/notices/${notice.id}/poster.pdf`);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) });
    expect(res.body.message).toMatch(/缺少中文字体/);
    expect(res.body.message).toContain('fonts-noto-cjk');
    expect(res.body.message).toContain('CJK_FONT_PATH');
    expect(res.body.message).not.toContain('/nonexistent'); // server paths stay in the log
    expect(existsSync(join(t.config.uploadDir, 'cache', 'posters'))).toBe(false);

    // The code itself needs no font.
    expect((await t.request('GET', `/api/notices/${notice.id}/qrcode`)).status).toBe(200);
  });
});
