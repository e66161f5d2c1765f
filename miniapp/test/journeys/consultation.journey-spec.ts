/**
 * Journey: a resident comments on article 3 of a draft, staff answer it, the resident reads the
 * answer (issue 6, items 7 and 8).
 *
 * The reviewer of 马庄街道 publishes a 村(居)务事项 consultation for 光明社区 through the API (村务
 * matters have no minimum period, so it can honestly close a minute later) → 张桂兰 opens 我的 → 征求意见,
 * sees it open with a countdown, opens it, picks 第三条, is told in words that 2 characters are too few,
 * then sends her comment; it shows under 第三条 as 张* → the period ends by the clock → the grid worker of
 * 光明社区 opens it, 答复意见, marks it 采纳 with a reason (and answers the comment he entered for 王德福 during the period, 代录) → the reviewer publishes the adoption report on the
 * same screen → 张桂兰 finds the message in 消息, taps it and reads the answer in 我的意见; the fake WeChat's
 * phone shows the delivered result message.
 *
 * Runs the real stack (fake WeChat + built server serving miniapp/dist/h5) on SQLite with the demo
 * seed, the dispatcher in-process and quiet hours off, in headless Chromium.
 * Needs `npm run build:server && npm run build:h5` beforehand.
 * Screenshots: test-results/journeys/consultation-*.png
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ConsultationDetailDto, UserDto } from '@sunboard/shared';
import { checkPageBasics, type DeliveredMessage, eventually, type JourneyRig, openPhone, screenshot, SHOTS, type Stack, startJourney, taroPage } from './support/journey-kit';
import * as kit from './support/journey-kit';

const REVIEWER = 'o_demo_reviewer_mazhuang';
const GRID_WORKER = 'o_demo_grid_guangming';
const RESIDENT = 'o_demo_resident_zhang';
const COMMENT = '临时停车每小时二元太贵了，建议改为每小时一元，老年人看病停车免费。';
const PROXY_COMMENT = '建议夜间加强小区巡查，停车场增设路灯。';
const REASON = '已将临时停车收费调整为每小时一元，就医停车两小时内免费。';
/** The period: long enough for the resident's steps on a busy machine, short enough to wait out. */
const PERIOD_MS = 75_000;

jest.setTimeout(300_000);

let stack: Stack;
let browser: Browser;
let rig: JourneyRig | undefined;
const pageErrors: string[] = [];
/** Answers the journey provokes on purpose: none reach the server (the short comment is caught on the phone). */
const expectedErrors: RegExp[] = [];

const shot = (page: Page, name: string, fullPage = false) => screenshot(page, 'consultation', name, fullPage);
const openAs = (openid: string): Promise<{ context: BrowserContext; page: Page }> => openPhone(browser, stack.url, openid, pageErrors);
const apiAs = (openid: string) => kit.apiAs(stack, openid);
const deliveredTo = (openid: string) => kit.deliveredTo(stack, openid);

async function tab(page: Page, name: string): Promise<void> {
  await page.locator('.weui-tabbar__item').filter({ hasText: name }).click();
}

beforeAll(async () => {
  rig = await startJourney('consultation', { push: true });
  ({ stack, browser } = rig);
});

afterAll(() => rig?.close());

test('a resident comments on article 3, staff answer it, the resident reads the answer', async () => {
  // ── 0. The reviewer publishes the draft (API), open from now for one minute ────────────────────────
  const residentApi = await apiAs(RESIDENT);
  const me = (await residentApi('GET', '/api/me')).json as UserDto;
  expect(me.homeRegion?.name).toBe('光明社区');
  const reviewerApi = await apiAs(REVIEWER);
  const opensAt = new Date(Date.now() - 1000).toISOString();
  const closesAt = new Date(Date.now() + PERIOD_MS).toISOString();
  const created = await reviewerApi('POST', '/api/consultations', {
    title: '光明社区停车管理办法（征求意见稿）',
    summary: '为解决小区停车难，社区起草了停车管理办法，现公开征求居民意见。',
    basis: '《中华人民共和国城市居民委员会组织法》',
    publisher: '光明社区居民委员会',
    contact: '社区居委会 0375-1234567',
    type: 'village_affairs',
    domain: 'municipal_service',
    regionId: me.homeRegion!.id,
    opensAt,
    closesAt,
    draftText: [
      '为规范光明社区停车秩序，制定本办法。',
      '第一条 本办法适用于光明社区各住宅小区。',
      '第二条 小区停车位优先分配给本小区业主。',
      '第三条 临时停车每小时收费二元，夜间免费。',
      '第四条 消防通道严禁停车。',
    ].join('\n'),
  });
  expect(created.status).toBe(201);
  const consultation = created.json as ConsultationDetailDto;
  expect(consultation.paragraphs.map((p) => p.heading)).toEqual(['', '第一条', '第二条', '第三条', '第四条']);

  // The resident accepted the result template (as the app's subscribe prompt gives), here and at WeChat.
  const templates = (await (await fetch(`${stack.url}/api/push/templates`)).json()) as Array<{ messageType: string; templateId: string }> | { items: Array<{ messageType: string; templateId: string }> };
  const resultTemplate = (Array.isArray(templates) ? templates : templates.items).find((t) => t.messageType === 'consultation_result')!;
  expect((await residentApi('POST', '/api/subscriptions/credits', { results: { [resultTemplate.templateId]: 'accept' } })).status).toBeLessThan(300);
  const granted = await fetch(`${stack.fakeWechatUrl}/__test/credits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: RESIDENT, templateId: resultTemplate.templateId, count: 1 }),
  });
  expect(granted.status).toBeLessThan(300);

  // The resident's phone, logged in through the fake WeChat; the staff phones open once she has
  // commented, so the timed window holds only her steps.
  const resident = await openAs(RESIDENT);

  // ── 1. 张桂兰: 我的 → 征求意见 → the draft → 第三条 → her comment ────────────────────────────────────
  const rpage = resident.page;
  await tab(rpage, '我的');
  await taroPage(rpage, '/pages/me/index').getByRole('button', { name: /^征求意见/ }).click();
  const list = taroPage(rpage, '/packages/consultation/list/index');
  const card = list.getByRole('button', { name: /光明社区停车管理办法/ });
  await card.waitFor();
  await expect(card.textContent()).resolves.toMatch(/征求意见中/);
  await expect(card.textContent()).resolves.toMatch(/还剩|即将截止/);
  await shot(rpage, '01-list');
  await checkPageBasics(resident.context, rpage, 'consultation list');

  await card.click();
  const detail = taroPage(rpage, '/packages/consultation/detail/index');
  const articles = detail.getByRole('list', { name: '草案条款' });
  await articles.waitFor();
  await expect(articles.getByRole('listitem').count()).resolves.toBe(5);
  await detail.getByRole('button', { name: '第三条：查看意见或提意见' }).click();
  await expect(detail.textContent()).resolves.toContain('针对：第三条');
  const box = detail.getByLabel('您的意见', { exact: true });
  // Too short: said next to the box, nothing sent.
  await box.fill('太贵');
  await detail.getByRole('button', { name: '提交意见' }).click();
  await expect(detail.locator('#comment-body-error').textContent()).resolves.toBe('意见至少 5 个字');
  await expect(box.getAttribute('aria-invalid')).resolves.toBe('true');
  await shot(rpage, '02-comment-too-short');

  await box.fill(COMMENT);
  await checkPageBasics(resident.context, rpage, 'consultation detail with the comment form');
  const sent = rpage.waitForResponse((r) => r.url().endsWith(`/api/consultations/${consultation.id}/comments`) && r.request().method() === 'POST');
  await detail.getByRole('button', { name: '提交意见' }).click();
  expect((await sent).status()).toBe(201);
  await detail.getByRole('status').filter({ hasText: '意见已发表' }).waitFor();
  const thread = detail.getByRole('region', { name: '第三条的意见' });
  await thread.getByText(COMMENT).waitFor();
  const threadText = (await thread.textContent()) ?? '';
  expect(threadText).toContain('张*');
  expect(threadText).not.toContain('张桂兰');
  await expect(detail.getByRole('listitem').filter({ hasText: '第三条' }).first().textContent()).resolves.toContain('意见 1 条');
  await shot(rpage, '03-commented', true);

  // ── 2. The period ends by the clock; meanwhile the grid worker and the reviewer open the app ─────────
  const staff = await openAs(GRID_WORKER);
  const rev = await openAs(REVIEWER);

  // The grid worker enters 王大爷's comment for him (代录): marked as such, his name and phone not shown.
  const spage = staff.page;
  await spage.goto(`${stack.url}/#/packages/consultation/detail/index?id=${consultation.id}`);
  const sdetail = taroPage(spage, '/packages/consultation/detail/index');
  await sdetail.getByRole('list', { name: '草案条款' }).waitFor();
  // Grid workers answer comments; moderation is for reviewers.
  await expect(sdetail.getByRole('button', { name: '意见审核' }).count()).resolves.toBe(0);
  await sdetail.getByRole('button', { name: /^代录意见/ }).click();
  await sdetail.getByLabel('居民姓名', { exact: true }).fill('王德福');
  await sdetail.getByLabel('联系电话', { exact: true }).fill('139');
  await sdetail.getByLabel('居民的意见', { exact: true }).fill(PROXY_COMMENT);
  await sdetail.getByRole('button', { name: '提交代录意见' }).click();
  await expect(spage.locator('#proxy-phone-error').textContent()).resolves.toBe('联系电话应为 11 位手机号或带区号的固定电话');
  await sdetail.getByLabel('联系电话', { exact: true }).fill('13912345678');
  const proxied = spage.waitForResponse((r) => r.url().endsWith(`/api/consultations/${consultation.id}/proxy-comments`) && r.request().method() === 'POST');
  await sdetail.getByRole('button', { name: '提交代录意见' }).click();
  expect((await proxied).status()).toBe(201);
  await sdetail.getByRole('status').filter({ hasText: '代录成功' }).waitFor();
  const general = sdetail.getByRole('region', { name: '整体意见（针对全文）的意见' });
  await general.getByText(PROXY_COMMENT).waitFor();
  const generalText = (await general.textContent()) ?? '';
  expect(generalText.match(/网格员代录/g)).toHaveLength(1);
  expect(generalText).not.toContain('王德福');
  expect(generalText).not.toContain('13912345678');
  await checkPageBasics(staff.context, spage, 'consultation detail with the 代录 form');
  await shot(spage, '04-proxy-comment', true);
  await eventually(async () => ((await residentApi('GET', `/api/consultations/${consultation.id}`)).json as ConsultationDetailDto).status, 'closed', PERIOD_MS + 15_000);

  // ── 3. The grid worker answers: the draft → 答复意见 → 采纳 + why ─────────────────────────────────────
  await spage.reload();
  await sdetail.getByRole('list', { name: '草案条款' }).waitFor().catch(async () => {
    await shot(spage, 'debug-staff-detail', true);
    throw new Error(`staff detail: ${await spage.locator('body').textContent()}`);
  });
  await sdetail.getByRole('button', { name: '答复意见（工作人员）' }).click();
  const answer = taroPage(spage, '/packages/consultation/answer/index');
  const item = answer.getByRole('listitem', { name: '第 1 条意见' });
  await item.waitFor();
  await expect(item.textContent()).resolves.toContain(COMMENT);
  await item.getByRole('button', { name: '采纳', exact: true }).click();
  await item.getByLabel('第 1 条的理由', { exact: true }).fill(REASON);
  await checkPageBasics(staff.context, spage, 'answering screen');
  const saved = spage.waitForResponse((r) => r.url().endsWith(`/api/consultations/${consultation.id}/answers`) && r.request().method() === 'POST');
  await item.getByRole('button', { name: '保存答复' }).click();
  expect((await saved).status()).toBe(200);
  await expect(item.textContent()).resolves.toContain('已答复：采纳');
  // Every comment is answered before the report: the 代录 one too.
  const second = answer.getByRole('listitem', { name: '第 2 条意见' });
  await expect(second.textContent()).resolves.toContain(PROXY_COMMENT);
  await second.getByRole('button', { name: '部分采纳', exact: true }).click();
  await second.getByLabel('第 2 条的理由', { exact: true }).fill('夜间巡查已纳入物业职责，增设路灯需另行立项。');
  const savedSecond = spage.waitForResponse((r) => r.url().endsWith(`/api/consultations/${consultation.id}/answers`) && r.request().method() === 'POST');
  await second.getByRole('button', { name: '保存答复' }).click();
  expect((await savedSecond).status()).toBe(200);
  await expect(second.textContent()).resolves.toContain('已答复：部分采纳');
  await shot(spage, '05-staff-answered', true);

  // ── 4. The reviewer publishes the adoption report on the same screen ────────────────────────────────
  await rev.page.goto(`${stack.url}/#/packages/consultation/answer/index?id=${consultation.id}`);
  const conclude = taroPage(rev.page, '/packages/consultation/answer/index');
  await conclude.getByLabel('草案修改情况说明', { exact: true }).fill('第三条临时停车收费调整为每小时一元，增加就医停车免费条款。');
  const published = rev.page.waitForResponse((r) => r.url().endsWith(`/api/consultations/${consultation.id}/conclude`) && r.request().method() === 'POST');
  await conclude.getByRole('button', { name: '公布采纳情况' }).click();
  expect((await published).status()).toBe(200);
  await conclude.getByRole('button', { name: '查看采纳情况公告' }).waitFor();
  await shot(rev.page, '06-concluded');

  // ── 5. 张桂兰 reads the answer: 消息 → the message → 我的意见 ──────────────────────────────────────────
  await rpage.goto(`${stack.url}/#/pages/inbox/index`);
  const inbox = taroPage(rpage, '/pages/inbox/index');
  const message = inbox.getByRole('button', { name: /的意见已有答复/ });
  await message.waitFor();
  await shot(rpage, '07-inbox');
  await message.click();
  const mine = taroPage(rpage, '/packages/consultation/mine/index');
  const mineItem = mine.getByRole('listitem').filter({ hasText: COMMENT });
  await mineItem.waitFor();
  await expect(mineItem.textContent()).resolves.toContain(`答复：采纳：${REASON}`);
  await expect(mineItem.textContent()).resolves.toContain('已公布采纳情况');
  await checkPageBasics(resident.context, rpage, 'my comments with the answer');
  await shot(rpage, '08-mine-answer', true);

  // The result message reached WeChat too.
  await eventually(async () => (await deliveredTo(RESIDENT)).filter((m) => m.templateId === resultTemplate.templateId).length, 1, 15_000);
  const [delivered] = (await deliveredTo(RESIDENT)).filter((m) => m.templateId === resultTemplate.templateId);
  expect(delivered.page).toBe('packages/consultation/mine/index');
  expect(Object.values(delivered.data).map((v) => v.value)).toContain('已采纳');

  const unexpected = pageErrors.filter((e) => !expectedErrors.some((re) => re.test(e)));
  expect(unexpected).toEqual([]);
});
