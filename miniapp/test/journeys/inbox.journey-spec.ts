/**
 * Journey: a resident subscribes, a reviewer approves, the message arrives (issue 4, items 7 and 9).
 * 李建国 (湛南社区) → 我的 → 订阅设置: 湛南社区 × 社会救助 and 河滨街道's 紧急通知 → 保存订阅 →
 * 订阅提醒 (h5 demo mode: "accept" simulated, the same credit granted at the fake WeChat) → 还可提醒
 * 1 次; on a notice, 订阅此类通知 in one tap → 还可提醒 2 次. The reviewer of 河滨街道 approves the
 * pending 湛南社区 公示 (社会救助) → the in-process dispatcher sends it once → the 消息 tab shows
 * the badge and the message 【未读】; opening it marks it read; the fake WeChat's phone page shows
 * the delivered message; the reviewer sees 送达情况 on the reach page.
 *
 * Runs the real stack (fake WeChat + built server serving miniapp/dist/h5) on SQLite with the demo
 * seed, quiet hours off (the 公示 is not urgent and the run may be at night), in headless Chromium.
 * Needs `npm run build:server && npm run build:h5` beforehand.
 * Screenshots: test-results/journeys/inbox-*.png
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  checkPageBasics,
  type DeliveredMessage,
  escapeRegExp,
  eventually,
  type JourneyRig,
  openPhone,
  screenshot,
  SHOTS,
  type Stack,
  startJourney,
  taroPage,
} from './support/journey-kit';
import * as kit from './support/journey-kit';

const RESIDENT = 'o_demo_resident_li';
const REVIEWER = 'o_demo_reviewer_hebin';
const PENDING_TITLE = '湛南社区2026年冬季困难群众慰问物资发放情况公示';
const URGENT_TITLE = '湛南社区关于11月27日计划停水的紧急通知';
const GRID_WORKER = 'o_demo_grid_zhannan';
const SECOND_TITLE = '湛南社区关于冬季集中供暖开始的通知';

interface TemplateDto {
  messageType: string;
  label: string;
  templateId: string;
  longTerm: boolean;
}
jest.setTimeout(300_000);

let stack: Stack;
let browser: Browser;
let rig: JourneyRig | undefined;
const pageErrors: string[] = [];

const shot = (page: Page, name: string, fullPage = false) => screenshot(page, 'inbox', name, fullPage);
/** A fresh phone for one person, logged in as `openid` through the fake WeChat. */
const openAs = (openid: string): Promise<{ context: BrowserContext; page: Page }> => openPhone(browser, stack.url, openid, pageErrors);
const apiAs = (openid: string) => kit.apiAs(stack, openid);
const deliveredTo = (openid: string) => kit.deliveredTo(stack, openid);

function tabItem(page: Page, name: string) {
  return page.locator('.weui-tabbar__item').filter({ hasText: name });
}

/** The number on the 消息 tab, or '' when there is none. */
async function inboxBadge(page: Page): Promise<string> {
  const badge = tabItem(page, '消息').locator('.weui-badge');
  if (!(await badge.count())) return '';
  return (await badge.first().isVisible()) ? ((await badge.first().textContent()) ?? '').trim() : '';
}

async function fakeCredits(openid: string, templateId: string): Promise<number> {
  const res = await fetch(`${stack.fakeWechatUrl}/__test/credits?openid=${encodeURIComponent(openid)}&templateId=${encodeURIComponent(templateId)}`);
  return ((await res.json()) as { credits: number }).credits;
}

beforeAll(async () => {
  rig = await startJourney('inbox', { push: true });
  ({ stack, browser } = rig);
});

afterAll(() => rig?.close());

test('a resident subscribes, a reviewer approves, the message reaches the 消息 tab and the phone exactly once', async () => {
  const templatesRes = await fetch(`${stack.url}/api/push/templates`);
  const templates = (await templatesRes.json()) as TemplateDto[] | { items: TemplateDto[] };
  const noticeTemplate = (Array.isArray(templates) ? templates : templates.items).find((t) => t.messageType === 'notice_published');
  expect(noticeTemplate).toBeDefined();
  const templateId = noticeTemplate!.templateId;
  expect(await fakeCredits(RESIDENT, templateId)).toBe(0);

  // ── 1. The resident: an empty message centre, then 我的 → 订阅设置 ─────────────────────────────
  const resident = await openAs(RESIDENT);
  let page = resident.page;
  await tabItem(page, '消息').click();
  const inbox = taroPage(page, '/pages/inbox/index');
  await inbox.getByText('暂无消息').waitFor();
  await expect(inboxBadge(page)).resolves.toBe('');
  await shot(page, '00-empty');

  await tabItem(page, '我的').click();
  await taroPage(page, '/pages/me/index').getByRole('button', { name: /^订阅设置/ }).click();
  const settings = taroPage(page, '/packages/subscriptions/settings/index');
  const community = settings.getByRole('group', { name: '湛南社区' });
  await community.waitFor();
  const street = settings.getByRole('group', { name: '河滨街道' });
  await expect(street.isVisible()).resolves.toBe(true);
  await expect(settings.getByRole('group', { name: '湛河区' }).isVisible()).resolves.toBe(true);

  // 湛南社区 × 社会救助 (behind 选择领域) and 河滨街道's 紧急通知.
  await community.getByRole('button', { name: '选择领域（湛南社区）' }).click();
  const chip = community.getByRole('button', { name: '社会救助', exact: true });
  await expect(chip.getAttribute('aria-pressed')).resolves.toBe('false');
  await chip.click();
  await expect(community.getByRole('button', { name: '✓ 社会救助' }).getAttribute('aria-pressed')).resolves.toBe('true');
  await community.getByRole('button', { name: '收起领域（湛南社区）' }).click();
  const streetUrgent = street.getByRole('switch', { name: '紧急通知' });
  const urgentBefore = await streetUrgent.getAttribute('aria-checked');
  if (urgentBefore !== 'true') await streetUrgent.click();
  await expect(streetUrgent.getAttribute('aria-checked')).resolves.toBe('true');
  await settings.getByText('有未保存的修改').waitFor();
  await expect(community.getByText('订阅：已选 1 个领域').isVisible()).resolves.toBe(true);
  await expect(street.getByText('订阅：紧急通知').isVisible()).resolves.toBe(true);

  const put = page.waitForResponse((r) => r.url().endsWith('/api/subscriptions') && r.request().method() === 'PUT');
  await settings.getByRole('button', { name: '保存订阅' }).click();
  const putResponse = await put;
  expect(putResponse.status()).toBe(200);
  const saved = (await putResponse.json()) as { topics: Array<{ region: { id: number; name: string }; domain: string | null; kind: string | null }> };
  const words = saved.topics.map((t) => `${t.region.name}|${t.domain ?? ''}|${t.kind ?? ''}`);
  expect(words).toEqual(expect.arrayContaining(['湛南社区|social_assistance|', '河滨街道||emergency']));
  await settings.getByText(/^已订阅 \d+ 项$/).waitFor();
  await expect(settings.getByRole('button', { name: '保存订阅' }).isDisabled()).resolves.toBe(true);
  await page.waitForTimeout(2600); // the toast fades
  await settings.getByRole('heading', { name: '订阅设置' }).scrollIntoViewIfNeeded();
  await shot(page, '01-settings-saved');
  await checkPageBasics(resident.context, page, 'subscription settings');

  // 订阅提醒: demo mode says so; the credit is counted by the server and granted at the fake WeChat.
  const reminders = settings.getByRole('region', { name: '微信提醒' });
  await reminders.scrollIntoViewIfNeeded();
  await expect(reminders.getByText(/^演示模式/).isVisible()).resolves.toBe(true);
  const noticeRow = reminders.getByRole('listitem').filter({ hasText: noticeTemplate!.label });
  await expect(noticeRow.textContent()).resolves.toContain('还可提醒 0 次');
  const credited = page.waitForResponse((r) => r.url().endsWith('/api/subscriptions/credits') && r.request().method() === 'POST');
  await reminders.getByRole('button', { name: '订阅提醒' }).click();
  const creditResponse = await credited;
  expect(creditResponse.status()).toBeLessThan(300);
  expect(JSON.parse(creditResponse.request().postData() ?? '{}')).toEqual({ results: { [templateId]: 'accept' } });
  await noticeRow.getByText('还可提醒 1 次').waitFor();
  await reminders.getByRole('status').filter({ hasText: '已订阅 1 项提醒' }).waitFor();
  await page.waitForTimeout(2600);
  await eventually(() => fakeCredits(RESIDENT, templateId), 1);
  await shot(page, '02-reminder-subscribed');

  // ── 2. On a notice: 订阅此类通知 adds its region × domain and one more reminder in the same tap ──
  await page.goBack();
  await tabItem(page, '首页').click();
  const home = taroPage(page, '/pages/home/index');
  await home.getByRole('button', { name: new RegExp(escapeRegExp(URGENT_TITLE)) }).first().click();
  const detail = taroPage(page, '/packages/notice/detail/index');
  const subscribeBox = detail.getByRole('region', { name: '订阅此类通知' });
  await subscribeBox.waitFor();
  const putFromNotice = page.waitForResponse((r) => r.url().endsWith('/api/subscriptions') && r.request().method() === 'PUT');
  await subscribeBox.getByRole('button', { name: '订阅此类通知' }).click();
  expect((await putFromNotice).status()).toBe(200);
  const outcome = subscribeBox.getByRole('status');
  await outcome.filter({ hasText: '还可提醒 2 次' }).waitFor();
  await expect(outcome.textContent()).resolves.toContain('已订阅湛南社区的“市政服务”类公开信息');
  await eventually(() => fakeCredits(RESIDENT, templateId), 2);
  await subscribeBox.scrollIntoViewIfNeeded();
  await page.waitForTimeout(2600);
  await shot(page, '03-subscribe-this-kind');

  // ── 3. The reviewer of 河滨街道 approves the pending 湛南社区 公示 (社会救助) ───────────────────
  const reviewerApi = await apiAs(REVIEWER);
  const queue = await reviewerApi('GET', '/api/staff/notices?status=pending_review');
  expect(queue.status).toBe(200);
  const pending = (queue.json as { items: Array<{ id: number; title: string }> }).items.find((n) => n.title === PENDING_TITLE);
  expect(pending).toBeDefined();
  const noticeId = pending!.id;
  const approved = await reviewerApi('POST', `/api/notices/${noticeId}/approve`, { confidentialityChecked: true });
  expect(approved.status).toBe(200);
  expect((approved.json as { status: string }).status).toBe('published');

  // The in-process dispatcher sends it: exactly one message to 李建国 for this notice.
  const forNotice = (m: DeliveredMessage) => m.templateId === templateId && (m.page ?? '').includes(`id=${noticeId}`);
  await eventually(async () => (await deliveredTo(RESIDENT)).filter(forNotice).length, 1, 60_000);
  await new Promise((r) => setTimeout(r, 2000));
  const delivered = (await deliveredTo(RESIDENT)).filter(forNotice);
  expect(delivered).toHaveLength(1);
  expect(Object.values(delivered[0].data).some((v) => PENDING_TITLE.startsWith(v.value.replace(/…$/, '')))).toBe(true);
  // One credit spent: one left at WeChat, and the app says so.
  expect(await fakeCredits(RESIDENT, templateId)).toBe(1);

  // A second notice the resident follows (湛南社区 × 市政服务, from 订阅此类通知): the grid worker
  // writes and submits it, the reviewer approves; it spends the last reminder.
  const gridApi = await apiAs(GRID_WORKER);
  const created = await gridApi('POST', '/api/notices', {
    title: SECOND_TITLE,
    body: '<p>各位居民：</p><p>湛南社区集中供暖自12月1日起开始，如室温不达标请联系供热公司。</p>',
    basis: '《城市供热管理办法》',
    timeLimit: '自信息形成之日起20个工作日内',
    publisher: '湛南社区居民委员会',
    method: 'active',
    channels: ['mini_program', 'notice_board'],
    audience: 'public',
    domain: 'municipal_service',
    category: 'service',
    kind: 'notice',
    regionId: saved.topics.find((t) => t.region.name === '湛南社区')!.region.id,
  });
  expect(created.status).toBe(201);
  const secondId = (created.json as { id: number }).id;
  expect((await gridApi('POST', `/api/notices/${secondId}/submit`)).status).toBe(200);
  expect((await reviewerApi('POST', `/api/notices/${secondId}/approve`, { confidentialityChecked: true })).status).toBe(200);
  await eventually(async () => (await deliveredTo(RESIDENT)).filter((m) => (m.page ?? '').includes(`id=${secondId}`)).length, 1, 60_000);
  expect(await fakeCredits(RESIDENT, templateId)).toBe(0);

  // ── 4. The resident: the badge on 消息, the messages 【未读】 newest first, one opened, 全部已读 ──
  await page.goBack();
  await home.waitFor();
  await tabItem(page, '我的').click();
  await tabItem(page, '首页').click();
  await eventually(() => inboxBadge(page), '2', 15_000);
  await shot(page, '04-badge');

  await tabItem(page, '消息').click();
  const list = inbox.getByRole('list', { name: '消息列表' });
  await list.waitFor();
  const item = list.getByRole('button', { name: new RegExp(escapeRegExp(PENDING_TITLE)) });
  const second = list.getByRole('button', { name: new RegExp(escapeRegExp(SECOND_TITLE)) });
  await item.waitFor();
  // Newest first.
  const titles = await list.getByRole('button').allTextContents();
  expect(titles.findIndex((t) => t.includes(SECOND_TITLE))).toBeLessThan(titles.findIndex((t) => t.includes(PENDING_TITLE)));
  for (const it of [item, second]) {
    await expect(it.textContent()).resolves.toContain('【未读】');
  }
  const weight = await item.getByText(PENDING_TITLE).evaluate((el) => Number(getComputedStyle(el).fontWeight));
  expect(weight).toBeGreaterThanOrEqual(700);
  await expect(inbox.getByText('2 条未读').isVisible()).resolves.toBe(true);
  await shot(page, '05-inbox-unread');
  await checkPageBasics(resident.context, page, 'inbox');

  const read = page.waitForResponse((r) => /\/api\/inbox\/\d+\/read$/.test(r.url()) && r.request().method() === 'POST');
  await item.click();
  expect((await read).status()).toBeLessThan(300);
  await detail.getByText(PENDING_TITLE).first().waitFor();
  await shot(page, '06-message-opened');

  await page.goBack();
  await inbox.getByText('1 条未读').waitFor();
  await expect(item.textContent()).resolves.not.toContain('【未读】');
  await expect(item.textContent()).resolves.toContain('已读');
  await expect(second.textContent()).resolves.toContain('【未读】');
  const readWeight = await item.getByText(PENDING_TITLE).evaluate((el) => Number(getComputedStyle(el).fontWeight));
  expect(readWeight).toBeLessThan(700);
  await eventually(() => inboxBadge(page), '1');
  await shot(page, '07-inbox-one-read');

  const readAll = page.waitForResponse((r) => r.url().endsWith('/api/inbox/read-all') && r.request().method() === 'POST');
  await inbox.getByRole('button', { name: '全部已读' }).click();
  expect((await readAll).status()).toBe(200);
  await inbox.getByText('没有未读消息').waitFor();
  await expect(second.textContent()).resolves.not.toContain('【未读】');
  await expect(inbox.getByRole('button', { name: '全部已读' }).isDisabled()).resolves.toBe(true);
  await eventually(() => inboxBadge(page), '');
  await page.waitForTimeout(2600); // the toast fades
  await shot(page, '08-inbox-all-read');

  // The app's credit line follows WeChat's: both reminders spent.
  await inbox.getByRole('button', { name: '订阅设置' }).click();
  const reminders2 = taroPage(page, '/packages/subscriptions/settings/index').getByRole('region', { name: '微信提醒' });
  await reminders2.getByRole('listitem').filter({ hasText: noticeTemplate!.label }).getByText('还可提醒 0 次').waitFor();
  await resident.context.close();

  // ── 5. The demo phone (fake WeChat) shows the delivered message ─────────────────────────────
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  const phone = await phoneContext.newPage();
  await phone.goto(`${stack.fakeWechatUrl}/phone?openid=${RESIDENT}`);
  const fitted = Object.values(delivered[0].data).find((v) => PENDING_TITLE.startsWith(v.value.replace(/…$/, '')))!.value;
  await phone.getByText(fitted).first().waitFor();
  await phone.screenshot({ path: path.join(SHOTS, 'inbox-09-phone.png'), fullPage: true });
  await phoneContext.close();

  // ── 6. The reviewer: 送达情况 on the reach page ─────────────────────────────────────────────
  const reviewer = await openAs(REVIEWER);
  page = reviewer.page;
  await page.goto(`${stack.url}/#/packages/staff/reach/index?id=${noticeId}`);
  const delivery = taroPage(page, '/packages/staff/reach/index').getByRole('region', { name: '送达情况' });
  await delivery.getByText(/微信已送达 \d+ 位/).waitFor();
  const figures = await reviewerApi('GET', `/api/push/figures?noticeId=${noticeId}`);
  expect(figures.status).toBe(200);
  const f = figures.json as { targeted: number; sent: number; read: number };
  expect(f.targeted).toBeGreaterThanOrEqual(1);
  expect(f.sent).toBeGreaterThanOrEqual(1);
  expect(f.read).toBeGreaterThanOrEqual(1);
  await expect(delivery.textContent()).resolves.toContain(`共推送给 ${f.targeted} 位订阅的居民：微信已送达 ${f.sent} 位`);
  await delivery.scrollIntoViewIfNeeded();
  await shot(page, '10-delivery-figures');
  await reviewer.context.close();

  expect(pageErrors).toEqual([]);
});
