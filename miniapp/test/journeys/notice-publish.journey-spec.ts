/**
 * Journey: a notice goes from a grid worker's phone to residents (先审后发).
 * grid worker composes a 公示 with a photo and an xlsx list (ID and phone columns) → the preview
 * shows the list masked → submit is refused for a phone number in the body → one-tap mask →
 * submitted → reviewer opens the review queue, must tick 保密审查, approves → resident finds it in
 * the feed and by search, opens it, sees the masked table and the photo; the raw numbers appear
 * nowhere in the page.
 *
 * Runs the real stack (fake WeChat + built server serving miniapp/dist/h5) on SQLite with the demo
 * seed, in headless Chromium. Needs `npm run build:server && npm run build:h5` beforehand.
 * Screenshots: test-results/journeys/notice-publish-*.png
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { NoticeCardDto, NoticeDetailDto, NoticeReachDto, NoticeTableDto, Page as ListPage, StaffNoticeCardDto, StaffNoticeDetailDto } from '@sunboard/shared';
import {
  assertBuilt,
  checkPageBasics,
  escapeRegExp,
  launchChromium,
  openPhone,
  screenshot,
  SHOTS,
  startStack,
  taroPage,
} from './support/journey-kit';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sharp = require('sharp') as typeof import('sharp');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ExcelJS = require('exceljs') as typeof import('exceljs');

const GRID_WORKER = 'o_demo_grid_guangming';
const REVIEWER = 'o_demo_reviewer_mazhuang';
const RESIDENT = 'o_demo_resident_zhang';

const TITLE = '2026年11月光明社区城乡低保对象公示';
const BODY_WITH_PHONE = '经本人申请、入户调查和民主评议，以下家庭符合城乡最低生活保障条件，现予公示。\n公示期内如有异议，请联系社区张主任13912345678，或到光明社区服务站反映。';
const BASIS = '《社会救助暂行办法》第十一条';
/** The list: 身份证号 and 联系电话 columns, found by header and masked on import. */
const PEOPLE = [
  { name: '王秀兰', id: '410411195003152356', phone: '13812345678', size: 2, amount: 1260 },
  { name: '李德明', id: '410411196811240413', phone: '15937561122', size: 3, amount: 1890 },
  { name: '赵春花', id: '41041119720708002X', phone: '18603759988', size: 1, amount: 630 },
];
const MASKED = [
  { id: '41**************56', phone: '138****5678' },
  { id: '41**************13', phone: '159****1122' },
  { id: '41**************2X', phone: '186****9988' },
];

jest.setTimeout(300_000);

let stack: Awaited<ReturnType<typeof startStack>>;
let browser: Browser;
let workDir: string;
let photoPath: string;
let xlsxPath: string;
const pageErrors: string[] = [];

const shot = (page: Page, name: string, fullPage = false) => screenshot(page, 'notice-publish', name, fullPage);
/** A fresh phone for one person, logged in as `openid` through the fake WeChat. */
const openAs = (openid: string): Promise<{ context: BrowserContext; page: Page }> => openPhone(browser, stack.url, openid, pageErrors);
/** Answers the journey provokes on purpose (the submit refused for an unmasked phone number). */
const expectedErrors: RegExp[] = [];

async function tab(page: Page, name: string): Promise<void> {
  await page.locator('.weui-tabbar__item').filter({ hasText: name }).click();
}

beforeAll(async () => {
  assertBuilt();
  mkdirSync(SHOTS, { recursive: true });
  workDir = mkdtempSync(path.join(tmpdir(), 'sunboard-publish-'));

  // A photo from the phone: a JPEG with a little EXIF (the server strips it).
  photoPath = path.join(workDir, '入户调查照片.jpg');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900">
    <rect width="1200" height="900" fill="#e8f0fa"/><rect x="80" y="80" width="1040" height="740" rx="40" fill="#0b57a4"/>
    <circle cx="600" cy="420" r="200" fill="#fdecea"/><rect x="300" y="680" width="600" height="60" fill="#fff4e0"/></svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).withMetadata({ exif: { IFD0: { Make: 'JourneyPhone' } } }).toFile(photoPath);

  // The 公示 list as the community keeps it in Excel.
  xlsxPath = path.join(workDir, '低保对象名单.xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow(['序号', '户主姓名', '身份证号', '联系电话', '家庭人口', '月保障金额（元）']);
  PEOPLE.forEach((p, i) => sheet.addRow([i + 1, p.name, p.id, p.phone, p.size, p.amount]));
  await workbook.xlsx.writeFile(xlsxPath);

  // LOG_LEVEL=warn: stack.js looks for SUNBOARD_LISTENING in the last 8,000 characters of output, and
  // the server's buffered start-up logs (~15 KB of info lines) flushed in the same chunk can push
  // the line out before it is matched, so the start would time out now and then.
  stack = await startStack({ sqliteFile: path.join(workDir, 'journey.sqlite'), seedDemo: true, port: 0, env: { ...process.env, LOG_LEVEL: 'warn' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('a grid worker publishes a 公示 with a photo and a masked list; a reviewer approves; a resident finds and reads it', async () => {
  // ── 1. Grid worker: 我的 → 工作台 → 发布公开信息 ─────────────────────────────────────────────
  const grid = await openAs(GRID_WORKER);
  let page = grid.page;
  await tab(page, '我的');
  const workbenchEntry = taroPage(page, '/pages/me/index').getByRole('button', { name: /^工作台/ });
  await workbenchEntry.waitFor();
  await workbenchEntry.click();
  await page.getByRole('heading', { name: /的工作台$/ }).waitFor();
  await shot(page, '01-workbench');
  await checkPageBasics(grid.context, page, 'workbench');

  await page.getByRole('button', { name: /^发布公开信息/ }).click();
  const compose = taroPage(page, '/packages/staff/compose/index');
  const region = compose.getByLabel('发布区域', { exact: true });
  await region.waitFor();
  // Sensible defaults: the worker's community, its 居委会 as publisher, the standard elements.
  await expect(region.locator('option:checked').textContent()).resolves.toBe('湛河区 / 马庄街道 / 光明社区');
  await expect(compose.getByLabel('发布主体', { exact: true }).inputValue()).resolves.toBe('光明社区居委会');
  await expect(compose.getByLabel('时限', { exact: true }).inputValue()).resolves.toBe('自信息形成之日起20个工作日内');
  await expect(compose.getByLabel('类别', { exact: true }).locator('option:checked').textContent()).resolves.toBe('公示');
  await expect(compose.getByLabel('公开方式', { exact: true }).locator('option:checked').textContent()).resolves.toBe('主动公开');
  await expect(compose.getByLabel('公开对象', { exact: true }).locator('option:checked').textContent()).resolves.toBe('全社会');
  await expect(compose.getByRole('button', { name: /公开栏$/, pressed: true }).isVisible()).resolves.toBe(true);
  await expect(compose.getByLabel('公示开始日期', { exact: true }).inputValue()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // Only regions inside the worker's scope: the community and its grids.
  const regionChoices = await region.locator('option').allTextContents();
  expect(regionChoices.length).toBeGreaterThanOrEqual(1);
  for (const choice of regionChoices) expect(choice.startsWith('湛河区 / 马庄街道 / 光明社区')).toBe(true);
  await shot(page, '02-compose-defaults');
  await checkPageBasics(grid.context, page, 'compose');

  // Nothing filled in yet: saving names what is missing, nothing is sent.
  await compose.getByRole('button', { name: '保存草稿' }).click();
  await compose.getByText(/还有 \d+ 处需要填写或修改/).waitFor();
  await expect(compose.getByRole('alert').filter({ hasText: '请选择领域' }).first().isVisible()).resolves.toBe(true);
  await expect(compose.getByRole('alert').filter({ hasText: '名称不能为空' }).first().isVisible()).resolves.toBe(true);

  await compose.getByLabel('领域', { exact: true }).selectOption({ label: '社会救助' });
  await compose.getByLabel('名称', { exact: true }).fill(TITLE);
  await compose.getByLabel('内容', { exact: true }).fill(BODY_WITH_PHONE);
  await compose.getByLabel('依据', { exact: true }).fill(BASIS);

  // A photo from the album (Taro's chooseImage opens the file chooser); progress, then 已上传.
  const upload = page.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.request().method() === 'POST');
  const chooser = page.waitForEvent('filechooser');
  await compose.getByRole('button', { name: '从相册选择' }).click();
  await (await chooser).setFiles(photoPath);
  const uploadResponse = await upload;
  expect(uploadResponse.status()).toBe(201);
  const photo = (await uploadResponse.json()) as { id: number; kind: string };
  expect(photo.kind).toBe('image');
  const uploads = compose.getByRole('list', { name: '已添加的照片和附件' });
  await uploads.getByText(/^已上传/).waitFor();
  await expect(uploads.getByRole('img', { name: '入户调查照片.jpg' }).isVisible()).resolves.toBe(true);

  // The xlsx list: imported and masked by the server; the preview shows what residents will see.
  const imported = page.waitForResponse((r) => r.url().endsWith('/api/notice-tables/import') && r.request().method() === 'POST');
  await compose.getByLabel('名单标题', { exact: true }).fill('城乡低保对象名单');
  await compose.getByLabel('选择 Excel 文件（.xlsx）', { exact: true }).setInputFiles(xlsxPath);
  const importResponse = await imported;
  expect(importResponse.status()).toBe(201);
  const table = (await importResponse.json()) as NoticeTableDto;
  expect(table.columns.filter((c) => c.masked).map((c) => c.title)).toEqual(['身份证号', '联系电话']);
  const preview = compose.getByRole('table');
  await preview.waitFor();
  await expect(preview.getByRole('columnheader', { name: '身份证号【已脱敏】' }).isVisible()).resolves.toBe(true);
  await expect(preview.getByRole('columnheader', { name: '联系电话【已脱敏】' }).isVisible()).resolves.toBe(true);
  for (const m of MASKED) {
    await expect(preview.getByRole('cell', { name: m.id, exact: true }).isVisible()).resolves.toBe(true);
    await expect(preview.getByRole('cell', { name: m.phone, exact: true }).isVisible()).resolves.toBe(true);
  }
  const composeHtml = await page.content();
  for (const p of PEOPLE) {
    expect(composeHtml).not.toContain(p.id);
    expect(composeHtml).not.toContain(p.phone);
  }
  await preview.scrollIntoViewIfNeeded();
  await shot(page, '03-compose-photo-and-masked-list');
  await shot(page, '03-compose-full', true);

  // ── 2. Submit: refused for the phone number in the body → one-tap mask → submitted ───────────
  expectedErrors.push(/HTTP 400 POST .*\/api\/notices\/\d+\/submit$/);
  const created = page.waitForResponse((r) => /\/api\/notices$/.test(r.url()) && r.request().method() === 'POST');
  const refused = page.waitForResponse((r) => /\/api\/notices\/\d+\/submit$/.test(r.url()));
  await compose.getByRole('button', { name: '提交审核' }).click();
  const draft = (await (await created).json()) as StaffNoticeDetailDto;
  expect(draft.status).toBe('draft');
  expect(draft.attachments.map((a) => a.id)).toEqual([photo.id]);
  expect(draft.table?.id).toBe(table.id);
  const refusal = await refused;
  expect(refusal.status()).toBe(400);
  expect(((await refusal.json()) as { code: string }).code).toBe('PERSONAL_DATA_FOUND');
  const alert = compose.getByRole('alert').filter({ hasText: '未打码的个人信息' });
  await alert.waitFor();
  await expect(alert.textContent()).resolves.toContain('内容中的手机号码');
  await expect(alert.textContent()).resolves.toContain('139****5678');
  await alert.scrollIntoViewIfNeeded();
  await shot(page, '04-personal-data-found');

  await alert.getByRole('button', { name: '一键打码' }).click();
  await expect(compose.getByLabel('内容', { exact: true }).inputValue()).resolves.toContain('张主任139****5678');
  await compose.getByText(/已将 1 处身份证号、手机号码打码/).waitFor();
  const patched = page.waitForResponse((r) => r.url().endsWith(`/api/notices/${draft.id}`) && r.request().method() === 'PATCH');
  const submitted = page.waitForResponse((r) => r.url().endsWith(`/api/notices/${draft.id}/submit`));
  await compose.getByRole('button', { name: '提交审核' }).click();
  expect((await patched).status()).toBe(200);
  const submitResponse = await submitted;
  expect(submitResponse.status()).toBe(200);
  expect(((await submitResponse.json()) as StaffNoticeDetailDto).status).toBe('pending_review');
  const staffView = taroPage(page, '/packages/staff/notice/index');
  await staffView.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
  await expect(staffView.getByRole('region', { name: '审核状态' }).textContent()).resolves.toContain('【待审核】');
  // The author cannot approve their own notice: no review panel.
  await expect(staffView.getByRole('button', { name: '同意发布' }).count()).resolves.toBe(0);
  await shot(page, '05-submitted');
  await grid.context.close();

  // ── 3. Reviewer: 工作台 → 审核 → the notice → 保密审查 → 同意发布 ────────────────────────────
  const reviewer = await openAs(REVIEWER);
  page = reviewer.page;
  await tab(page, '我的');
  await taroPage(page, '/pages/me/index').getByRole('button', { name: /^工作台/ }).click();
  const queueTile = page.getByRole('button', { name: /^审核.*待审核 \d+\+? 条/ });
  await queueTile.waitFor();
  await queueTile.click();
  const queue = page.getByRole('list', { name: '待审核列表' });
  await queue.waitFor();
  const queued = queue.getByRole('button', { name: new RegExp(escapeRegExp(TITLE)) });
  await expect(queued.textContent()).resolves.toContain('李娜（光明社区网格员）');
  await shot(page, '06-review-queue');
  await checkPageBasics(reviewer.context, page, 'review queue');
  await queued.click();

  const review = taroPage(page, '/packages/staff/notice/index');
  await review.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
  // The reviewer sees what residents will see: the masked list and the photo (fetched with the token).
  const reviewTable = review.getByRole('table');
  await expect(reviewTable.getByRole('cell', { name: MASKED[0].id, exact: true }).isVisible()).resolves.toBe(true);
  const reviewPhoto = review.getByRole('region', { name: '附件' }).getByRole('img', { name: '入户调查照片.jpg' });
  await reviewPhoto.waitFor();
  await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await reviewPhoto.elementHandle());
  await expect(review.getByText('张主任139****5678').isVisible()).resolves.toBe(true);

  // 保密审查 is required: approving without it says so and sends nothing.
  const approveButton = review.getByRole('button', { name: '同意发布' });
  await approveButton.scrollIntoViewIfNeeded();
  await approveButton.click();
  await review.getByText('请先完成保密审查，并勾选“已完成保密审查”').waitFor();
  await shot(page, '07-review-needs-confidentiality-check');
  await checkPageBasics(reviewer.context, page, 'review');

  await review.getByRole('checkbox', { name: '已完成保密审查' }).check();
  const approved = page.waitForResponse((r) => r.url().endsWith(`/api/notices/${draft.id}/approve`));
  await approveButton.click();
  const approveResponse = await approved;
  expect(approveResponse.status()).toBe(200);
  expect(JSON.parse(approveResponse.request().postData() ?? '{}')).toEqual({ confidentialityChecked: true });
  expect(((await approveResponse.json()) as StaffNoticeDetailDto).status).toBe('published');
  await review.getByRole('status').filter({ hasText: '已同意发布' }).waitFor();
  await expect(review.getByRole('region', { name: '审核状态' }).textContent()).resolves.toContain('【已发布】');
  await expect(review.getByRole('button', { name: '查看知晓率' }).isVisible()).resolves.toBe(true);
  await page.waitForTimeout(2600); // the toast fades
  await shot(page, '08-approved');
  await reviewer.context.close();

  // ── 4. Resident: the feed, search, the notice with its masked table and photo ─────────────────
  // 张桂兰 is in her seventies: she reads with 大字模式 on.
  const resident = await openAs(RESIDENT);
  page = resident.page;
  await tab(page, '我的');
  const elder = taroPage(page, '/pages/me/index').getByRole('switch', { name: '大字模式' });
  await elder.waitFor();
  const elderPatch = page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH');
  await elder.click();
  expect((await elderPatch).status()).toBe(200);
  await tab(page, '首页');
  const home = taroPage(page, '/pages/home/index');
  const feed = home.getByRole('list', { name: '公开信息列表' });
  await feed.waitFor();
  const card = feed.getByRole('button', { name: new RegExp(escapeRegExp(TITLE)) });
  await card.waitFor();
  await expect(card.textContent()).resolves.toContain('光明社区');
  await card.scrollIntoViewIfNeeded();
  await shot(page, '09-resident-feed');

  // Search: 低保 finds it, the word highlighted.
  await home.getByRole('button', { name: '搜索公开信息' }).click();
  const search = taroPage(page, '/packages/notice/search/index');
  const box = search.getByRole('searchbox', { name: '搜索公开信息' });
  await box.waitFor();
  await checkPageBasics(resident.context, page, 'search');
  const searched = page.waitForResponse((r) => r.url().includes('/api/notices?') && r.url().includes('q=') && r.status() === 200);
  await box.fill('低保');
  await search.getByRole('button', { name: '搜索', exact: true }).click();
  const hits = (await (await searched).json()) as ListPage<NoticeCardDto>;
  expect(hits.items.map((n) => n.id)).toContain(draft.id);
  const results = search.getByRole('list', { name: '搜索结果' });
  const hit = results.getByRole('button', { name: new RegExp(escapeRegExp(TITLE)) });
  await hit.waitFor();
  const marked = await hit.evaluate((el) => Array.from(el.querySelectorAll('span span')).map((s) => s.textContent));
  expect(marked).toContain('低保');
  await shot(page, '10-search-results');

  // A word that matches nothing says so; the search is remembered.
  await box.fill('无此关键词');
  await search.getByRole('button', { name: '搜索', exact: true }).click();
  await search.getByText('没有找到相关公开信息').waitFor();
  await shot(page, '11-search-empty');
  await box.fill('低保');
  await search.getByRole('button', { name: '搜索', exact: true }).click();
  await hit.waitFor();

  // The detail: elements, the masked table, the photo; no raw number anywhere in the page.
  const detailResponse = page.waitForResponse((r) => r.url().endsWith(`/api/notices/${draft.id}`) && r.status() === 200);
  await hit.click();
  const detail = (await (await detailResponse).json()) as NoticeDetailDto;
  expect(detail.table?.rows.map((r) => r.slice(2, 4))).toEqual(MASKED.map((m) => [m.id, m.phone]));
  const article = taroPage(page, '/packages/notice/detail/index');
  await article.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
  const elements = article.getByRole('region', { name: '公开要素' });
  for (const [label, value] of [
    ['发布主体', '光明社区居委会'],
    ['依据', BASIS],
    ['时限', '自信息形成之日起20个工作日内'],
    ['公开方式', '主动公开'],
    ['公开对象', '全社会'],
  ]) {
    await expect(elements.getByText(label, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(elements.getByText(value, { exact: true }).isVisible()).resolves.toBe(true);
  }
  await expect(elements.textContent()).resolves.toContain('公示期');
  const listTable = article.getByRole('table');
  await expect(listTable.getByRole('columnheader', { name: '身份证号【已脱敏】' }).isVisible()).resolves.toBe(true);
  for (const m of MASKED) {
    await expect(listTable.getByRole('cell', { name: m.id, exact: true }).count()).resolves.toBe(1);
    await expect(listTable.getByRole('cell', { name: m.phone, exact: true }).count()).resolves.toBe(1);
  }
  // Large text in the table too (≥ 18 px), and it still scrolls sideways rather than squeezing.
  const firstCell = listTable.getByRole('cell', { name: MASKED[0].id, exact: true });
  expect(await firstCell.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(18);
  const scroller = article.getByRole('region', { name: /可左右滑动/ });
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  const residentPhoto = article.getByRole('region', { name: '附件' }).getByRole('img', { name: '入户调查照片.jpg' });
  await residentPhoto.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await residentPhoto.elementHandle());
  const html = await page.content();
  for (const p of PEOPLE) {
    expect(html).not.toContain(p.id);
    expect(html).not.toContain(p.phone);
  }
  expect(html).not.toContain('13912345678');
  await shot(page, '12-resident-detail');
  await listTable.scrollIntoViewIfNeeded();
  await shot(page, '13-resident-masked-table');
  await checkPageBasics(resident.context, page, 'resident detail');

  // 复制链接 (h5's share): the notice's own address.
  await article.getByRole('button', { name: '复制链接' }).click();
  await page.getByText('链接已复制，可以粘贴发给亲友').waitFor();
  await expect(page.evaluate(() => localStorage.getItem('taro_clipboard') ?? '')).resolves.toContain(`#/packages/notice/detail/index?id=${draft.id}`);

  // 扫码查看: the notice's mini-program code.
  await article.getByRole('button', { name: '扫码查看' }).click();
  const qr = article.getByRole('img', { name: `“${TITLE}”的小程序码` });
  await qr.waitFor();
  await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await qr.elementHandle());
  await qr.scrollIntoViewIfNeeded();
  await shot(page, '14-resident-qrcode');

  // The photo opens full screen.
  await article.getByRole('button', { name: /^查看图片/ }).click();
  await page.locator('.preview-image').waitFor();
  await shot(page, '15-photo-preview');
  await resident.context.close();

  // ── 5. The reviewer sees the resident's read in the notice's reach (知晓率) ─────────────────────
  const again = await openAs(REVIEWER);
  page = again.page;
  await tab(page, '我的');
  await taroPage(page, '/pages/me/index').getByRole('button', { name: /^工作台/ }).click();
  await page.getByRole('button', { name: /^已发布与知晓率/ }).click();
  await page.getByRole('list', { name: '已发布列表' }).getByRole('button', { name: new RegExp(escapeRegExp(TITLE)) }).click();
  const reachResponse = page.waitForResponse((r) => r.url().endsWith(`/api/staff/notices/${draft.id}/reach`));
  await taroPage(page, '/packages/staff/notice/index').getByRole('button', { name: '查看知晓率' }).click();
  const reach = (await (await reachResponse).json()) as NoticeReachDto;
  expect(reach.readers).toBe(1);
  expect(reach.residentsInScope).toBeGreaterThanOrEqual(1);
  const reachCard = taroPage(page, '/packages/staff/reach/index').getByRole('region', { name: '知晓率' });
  await reachCard.waitFor();
  await expect(reachCard.textContent()).resolves.toContain(`已有 1 位打开过`);
  await expect(reachCard.textContent()).resolves.toContain(`辖区 ${reach.residentsInScope} 位居民`);
  await shot(page, '16-reach');
  await checkPageBasics(again.context, page, 'reach');
  // Staff also get the printable poster (title, key elements, the code) from the resident page.
  await taroPage(page, '/packages/staff/reach/index').getByRole('button', { name: '查看居民看到的页面' }).click();
  const poster = taroPage(page, '/packages/notice/detail/index').getByRole('link', { name: /下载打印海报/ });
  await poster.waitFor();
  const posterUrl = new URL((await poster.getAttribute('href')) ?? '', stack.url).toString();
  expect(posterUrl).toBe(`${stack.url}/api/notices/${draft.id}/poster.pdf`);
  const pdf = await page.request.get(posterUrl);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  await again.context.close();

  const unexpected = pageErrors.filter((e) => !expectedErrors.some((re) => re.test(e)));
  // The refused submit is logged by the browser once as a failed resource too.
  expect(unexpected.filter((e) => !/console: Failed to load resource: the server responded with a status of 400/.test(e))).toEqual([]);
});

test('a reviewer sends a notice back with a reason; its author sees 【已退回】 and the reason in 我的草稿', async () => {
  const pendingTitle = '湛南社区2026年冬季困难群众慰问物资发放情况公示';
  const reason = '请补充发放名单附件，并写明咨询电话';

  const reviewer = await openAs('o_demo_reviewer_hebin');
  let page = reviewer.page;
  await tab(page, '我的');
  await taroPage(page, '/pages/me/index').getByRole('button', { name: /^工作台/ }).click();
  await page.getByRole('button', { name: /^审核.*待审核/ }).click();
  await page.getByRole('list', { name: '待审核列表' }).getByRole('button', { name: new RegExp(escapeRegExp(pendingTitle)) }).click();
  const review = taroPage(page, '/packages/staff/notice/index');
  await review.getByRole('heading', { name: pendingTitle, level: 1 }).waitFor();

  // A rejection needs its reason.
  const rejectButton = review.getByRole('button', { name: '退回修改' });
  await rejectButton.scrollIntoViewIfNeeded();
  await rejectButton.click();
  await review.getByText('请写明退回理由，提交人会看到').waitFor();
  await review.getByLabel('退回理由', { exact: true }).fill(reason);
  const rejected = page.waitForResponse((r) => /\/api\/notices\/\d+\/reject$/.test(r.url()));
  await rejectButton.click();
  const rejectResponse = await rejected;
  expect(rejectResponse.status()).toBe(200);
  expect(((await rejectResponse.json()) as StaffNoticeDetailDto).status).toBe('draft');
  await review.getByRole('status').filter({ hasText: '已退回' }).waitFor();
  await expect(review.getByRole('region', { name: '审核状态' }).textContent()).resolves.toContain(`退回理由：${reason}`);
  await reviewer.context.close();

  // The author: 我的草稿 says 【已退回】 with the reason; the draft opens in the editor.
  const author = await openAs('o_demo_grid_zhannan');
  page = author.page;
  await tab(page, '我的');
  await taroPage(page, '/pages/me/index').getByRole('button', { name: /^工作台/ }).click();
  const mine = page.waitForResponse((r) => r.url().includes('/api/staff/notices?') && r.url().includes('mine=true') && !r.url().includes('status='));
  await page.getByRole('button', { name: /^我的草稿/ }).click();
  const mineBody = (await (await mine).json()) as ListPage<StaffNoticeCardDto>;
  expect(mineBody.items.find((n) => n.title === pendingTitle)?.rejectionReason).toBe(reason);
  const card = page.getByRole('list', { name: '我的公开信息' }).getByRole('button', { name: new RegExp(escapeRegExp(pendingTitle)) });
  await card.waitFor();
  await expect(card.textContent()).resolves.toContain('【已退回】');
  await expect(card.textContent()).resolves.toContain(`退回理由：${reason}`);
  await shot(page, '17-drafts-rejected');
  await checkPageBasics(author.context, page, 'drafts');

  await card.click();
  const editor = taroPage(page, '/packages/staff/compose/index');
  await expect(editor.getByLabel('名称', { exact: true }).inputValue()).resolves.toBe(pendingTitle);
  await expect(editor.getByLabel('内容', { exact: true }).inputValue()).resolves.toContain('根据河滨街道冬季困难群众走访慰问工作安排');
  await expect(editor.getByLabel('发布区域', { exact: true }).locator('option:checked').textContent()).resolves.toBe('湛河区 / 河滨街道 / 湛南社区');
  await shot(page, '18-edit-rejected-draft');
  await author.context.close();

  expect(pageErrors.filter((e) => !expectedErrors.some((re) => re.test(e))).filter((e) => !/console: Failed to load resource: the server responded with a status of 400/.test(e))).toEqual([]);
});

test('a reviewer corrects a published notice; residents see 【已更正】 and can still read the earlier version', async () => {
  const oldTitle = '光明社区2026年第四季度最低生活保障对象公示';
  const newTitle = `${oldTitle}（更正）`;

  const reviewer = await openAs(REVIEWER);
  let page = reviewer.page;
  await tab(page, '我的');
  await taroPage(page, '/pages/me/index').getByRole('button', { name: /^工作台/ }).click();
  await page.getByRole('button', { name: /^已发布与知晓率/ }).click();
  await page.getByRole('list', { name: '已发布列表' }).getByRole('button', { name: new RegExp(`${escapeRegExp(oldTitle)}\\s`) }).click();
  const staffView = taroPage(page, '/packages/staff/notice/index');
  await staffView.getByRole('heading', { name: oldTitle, level: 1 }).waitFor();
  await staffView.getByRole('button', { name: '更正', exact: true }).click();

  const editor = taroPage(page, '/packages/staff/compose/index');
  const title = editor.getByLabel('名称', { exact: true });
  await expect(title.inputValue()).resolves.toBe(oldTitle);
  await title.fill(newTitle);
  const patched = page.waitForResponse((r) => /\/api\/notices\/\d+$/.test(r.url()) && r.request().method() === 'PATCH');
  await editor.getByRole('button', { name: '提交更正' }).click();
  const corrected = (await (await patched).json()) as StaffNoticeDetailDto;
  expect(corrected).toMatchObject({ status: 'published', version: 2, corrected: true, title: newTitle });
  const after = taroPage(page, '/packages/staff/notice/index');
  await after.getByRole('heading', { name: newTitle, level: 1 }).waitFor();
  await expect(after.getByText('【已更正】').first().isVisible()).resolves.toBe(true);
  await reviewer.context.close();

  const resident = await openAs('o_demo_resident_zhang');
  page = resident.page;
  const feed = taroPage(page, '/pages/home/index').getByRole('list', { name: '公开信息列表' });
  await feed.getByRole('button', { name: new RegExp(escapeRegExp(newTitle)) }).click();
  const article = taroPage(page, '/packages/notice/detail/index');
  await article.getByRole('heading', { name: newTitle, level: 1 }).waitFor();
  await expect(article.getByText('【已更正】').isVisible()).resolves.toBe(true);
  await shot(page, '19-corrected-notice');
  await article.getByRole('button', { name: /查看更正前的版本/ }).click();

  const versions = taroPage(page, '/packages/notice/versions/index');
  const list = versions.getByRole('list', { name: '版本记录' });
  await list.waitFor();
  await expect(list.getByRole('button').count()).resolves.toBe(2);
  await expect(list.getByRole('button').first().textContent()).resolves.toContain('第 2 版【当前版本】');
  await shot(page, '20-versions');
  await list.getByRole('button', { name: /第 1 版【已被更正】/ }).click();
  const old = taroPage(page, '/packages/notice/versions/index');
  await old.getByRole('heading', { name: oldTitle, level: 1 }).waitFor();
  await expect(old.getByText('【已被更正】第 1 版，内容以最新版本为准').isVisible()).resolves.toBe(true);
  await expect(old.getByRole('region', { name: '公开要素' }).textContent()).resolves.toContain('光明社区居民委员会');
  await shot(page, '21-earlier-version');
  await checkPageBasics(resident.context, page, 'earlier version');
  await resident.context.close();
  expect(pageErrors.filter((e) => !expectedErrors.some((re) => re.test(e))).filter((e) => !/console: Failed to load resource: the server responded with a status of 400/.test(e))).toEqual([]);
});
