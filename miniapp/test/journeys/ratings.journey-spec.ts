/**
 * Journey: 好差评 closes the loop and the dashboard shows it (issue 7, points 3, 5 and 6).
 * The grid worker of 光明社区 reads 数据看板 (charts with a table beside each, the region picker
 * limited to her regions, 导出 Excel) and notes the figures → 张桂兰 opens a 光明社区 notice in the
 * h5 app and rates it 非常不满意 with a tag and a comment (a missing level is said first) → the grid
 * worker opens 差评跟进, opens the follow-up and answers it (核实情况, 答复内容, 整改情况; empty boxes
 * are named first) → 张桂兰 finds the answer in the message centre (and the fake WeChat delivered a
 * rating_reply message opening 我的评价), and confirms 满意 → the grid worker's dashboard shows one
 * more rating and one more closed follow-up.
 *
 * Runs the real stack (fake WeChat + built server serving miniapp/dist/h5) on SQLite with the demo
 * seed, the dispatcher in-process and quiet hours off, in headless Chromium.
 * Needs `npm run build:server && npm run build:h5` beforehand.
 * Screenshots: test-results/journeys/ratings-*.png
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DashboardDto, RatingDto, StaffFollowupDto, YearlyReportDto } from '@sunboard/shared';
import { checkPageBasics, type DeliveredMessage, escapeRegExp, eventually, type JourneyRig, openPhone, screenshot, SHOTS, type Stack, startJourney, taroPage } from './support/journey-kit';
import * as kit from './support/journey-kit';

const STAFF = 'o_demo_grid_guangming';
const RESIDENT = 'o_demo_resident_zhang';
const NOTICE_TITLE = '光明社区关于开展65岁及以上老年人免费健康体检的通知';
const COMMENT = '通知里没有写体检的具体地点，打电话也没人接';
const VERIFICATION = '经核实，通知漏写了体检地点，值班电话当天无人值守';
const REPLY = '体检地点在光明社区卫生服务站二楼，已在通知中补充，值班电话已安排专人接听';
const FIXED = '已更正通知并公布值班表';

jest.setTimeout(300_000);

let stack: Stack;
let browser: Browser;
let rig: JourneyRig | undefined;
const pageErrors: string[] = [];

const shot = (page: Page, name: string, fullPage = false) => screenshot(page, 'ratings', name, fullPage);
const openAs = (openid: string): Promise<{ context: BrowserContext; page: Page }> => openPhone(browser, stack.url, openid, pageErrors);
const apiAs = (openid: string) => kit.apiAs(stack, openid);
const deliveredTo = (openid: string) => kit.deliveredTo(stack, openid);

async function tab(page: Page, name: string): Promise<void> {
  await page.locator('.weui-tabbar__item').filter({ hasText: name }).click();
}

/** The number in a headline figure of the dashboard (`评价总数` → 12). */
async function headline(page: Page, label: string): Promise<number> {
  const item = taroPage(page, '/packages/dashboard/index/index').getByRole('list', { name: '主要数字' }).getByRole('listitem').filter({ hasText: label });
  const text = (await item.first().textContent()) ?? '';
  const m = new RegExp(`^${escapeRegExp(label)}(\\d+) 条$`).exec(text.trim());
  if (!m) throw new Error(`headline ${label}: unexpected text "${text}"`);
  return Number(m[1]);
}

beforeAll(async () => {
  rig = await startJourney('ratings', { push: true });
  ({ stack, browser } = rig);
});

afterAll(() => rig?.close());

test('a resident rates 非常不满意, staff answer, the resident confirms, the dashboard figures move', async () => {
  const staffApi = await apiAs(STAFF);

  // ── 1. The grid worker: 我的 → 数据看板; note the figures ──────────────────────────────────────
  const staff = await openAs(STAFF);
  const page = staff.page;
  await tab(page, '我的');
  await taroPage(page, '/pages/me/index').getByRole('button', { name: /^数据看板/ }).click();
  const board = taroPage(page, '/packages/dashboard/index/index');
  const regionSelect = board.getByLabel('统计区域', { exact: true });
  await regionSelect.waitFor();
  // Only her regions: 光明社区 and what lies below it.
  const regionChoices = await regionSelect.locator('option').allTextContents();
  expect(regionChoices.length).toBeGreaterThan(0);
  for (const c of regionChoices) expect(c).toContain('光明社区');
  await board.getByRole('list', { name: '主要数字' }).waitFor();
  const regionId = Number(await regionSelect.inputValue());
  const before = (await staffApi('GET', `/api/dashboard?regionId=${regionId}`)).json as DashboardDto;
  const ratingsBefore = await headline(page, '评价总数');
  const closedBefore = await headline(page, '差评已办结');
  expect(ratingsBefore).toBe(before.satisfaction.total);
  expect(closedBefore).toBe(before.followups.closed);
  // Charts are drawn (ECharts canvases), each followed by its table for screen readers.
  await eventually(async () => (await board.locator('canvas').count()) >= 2, true, 15_000);
  const monthTable = board.getByRole('table', { name: '各月满意率' });
  await expect(monthTable.getByRole('columnheader').allTextContents()).resolves.toEqual(['月份', '评价数', '满意数', '满意率']);
  await expect(monthTable.getByRole('row').count()).resolves.toBe(before.satisfaction.byMonth.length + 1);
  const keyTable = board.getByRole('table', { name: '主要指标' });
  await expect(keyTable.getByRole('row', { name: /^评价总数/ }).textContent()).resolves.toContain(`${before.satisfaction.total} 条`);
  await shot(page, '00-dashboard-before');
  await board.getByRole('region', { name: '各月满意率', exact: true }).scrollIntoViewIfNeeded();
  await shot(page, '01-dashboard-months');
  await checkPageBasics(staff.context, page, 'dashboard');

  // 导出 Excel: an xlsx (a zip) saved under a Chinese name.
  const download = page.waitForEvent('download');
  await board.getByRole('button', { name: '导出 Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^满意度看板_光明社区_.+\.xlsx$/);
  const saved = path.join(rig!.workDir, 'dashboard.xlsx');
  await file.saveAs(saved);
  expect(readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK');

  // ── 2. 张桂兰: a reply credit (as 订阅设置 gives), then the notice, rated 非常不满意 ─────────────
  const templates = (await (await fetch(`${stack.url}/api/push/templates`)).json()) as Array<{ messageType: string; templateId: string }> | { items: Array<{ messageType: string; templateId: string }> };
  const replyTemplate = (Array.isArray(templates) ? templates : templates.items).find((t) => t.messageType === 'rating_reply');
  expect(replyTemplate).toBeDefined();
  const residentApi = await apiAs(RESIDENT);
  expect((await residentApi('POST', '/api/subscriptions/credits', { results: { [replyTemplate!.templateId]: 'accept' } })).status).toBeLessThan(300);
  const granted = await fetch(`${stack.fakeWechatUrl}/__test/credits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: RESIDENT, templateId: replyTemplate!.templateId, count: 1 }),
  });
  expect(granted.status).toBeLessThan(300);

  const resident = await openAs(RESIDENT);
  const rpage = resident.page;
  const home = taroPage(rpage, '/pages/home/index');
  await home.getByRole('button', { name: new RegExp(escapeRegExp(NOTICE_TITLE)) }).first().click();
  const detail = taroPage(rpage, '/packages/notice/detail/index');
  const bar = detail.getByRole('region', { name: '评价这条公开信息' });
  await bar.waitFor();
  await bar.getByText(/还没有人评价|满意率/).first().waitFor();
  await bar.scrollIntoViewIfNeeded();
  await shot(rpage, '02-rating-bar');
  await checkPageBasics(resident.context, rpage, 'notice with the rating bar');

  // No level chosen: said in words, nothing sent.
  let puts = 0;
  rpage.on('request', (r) => {
    if (r.url().endsWith('/api/ratings') && r.method() === 'PUT') puts++;
  });
  await bar.getByRole('button', { name: '提交评价' }).click();
  await bar.getByRole('alert').filter({ hasText: '请选择满意程度' }).waitFor();
  expect(puts).toBe(0);

  const levels = bar.getByRole('group', { name: '满意程度' });
  await expect(levels.getByRole('button').allTextContents()).resolves.toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
  await levels.getByRole('button', { name: '非常不满意' }).click();
  await expect(levels.getByRole('button', { name: '✓ 非常不满意' }).getAttribute('aria-pressed')).resolves.toBe('true');
  await bar.getByText(/工作人员会核实情况/).waitFor();
  await bar.getByRole('group', { name: '选择标签（选填）' }).getByRole('button', { name: '信息不清楚', exact: true }).click();
  await bar.getByLabel('评价内容', { exact: true }).fill(COMMENT);
  await bar.scrollIntoViewIfNeeded();
  await shot(rpage, '03-rating-form');
  await checkPageBasics(resident.context, rpage, 'rating form filled');
  const rated = rpage.waitForResponse((r) => r.url().endsWith('/api/ratings') && r.request().method() === 'PUT');
  await bar.getByRole('button', { name: '提交评价' }).click();
  const ratedResponse = await rated;
  expect(ratedResponse.status()).toBe(200);
  const rating = (await ratedResponse.json()) as RatingDto;
  expect(rating.level).toBe(1);
  expect(rating.tags).toEqual(['unclear_info']);
  expect(rating.followup?.status).toBe('open');
  await bar.getByText('我的评价：非常不满意').waitFor();
  await expect(bar.textContent()).resolves.toMatch(/可在 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前修改/);
  await expect(bar.textContent()).resolves.toContain('回访进度：工作人员正在核实');
  await bar.getByRole('status').filter({ hasText: '已收到您的评价' }).waitFor();
  await bar.scrollIntoViewIfNeeded();
  await shot(rpage, '04-rated');

  // ── 3. The grid worker: 我的 → 差评跟进 → the follow-up → 核实并答复 ───────────────────────────
  await page.goBack();
  const me = taroPage(page, '/pages/me/index');
  await me.getByRole('button', { name: /^差评跟进/ }).click();
  const followups = taroPage(page, '/packages/rating/followups/index');
  await expect(followups.getByRole('button', { name: '✓ 待核实答复' }).getAttribute('aria-pressed')).resolves.toBe('true');
  const card = followups.getByRole('list', { name: '差评列表' }).getByRole('button', { name: new RegExp(escapeRegExp(NOTICE_TITLE)) });
  await card.waitFor();
  const cardText = (await card.textContent()) ?? '';
  expect(cardText).toContain('评价：非常不满意');
  expect(cardText).toContain('评价人：张*');
  expect(cardText).not.toContain('张桂兰');
  expect(cardText).toMatch(/答复期限：\d{4}年\d{1,2}月\d{1,2}日前/);
  await shot(page, '05-followups');
  await checkPageBasics(staff.context, page, 'follow-up list');

  await card.click();
  const fpage = taroPage(page, '/packages/rating/followup/index');
  const form = fpage.getByRole('region', { name: '核实并答复' });
  await form.waitFor();
  await expect(fpage.getByRole('region', { name: '差评情况' }).textContent()).resolves.toContain(COMMENT);
  // Empty boxes: each named, nothing sent.
  await form.getByRole('button', { name: '发送答复' }).click();
  await expect(fpage.locator('#reply-verification-error').textContent()).resolves.toBe('请填写核实情况');
  await expect(fpage.locator('#reply-reply-error').textContent()).resolves.toBe('请填写答复内容');
  await shot(page, '06-reply-empty');
  await form.getByLabel('核实情况', { exact: true }).fill(VERIFICATION);
  await form.getByLabel('答复内容', { exact: true }).fill(REPLY);
  await form.getByLabel('整改情况', { exact: true }).fill(FIXED);
  await checkPageBasics(staff.context, page, 'reply form');
  const replied = page.waitForResponse((r) => /\/api\/followups\/\d+\/reply$/.test(r.url()));
  await form.getByRole('button', { name: '发送答复' }).click();
  const repliedResponse = await replied;
  expect(repliedResponse.status()).toBe(200);
  const answered = (await repliedResponse.json()) as StaffFollowupDto;
  expect(answered.status).toBe('replied');
  await fpage.getByRole('status').filter({ hasText: '答复已发送给居民' }).waitFor();
  const answerBox = fpage.getByRole('region', { name: '答复与回访' });
  await expect(answerBox.textContent()).resolves.toContain(`答复内容：${REPLY}`);
  await expect(form.count()).resolves.toBe(0);
  await page.waitForTimeout(2600); // the toast fades
  await shot(page, '07-replied');

  // ── 4. 张桂兰: the answer in the message centre → 我的评价 → 回访: 满意 ───────────────────────────
  await rpage.goBack();
  await tab(rpage, '消息');
  const inbox = taroPage(rpage, '/pages/inbox/index');
  const list = inbox.getByRole('list', { name: '消息列表' });
  await list.waitFor();
  const item = list.getByRole('button').filter({ hasText: '评价已有答复' });
  await eventually(() => item.count(), 1, 15_000);
  await expect(item.textContent()).resolves.toContain('评价回复');
  await shot(rpage, '08-inbox-reply');
  await item.click();
  const mine = taroPage(rpage, '/packages/rating/mine/index');
  const focused = mine.getByRole('region', { name: '这条评价的回访' });
  await focused.waitFor();
  await expect(focused.textContent()).resolves.toContain(`答复内容：${REPLY}`);
  await expect(focused.textContent()).resolves.toContain(`整改情况：${FIXED}`);
  await expect(focused.textContent()).resolves.toContain('已答复，待回访');
  await shot(rpage, '09-mine-replied');
  await checkPageBasics(resident.context, rpage, '我的评价 with the answer');
  const confirmed = rpage.waitForResponse((r) => /\/api\/followups\/\d+\/confirm$/.test(r.url()));
  await focused.getByRole('button', { name: '满意', exact: true }).click();
  expect((await confirmed).status()).toBe(200);
  await focused.getByText('回访满意').first().waitFor();
  await expect(focused.getByRole('button', { name: '满意', exact: true }).count()).resolves.toBe(0);
  await rpage.waitForTimeout(2200);
  await shot(rpage, '10-mine-confirmed');

  // The fake WeChat delivered the reply message to her phone, opening 我的评价 at this rating.
  const forReply = (m: DeliveredMessage) => m.templateId === replyTemplate!.templateId && (m.page ?? '').includes(`packages/rating/mine/index?id=${rating.id}`);
  await eventually(async () => (await deliveredTo(RESIDENT)).filter(forReply).length, 1, 30_000);
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  const phone = await phoneContext.newPage();
  await phone.goto(`${stack.fakeWechatUrl}/phone?openid=${RESIDENT}`);
  // WeChat's thing fields hold 20 characters: the title is cut there.
  await phone.getByText(/光明社区关于开展/).first().waitFor();
  await phone.screenshot({ path: path.join(SHOTS, 'ratings-11-phone.png'), fullPage: true });
  await phoneContext.close();
  await resident.context.close();

  const closed = (await staffApi('GET', `/api/followups/${answered.id}`)).json as StaffFollowupDto;
  expect([closed.status, closed.outcome]).toEqual(['closed', 'satisfied']);

  // ── 5. The grid worker's dashboard: one more rating, one more closed follow-up ────────────────
  await page.goBack();
  await followups.waitFor();
  await page.goBack();
  await me.getByRole('button', { name: /^数据看板/ }).click();
  await board.getByRole('list', { name: '主要数字' }).waitFor();
  const refreshed = page.waitForResponse((r) => r.url().includes('/api/dashboard?') && r.request().method() === 'GET');
  await board.getByRole('button', { name: '刷新数据' }).click();
  expect((await refreshed).status()).toBe(200);
  await eventually(() => headline(page, '评价总数'), ratingsBefore + 1, 10_000);
  await eventually(() => headline(page, '差评已办结'), closedBefore + 1, 10_000);
  const after = (await staffApi('GET', `/api/dashboard?regionId=${regionId}`)).json as DashboardDto;
  expect(after.satisfaction.total).toBe(before.satisfaction.total + 1);
  expect(after.followups.closed).toBe(before.followups.closed + 1);
  expect(after.followups.total).toBe(before.followups.total + 1);
  await expect(keyTable.getByRole('row', { name: /^评价总数/ }).textContent()).resolves.toContain(`${after.satisfaction.total} 条`);
  await shot(page, '12-dashboard-after');
  await board.getByRole('region', { name: '评价等级分布', exact: true }).scrollIntoViewIfNeeded();
  await shot(page, '13-dashboard-levels');

  // The yearly report draft, from the dashboard.
  await board.getByRole('button', { name: '年度报告草稿' }).click();
  const report = taroPage(page, '/packages/dashboard/report/index');
  await report.getByRole('button', { name: '导出 Excel' }).waitFor();
  await expect(report.getByLabel('统计区域', { exact: true }).inputValue()).resolves.toBe(String(regionId));
  await shot(page, '14-yearly-report');
  // Every section of the draft, in the official order, with its tables; blanks said in words.
  const year = Number(await report.getByLabel('报告年度', { exact: true }).inputValue());
  const draft = (await staffApi('GET', `/api/reports/yearly?regionId=${regionId}&year=${year}`)).json as YearlyReportDto;
  expect(draft.sections.length).toBeGreaterThan(0);
  for (const s of draft.sections) {
    const region = report.getByRole('region', { name: s.heading, exact: true });
    await region.waitFor();
    await expect(region.getByRole('table').count()).resolves.toBe(s.tables.length);
  }
  await report.getByRole('region', { name: draft.sections[1]?.heading ?? draft.sections[0].heading, exact: true }).scrollIntoViewIfNeeded();
  await shot(page, '15-yearly-report-tables');
  await checkPageBasics(staff.context, page, 'yearly report draft');
  await staff.context.close();

  expect(pageErrors).toEqual([]);
});
