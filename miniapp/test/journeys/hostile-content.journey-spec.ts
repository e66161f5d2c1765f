/**
 * Journey (issue 8, point 2): script and HTML typed into every text field residents and staff can
 * write stay text on every h5 page that shows them.
 *
 * Through the API, as the people themselves would: 张桂兰 names herself `<svg/onload=alert()>`; the
 * grid worker of 光明社区 uploads a photo and imports a 公示 table whose cells and names carry payloads,
 * writes a 公示 and a 办事指南 with a payload in each of the eight elements (the body as HTML full of
 * scripts), the reviewer approves them with a payload note and sends a third back with a payload
 * reason; the reviewer opens a consultation whose title, summary, basis, publisher, contact and draft
 * articles carry payloads; 张桂兰 comments (and another comment is held for review), the grid worker
 * replies and enters a 代录 comment for a payload name; the grid worker opens a case for 张桂兰 with a
 * payload applicant name and note, records progress and a 补正 with payload materials; 张桂兰 rates
 * the 公示 非常不满意 with a payload comment and the grid worker answers the follow-up with payloads.
 *
 * Then every page that shows those texts is opened in Chromium — with the page's Content Security
 * Policy switched off, so that only the app's own escaping stands between the payloads and the page —
 * and on each: the payload reads as text (the notice body, which is rich text, shows its words
 * with every tag outside its small allowlist removed), no script ran (`window.__pwned` unset, no dialog, no page
 * error), and the DOM holds no element the payloads would have made (no inline script, iframe, on*
 * attribute or javascript: link).
 *
 * Runs the real stack (fake WeChat + built server serving miniapp/dist/h5) on SQLite with the demo seed.
 * Needs `npm run build:server && npm run build:h5` beforehand.
 * Screenshots: test-results/journeys/hostile-*.png
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { UserDto } from '@sunboard/shared';
import { assertBuilt, launchChromium, screenshot, SHOTS, startStack, settle, type Stack } from './support/journey-kit';
import * as kit from './support/journey-kit';

const RESIDENT = 'o_demo_resident_zhang';
const GRID = 'o_demo_grid_guangming';
const REVIEWER = 'o_demo_reviewer_mazhuang';

/** The payloads: each would set window.__pwned (or open a dialog) if it ever became markup. */
const IMG = '<img src=x onerror="window.__pwned=1">';
const SVG = '"><svg onload=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
const IFRAME = '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>';
const LINK = '<a href="javascript:window.__pwned=1">点我</a>';
/** 20 characters: fits a display name. */
const SHORT = '<svg/onload=alert()>';
/** A field's text: its label, then payloads. */
const hostile = (label: string) => `${label}${IMG}${SVG}`;

jest.setTimeout(300_000);

let stack: Stack;
let browser: Browser;
let workDir: string;
const problems: string[] = [];

const apiAs = (openid: string) => kit.apiAs(stack, openid);

/**
 * A phone like the kit's `openPhone`, but with the Content Security Policy bypassed: the server's
 * CSP forbids inline script, which would hide a missing escape from this journey.
 */
async function openPhoneWithoutCsp(openid: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', bypassCSP: true });
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`${openid} page error: ${err.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`${openid} dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  const login = page.waitForResponse((r) => r.url().endsWith('/api/auth/wechat') && r.request().method() === 'POST');
  await page.goto(`${stack.url}/?as=${openid}`);
  expect((await login).status()).toBe(200);
  return { context, page };
}

/**
 * Opens a page and checks it: each of `texts` shows as text, nothing ran, nothing was injected.
 */
async function visit(page: Page, hashPath: string, name: string, texts: string[]): Promise<void> {
  await page.goto(`${stack.url}/#${hashPath}`);
  for (const text of texts) {
    await page
      .waitForFunction((t) => document.body.innerText.replace(/\s+/g, ' ').includes(t.replace(/\s+/g, ' ')), text, { timeout: 15_000 })
      .catch(() => problems.push(`${name}: "${text.slice(0, 60)}" not shown as text`));
  }
  await settle(page);
  // Give handlers that an injected element would fire (onerror of a broken image, onload) time to run.
  await page.waitForTimeout(500);
  const found = await page.evaluate(() => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const tag = el.tagName.toLowerCase();
      if ((tag === 'script' && !el.getAttribute('src')) || ['iframe', 'object', 'embed'].includes(tag)) bad.push(el.outerHTML.slice(0, 120));
      for (const attr of Array.from(el.attributes)) {
        // The tab bar's own links are `javascript:;` (a no-op); any other javascript: URL is not ours.
        const scriptUrl = /^\s*javascript:/i.test(attr.value) && !/^javascript:(;|void\(0\);?)$/i.test(attr.value.trim());
        if (/^on/i.test(attr.name) || scriptUrl) bad.push(`${tag}[${attr.name}=${attr.value.slice(0, 60)}]`);
      }
    }
    return { pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null, bad };
  });
  if (found.pwned !== null) problems.push(`${name}: window.__pwned was set`);
  for (const b of found.bad) problems.push(`${name}: injected ${b}`);
  await screenshot(page, 'hostile', name, true);
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('公示名单');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart upload through the real HTTP API (the kit's `apiAs` speaks JSON only). */
async function uploadAs(openid: string, url: string, file: { name: string; bytes: Buffer; type: string }, fields: Record<string, string>): Promise<any> {
  const codeRes = await fetch(`${stack.fakeWechatUrl}/__test/login-code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
  const { code } = (await codeRes.json()) as { code: string };
  const { token } = (await (await fetch(`${stack.url}/api/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })).json()) as { token: string };
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const res = await fetch(`${stack.url}${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const json = await res.json();
  if (res.status !== 201) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Fails the journey with the answer when a setup call does not work. */
function ok<T = any>(res: { status: number; json: any }, what: string): T {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as T;
}

beforeAll(async () => {
  assertBuilt();
  mkdirSync(SHOTS, { recursive: true });
  workDir = mkdtempSync(path.join(tmpdir(), 'sunboard-hostile-'));
  stack = await startStack({
    sqliteFile: path.join(workDir, 'journey.sqlite'),
    seedDemo: true,
    port: 0,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', PUSH_DISPATCHER: 'true', PUSH_QUIET_HOURS: 'off', PUSH_POLL_MS: '200' },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('script and HTML in every text field stay text on every page that shows them', async () => {
  const resident = await apiAs(RESIDENT);
  const grid = await apiAs(GRID);
  const reviewer = await apiAs(REVIEWER);
  const day = 86_400_000;

  // ── 张桂兰's display name ──────────────────────────────────────────────────────────────────────
  const me = ok<UserDto>(await resident('PATCH', '/api/me', { displayName: SHORT }), 'display name');
  const X = me.homeRegion!.id;

  // ── A photo and a 公示 table with payloads in their names, title, header and cells ───────────────
  const photo = await uploadAs(GRID, '/api/uploads', { name: 'p.png', bytes: PNG_1PX, type: 'image/png' }, { name: `${IMG}照片.png` });
  const table = await uploadAs(
    GRID,
    '/api/notice-tables/import',
    { name: `${SCRIPT}.xlsx`, bytes: await xlsx([[`姓名${IMG}`, '金额'], [`张三${SVG}`, 500], [`李四${SCRIPT}`, 300]]), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    { title: hostile('名单标题') },
  );

  // ── A 公示 and a 办事指南 with a payload in every element; a third sent back with a payload reason ──
  const elements = (label: string) => ({
    title: hostile(`${label}名称`),
    body: `<p>${hostile(`${label}正文`)}</p>${SCRIPT}${IFRAME}<p>${LINK}</p><p onclick="window.__pwned=1">正文第二段</p>`,
    basis: hostile(`${label}依据`),
    timeLimit: hostile(`${label}时限`),
    publisher: hostile(`${label}主体`),
    method: 'active',
    channels: ['mini_program', 'notice_board'],
    audience: 'public',
    regionId: X,
    docNo: hostile('文号'),
    indexNo: hostile('索引号'),
  });
  const publicity = ok(
    await grid('POST', '/api/notices', {
      ...elements('公示'),
      kind: 'publicity',
      domain: 'social_assistance',
      category: 'result',
      publicityStartsAt: new Date(Date.now() - day).toISOString(),
      publicityEndsAt: new Date(Date.now() + 7 * day).toISOString(),
      attachmentIds: [photo.id],
      tableId: table.id,
    }),
    'publicity',
  );
  const guide = ok(
    await grid('POST', '/api/notices', {
      ...elements('指南'),
      kind: 'service_guide',
      domain: 'social_assistance',
      category: 'service',
      guide: {
        conditions: hostile('办理条件'),
        materials: [hostile('材料一'), `材料二${SCRIPT}`],
        steps: [hostile('步骤一'), `步骤二${LINK}`],
        placeAndTime: hostile('地点时间'),
        consultPhone: `0375-1234567${SHORT}`,
        complaintPhone: `12345${SHORT}`,
      },
    }),
    'guide',
  );
  const rejected = ok(await grid('POST', '/api/notices', { ...elements('退回'), kind: 'notice', domain: 'municipal_service', category: 'service' }), 'to reject');
  for (const n of [publicity, guide, rejected]) ok(await grid('POST', `/api/notices/${n.id}/submit`), 'submit');
  for (const n of [publicity, guide]) ok(await reviewer('POST', `/api/notices/${n.id}/approve`, { confidentialityChecked: true, note: hostile('审核意见') }), 'approve');
  ok(await reviewer('POST', `/api/notices/${rejected.id}/reject`, { reason: hostile('退回理由') }), 'reject');

  // ── A consultation full of payloads; comments, a held one, a reply, a 代录 ─────────────────────────
  const consultation = ok(
    await reviewer('POST', '/api/consultations', {
      title: hostile('征求意见标题'),
      summary: hostile('征求意见说明'),
      basis: hostile('征求意见依据'),
      publisher: hostile('征求意见主体'),
      contact: hostile('联系方式'),
      type: 'village_affairs',
      domain: 'municipal_service',
      regionId: X,
      opensAt: new Date(Date.now() - 1000).toISOString(),
      closesAt: new Date(Date.now() + day).toISOString(),
      draftText: [hostile('导语'), `第一条 ${hostile('条款一')}`, `第二条 ${SCRIPT}${IFRAME}条款二`].join('\n'),
    }),
    'consultation',
  );
  const comment = ok(await resident('POST', `/api/consultations/${consultation.id}/comments`, { body: hostile('居民意见') }), 'comment');
  ok(await grid('POST', `/api/consultation-comments/${comment.comment.id}/replies`, { body: hostile('官方回复') }), 'reply');
  ok(await grid('POST', `/api/consultations/${consultation.id}/proxy-comments`, { body: hostile('代录意见'), residentName: `王${SHORT}`, residentPhone: '13812345678' }), 'proxy');
  const neighbour = await apiAs('o_hostile_neighbour');
  ok(await neighbour('PATCH', '/api/me', { homeRegionId: X, displayName: '邻居' }), 'neighbour');
  ok(await neighbour('POST', `/api/consultations/${consultation.id}/comments`, { body: `__REVIEW__ ${hostile('待审意见')}` }), 'held comment');

  // ── A case for 张桂兰 with payloads in the applicant's name, the notes and the 补正 materials ───────
  const types = ok<Array<{ id: number; code: string }>>(await grid('GET', '/api/case-types'), 'case types');
  const kase = ok(
    await grid('POST', '/api/cases', {
      caseTypeId: types.find((t) => t.code === 'dibao')!.id,
      regionId: X,
      applicant: { name: `张桂兰${SHORT}`, phone: '13912345678', userId: me.id },
      note: hostile('受理备注'),
    }),
    'case',
  );
  ok(await grid('POST', `/api/cases/${kase.id}/progress`, { position: 2, note: hostile('办理说明') }), 'progress');
  ok(await grid('POST', `/api/cases/${kase.id}/correction`, { materials: [hostile('补正材料').slice(0, 50)], dueOn: new Date(Date.now() + 10 * day).toISOString().slice(0, 10), note: hostile('补正说明') }), 'correction');

  // ── 张桂兰 rates the 公示 非常不满意; the grid worker answers the follow-up ─────────────────────────
  const rating = ok(await resident('PUT', '/api/ratings', { targetType: 'notice', targetId: publicity.id, level: 1, tags: ['unclear_info'], comment: hostile('评价内容') }), 'rating');
  ok(await grid('POST', `/api/followups/${rating.followup.id}/reply`, { verification: hostile('核实情况'), reply: hostile('答复内容'), fixed: hostile('整改情况') }), 'follow-up reply');

  // ── The resident's pages ──────────────────────────────────────────────────────────────────────
  const r = await openPhoneWithoutCsp(RESIDENT);
  await visit(r.page, `/packages/notice/detail/index?id=${publicity.id}`, '01-publicity', [
    hostile('公示名称'),
    // The body is rich text: tags outside the allowlist are removed (their text kept), not shown.
    '公示正文',
    '点我',
    '正文第二段',
    hostile('公示依据'),
    hostile('公示时限'),
    hostile('公示主体'),
    hostile('文号'),
    `张三${SVG}`,
    `李四${SCRIPT}`,
  ]);
  await visit(r.page, `/packages/notice/detail/index?id=${guide.id}`, '02-guide', [hostile('指南名称'), hostile('办理条件'), hostile('材料一'), `步骤二${LINK}`, hostile('地点时间')]);
  await visit(r.page, '/pages/home/index', '03-feed', [hostile('公示名称')]);
  await visit(r.page, `/packages/consultation/detail/index?id=${consultation.id}`, '04-consultation', [
    hostile('征求意见标题'),
    hostile('征求意见说明'),
    hostile('条款一'),
    hostile('居民意见'),
    hostile('官方回复'),
  ]);
  await visit(r.page, '/packages/consultation/mine/index', '05-my-comments', [hostile('居民意见'), hostile('官方回复')]);
  await visit(r.page, `/packages/cases/detail/index?id=${kase.id}`, '06-case', [hostile('办理说明')]);
  await visit(r.page, '/packages/rating/mine/index', '07-my-ratings', [hostile('评价内容'), hostile('答复内容')]);
  await visit(r.page, '/pages/inbox/index', '08-inbox', []);
  await visit(r.page, '/pages/me/index', '09-me', [SHORT]);

  // ── The staff pages ───────────────────────────────────────────────────────────────────────────
  const g = await openPhoneWithoutCsp(GRID);
  await visit(g.page, `/packages/staff/notice/index?id=${rejected.id}`, '10-staff-rejected', [hostile('退回名称'), hostile('退回理由')]);
  await visit(g.page, `/packages/rating/followup/index?id=${rating.followup.id}`, '11-staff-followup', [hostile('评价内容'), hostile('答复内容')]);
  await visit(g.page, '/packages/cases/staff-list/index', '12-staff-cases', [`张桂兰${SHORT}`]);
  const v = await openPhoneWithoutCsp(REVIEWER);
  await visit(v.page, '/packages/consultation/moderation/index', '13-moderation', [hostile('待审意见')]);
  await visit(v.page, `/packages/staff/notice/index?id=${publicity.id}`, '14-staff-publicity', [hostile('公示名称')]);

  expect(problems).toEqual([]);
});

/** A 1×1 PNG. */
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');
