/**
 * Journey: a new resident opens the h5 build for the first time.
 * silent login → picks a community in the region picker → home feed of that community and the
 * regions above it → a notice's detail → back → 我的 → 大字模式 on → text really grows.
 *
 * Runs the real stack (fake WeChat + built server serving miniapp/dist/h5) on SQLite with the
 * demo seed, in headless Chromium. Needs `npm run build` (shared, server, h5) beforehand.
 * Screenshots: test-results/journeys/first-launch-*.png
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import type { NoticeCardDto, Page as ListPage, UserDto } from '@sunboard/shared';
import { assertBuilt, checkPageBasics as checkBasics, escapeRegExp, launchChromium, screenshot, settle as settlePage, SHOTS, startStack } from './support/journey-kit';

jest.setTimeout(240_000);

let stack: Awaited<ReturnType<typeof startStack>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let workDir: string;
const pageErrors: string[] = [];

const settle = () => settlePage(page);
const shot = (name: string, fullPage = false) => screenshot(page, 'first-launch', name, fullPage);
/** lang, title, and an accessible name on every control (Chromium's accessibility tree and the DOM). */
const checkPageBasics = (where: string) => checkBasics(context, page, where);

/** A Taro page's container (tab pages stay in the DOM, hidden, when another one shows). */
function taroPage(route: string) {
  return page.locator(`[id^="${route}"]`);
}

async function fontSizePx(locator: ReturnType<Page['locator']>): Promise<number> {
  return locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

beforeAll(async () => {
  assertBuilt();
  mkdirSync(SHOTS, { recursive: true });
  workDir = mkdtempSync(path.join(tmpdir(), 'sunboard-journey-'));
  stack = await startStack({ sqliteFile: path.join(workDir, 'journey.sqlite'), seedDemo: true, port: 0 });
  // chromium.launch gives every run a fresh temporary profile (user-data dir) of its own.
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // Console errors too: a CSP violation or a failed request shows up there.
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(`console: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) pageErrors.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('a new resident logs in silently, picks a community, reads a notice and turns on large text', async () => {
  // 1. First launch: silent login as a new resident; the home page asks for a community.
  const login = page.waitForResponse((r) => r.url().endsWith('/api/auth/wechat') && r.request().method() === 'POST');
  await page.goto(`${stack.url}/`);
  const loginResponse = await login;
  expect(loginResponse.status()).toBe(200);
  const loginBody = (await loginResponse.json()) as { isNewUser: boolean; user: UserDto };
  expect(loginBody.isNewUser).toBe(true);
  expect(loginBody.user.homeRegion).toBeNull();

  const chooseHome = page.getByRole('button', { name: '选择社区' });
  await chooseHome.waitFor();
  await expect(page.getByText('请先选择您居住的社区').isVisible()).resolves.toBe(true);
  // The generated openid is remembered (Taro storage wraps values as {data}).
  const devOpenid = await page.evaluate(() => (JSON.parse(localStorage.getItem('sunboard.devOpenid') ?? '{}') as { data?: string }).data);
  expect(devOpenid).toMatch(/^o_h5_[a-z0-9]{16}$/);
  await shot('01-first-launch');
  await checkPageBasics('first launch');

  // 2. Region picker: district → street → community, by visible text.
  await chooseHome.click();
  await page.getByRole('heading', { name: '请选择所在区县' }).waitFor();
  await shot('02-picker-districts');
  await checkPageBasics('picker');

  const district = '湛河区';
  const street = '马庄街道';
  await page.getByRole('button', { name: new RegExp(`^${district}`) }).click();
  await page.getByRole('heading', { name: '请选择所在街道或乡镇' }).waitFor();
  await page.getByRole('button', { name: new RegExp(`^${street}`) }).click();
  await page.getByRole('heading', { name: '请选择所在社区或村' }).waitFor();

  // The first community/village of the street (its row offers 选择).
  const communityRow = page.getByRole('list', { name: '请选择所在社区或村' }).getByRole('button', { name: /选择$/ }).first();
  const communityName = ((await communityRow.locator('span').first().textContent()) ?? '').trim();
  expect(communityName).toMatch(/(社区|村)$/);
  await communityRow.click();
  // The row now says it is chosen, in words and to screen readers.
  await page.getByRole('button', { name: new RegExp(`^${escapeRegExp(communityName)}.*已选$`), pressed: true }).waitFor();
  const confirm = page.getByRole('button', { name: `确认选择${communityName}` });
  await confirm.waitFor();
  await expect(page.getByText(`${district} / ${street} / ${communityName}`).isVisible()).resolves.toBe(true);
  await shot('03-picker-community-chosen');

  // 3. Confirm → PATCH /api/me → back on the home feed of that community.
  const patch = page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH');
  const feed = page.waitForResponse(
    (r: Response) => r.url().includes('/api/notices?') && r.request().method() === 'GET' && r.status() === 200,
  );
  await confirm.click();
  expect((await patch).status()).toBe(200);
  const feedBody = (await (await feed).json()) as ListPage<NoticeCardDto>;
  await page.getByRole('button', { name: `当前社区：${communityName}，点按更换` }).waitFor();
  await page.getByRole('list', { name: '公开信息列表' }).waitFor();

  // Several demo notices, each from the community or a region above it, shown with its region.
  expect(feedBody.items.length).toBeGreaterThanOrEqual(3);
  const homePath = `${district} / ${street} / ${communityName}`;
  const allowedRegions = new Set([district, street, communityName]);
  const shown = feedBody.items.slice(0, 5);
  for (const notice of shown) {
    expect(allowedRegions.has(notice.region.name)).toBe(true);
    expect(homePath.startsWith(notice.region.fullName)).toBe(true);
    const card = page.getByRole('listitem').filter({ hasText: notice.title }).first();
    await expect(card.isVisible()).resolves.toBe(true);
    await expect(card.textContent()).resolves.toContain(notice.region.name);
    if (notice.urgent) await expect(card.textContent()).resolves.toContain('【紧急】');
    if (notice.pinned) await expect(card.textContent()).resolves.toContain('【置顶】');
  }
  const cardCount = await page.getByRole('list', { name: '公开信息列表' }).getByRole('listitem').count();
  expect(cardCount).toBeGreaterThanOrEqual(3);
  // Notices of sibling communities do not leak in: every card names an allowed region.
  if (feedBody.items[0].urgent) await page.getByText(/^【紧急】/).first().waitFor();
  await shot('04-home-feed');
  await shot('04-home-feed-full', true);
  await checkPageBasics('home feed');

  // 4. Open a notice: title, the elements panel, the body.
  const opened = shown[0];
  const detailResponse = page.waitForResponse((r) => r.url().endsWith(`/api/notices/${opened.id}`) && r.status() === 200);
  await page.getByRole('list', { name: '公开信息列表' }).getByRole('button', { name: new RegExp(escapeRegExp(opened.title)) }).click();
  const detail = (await (await detailResponse).json()) as { body: string };
  await page.getByRole('heading', { name: opened.title, level: 1 }).waitFor();
  const elements = page.getByRole('region', { name: '公开要素' });
  await elements.waitFor();
  for (const label of ['发布主体', '依据', '时限', '公开方式', '公开对象', '文号']) {
    await expect(elements.getByText(label, { exact: true }).isVisible()).resolves.toBe(true);
  }
  await expect(elements.textContent()).resolves.toContain(opened.publisher);
  await expect(page.getByText('公开内容', { exact: true }).isVisible()).resolves.toBe(true);
  await shot('05-notice-detail');
  // The body is the server's sanitised HTML, rendered as HTML (paragraphs, not tags as text).
  const article = page.getByRole('article');
  const firstParagraph = detail.body.match(/<p[^>]*>([^<]{4,})/)?.[1]?.trim();
  expect(detail.body).toContain('<');
  await expect(article.textContent()).resolves.not.toContain('<p');
  if (firstParagraph) {
    const paragraph = article.locator('p').filter({ hasText: firstParagraph.slice(0, 12) }).first();
    await paragraph.scrollIntoViewIfNeeded();
    await expect(paragraph.isVisible()).resolves.toBe(true);
    expect(await fontSizePx(paragraph)).toBeGreaterThanOrEqual(14);
  }
  await shot('05-notice-detail-body');
  await checkPageBasics('notice detail');

  // 5. Back (the navigation bar's back button) → the same feed.
  await page.getByRole('button', { name: '返回上一页' }).click();
  await page.getByRole('button', { name: `当前社区：${communityName}，点按更换` }).waitFor();
  await page.getByRole('listitem').filter({ hasText: opened.title }).first().waitFor();
  await shot('06-back-home');

  // 6. 我的 → 大字模式.
  await page.locator('.weui-tabbar__item').filter({ hasText: '我的' }).click();
  const me = taroPage('/pages/me/index');
  const elderSwitch = me.getByRole('switch', { name: '大字模式' });
  await elderSwitch.waitFor();
  await expect(elderSwitch.getAttribute('aria-checked')).resolves.toBe('false');
  await expect(me.getByText(homePath).isVisible()).resolves.toBe(true);
  await expect(me.getByRole('button', { name: /工作人员认证/ }).isVisible()).resolves.toBe(true);
  await shot('07-me');
  await checkPageBasics('me');

  const bodyText = me.getByText('放大文字和按钮，看得更清楚');
  const homeLine = me.getByText(homePath);
  const before = { desc: await fontSizePx(bodyText), home: await fontSizePx(homeLine) };

  const elderPatch = page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH');
  await elderSwitch.click();
  const elderResponse = await elderPatch;
  expect(elderResponse.status()).toBe(200);
  expect(((await elderResponse.json()) as UserDto).elderMode).toBe(true);
  await expect(elderSwitch.getAttribute('aria-checked')).resolves.toBe('true');
  await expect(me.getByText('已开启', { exact: true }).isVisible()).resolves.toBe(true);

  const after = { desc: await fontSizePx(bodyText), home: await fontSizePx(homeLine) };
  expect(after.desc).toBeGreaterThan(before.desc);
  expect(after.home).toBeGreaterThan(before.home);
  expect(after.desc).toBeGreaterThanOrEqual(18);
  expect(after.home).toBeGreaterThanOrEqual(18);
  // Tap targets ≥ 60×60 in elder mode.
  for (const control of [elderSwitch, me.getByRole('button', { name: '重新登录' })]) {
    const box = await control.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(60);
  }
  await page.waitForTimeout(2600); // let the toast fade before the screenshot
  await shot('08-me-elder');
  await checkPageBasics('me, elder mode');

  // 7. It applies app-wide: the home feed's text is large too, and it survives a reload.
  await page.locator('.weui-tabbar__item').filter({ hasText: '首页' }).click();
  const home = taroPage('/pages/home/index');
  const firstCardTitle = home.getByRole('list', { name: '公开信息列表' }).getByText(shown[0].title, { exact: true });
  await firstCardTitle.waitFor();
  expect(await fontSizePx(firstCardTitle)).toBeGreaterThanOrEqual(18);
  const chip = home.getByRole('button', { name: /全部$/ });
  expect((await chip.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(60);
  await shot('09-home-elder');

  await page.reload();
  await page.getByRole('button', { name: `当前社区：${communityName}，点按更换` }).waitFor();
  const cardTitle = taroPage('/pages/home/index').getByRole('list', { name: '公开信息列表' }).getByText(shown[0].title, { exact: true });
  await cardTitle.waitFor();
  expect(await fontSizePx(cardTitle)).toBeGreaterThanOrEqual(18);
  await expect(page.evaluate(() => document.documentElement.classList.contains('sb-elder'))).resolves.toBe(true);

  expect(pageErrors).toEqual([]);
});
