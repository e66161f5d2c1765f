/**
 * Journey: a resident follows their application (办件) from the phone (issue 5, items 6 and 7).
 * The grid worker of 光明社区 opens a 低保申请 for 张桂兰 in the h5 app (a missing phone number is
 * named next to its field first) → the case number shows large with a copy button → 张桂兰 claims
 * it under 我的 → 我的办件 (a wrong phone number is refused in words first) → the grid worker
 * completes 受理 and 入户调查 on the case page → 张桂兰 sees two reminders in the message centre, opens
 * one, and sees the timeline: three steps done, 民主评议 in progress with its working-day due date,
 * what to prepare next (一次告知), the record newest first; the same page in 大字模式; the fake
 * WeChat's phone shows the two delivered reminders; the grid worker's case list shows it.
 *
 * Runs the real stack (fake WeChat + built server serving miniapp/dist/h5) on SQLite with the demo
 * seed, the dispatcher in-process and quiet hours off, in headless Chromium.
 * Needs `npm run build:server && npm run build:h5` beforehand.
 * Screenshots: test-results/journeys/cases-*.png
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CaseDetailDto } from '@sunboard/shared';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sharp = require('sharp') as typeof import('sharp');
import { checkPageBasics, type DeliveredMessage, eventually, type JourneyRig, openPhone, screenshot, SHOTS, type Stack, startJourney, taroPage } from './support/journey-kit';
import * as kit from './support/journey-kit';

const GRID_WORKER = 'o_demo_grid_guangming';
const RESIDENT = 'o_demo_resident_zhang';
const OTHER_RESIDENT = 'o_demo_resident_li';
const APPLICANT = '张桂兰';
const PHONE = '13937561234';
const ID_NUMBER = '410411195003152356';
const NOTE_1 = '申请材料齐全，已收到书面申请书';
const NOTE_2 = '已受理，下周安排入户调查';
const REVIEWER = 'o_demo_reviewer_mazhuang';
const REASON = '家庭人均收入高于本地低保标准';

jest.setTimeout(300_000);

let stack: Stack;
let browser: Browser;
let workDir: string;
let rig: JourneyRig | undefined;
let photoPath: string;
const pageErrors: string[] = [];
/** Answers the journey provokes on purpose (the claim with a wrong phone number). */
const expectedErrors: RegExp[] = [];

const shot = (page: Page, name: string, fullPage = false) => screenshot(page, 'cases', name, fullPage);
const openAs = (openid: string): Promise<{ context: BrowserContext; page: Page }> => openPhone(browser, stack.url, openid, pageErrors);
const apiAs = (openid: string) => kit.apiAs(stack, openid);
const deliveredTo = (openid: string) => kit.deliveredTo(stack, openid);

async function tab(page: Page, name: string): Promise<void> {
  await page.locator('.weui-tabbar__item').filter({ hasText: name }).click();
}

/** `2026-10-09` → `2026年10月9日`, as the pages say dates. */
const chineseDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

beforeAll(async () => {
  rig = await startJourney('cases', { push: true });
  ({ stack, browser, workDir } = rig);
  // The photo taken at the home visit (入户调查).
  photoPath = path.join(workDir, '入户调查现场.jpg');
  await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 170, b: 120 } } }).jpeg().toFile(photoPath);
});

afterAll(() => rig?.close());

test('staff open a case, the resident claims it, staff move it two steps, the resident follows the timeline and the reminders', async () => {
  // ── 1. The grid worker: 我的 → 办件管理 → 登记新办件 ──────────────────────────────────────────────
  const staff = await openAs(GRID_WORKER);
  let page = staff.page;
  await tab(page, '我的');
  await taroPage(page, '/pages/me/index').getByRole('button', { name: /^办件管理/ }).click();
  const staffList = taroPage(page, '/packages/cases/staff-list/index');
  await staffList.getByRole('button', { name: '登记新办件' }).waitFor();
  await staffList.getByRole('switch', { name: '只看超期' }).waitFor();
  await shot(page, '00-staff-list');
  await checkPageBasics(staff.context, page, 'staff case list');

  await staffList.getByRole('button', { name: '登记新办件' }).click();
  const openPage = taroPage(page, '/packages/cases/staff-open/index');
  const typeSelect = openPage.getByLabel('办理事项', { exact: true });
  await typeSelect.waitFor();
  await typeSelect.selectOption({ label: '低保申请' });
  // The steps of the type, with their limits in working days.
  const steps = openPage.getByRole('list', { name: '低保申请的办理环节' });
  await expect(steps.getByRole('listitem').count()).resolves.toBe(7);
  await expect(steps.textContent()).resolves.toContain('入户调查');
  await openPage.getByLabel('所在社区、村或网格', { exact: true }).selectOption({ label: '湛河区 / 马庄街道 / 光明社区' });
  // Linking to a resident's account is offered (here left unlinked: she claims it herself).
  const residents = page.waitForResponse((r) => r.url().includes('/api/staff/cases/residents?'));
  await openPage.getByRole('button', { name: '查找居民' }).click();
  expect((await residents).status()).toBe(200);
  const found = openPage.getByRole('list', { name: '找到的居民' });
  await found.getByRole('button', { name: new RegExp(`^关联 ${APPLICANT}`) }).click();
  await openPage.getByRole('status').filter({ hasText: `已关联居民账号：${APPLICANT}` }).waitFor();
  await openPage.getByRole('button', { name: '取消关联' }).click();
  await openPage.getByRole('button', { name: '查找居民' }).waitFor();
  await openPage.getByLabel('申请人姓名', { exact: true }).fill(APPLICANT);
  await openPage.getByLabel('身份证号（选填）', { exact: true }).fill(ID_NUMBER);

  // No phone number: said next to the field, nothing sent.
  await openPage.getByRole('button', { name: '登记办件' }).click();
  const phoneError = openPage.locator('#open-phone-error');
  await expect(phoneError.textContent()).resolves.toBe('请填写申请人的手机号码');
  await expect(openPage.getByLabel('手机号码', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
  await shot(page, '01-open-missing-phone');

  await openPage.getByLabel('手机号码', { exact: true }).fill(PHONE);
  await expect(phoneError.count()).resolves.toBe(0);
  await checkPageBasics(staff.context, page, 'open a case');
  const opened = page.waitForResponse((r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST');
  await openPage.getByRole('button', { name: '登记办件' }).click();
  const openedResponse = await opened;
  expect(openedResponse.status()).toBe(201);
  const created = (await openedResponse.json()) as CaseDetailDto;
  expect(created.applicant.linked).toBe(false);
  expect(created.applicant.phoneMasked).not.toContain(PHONE);

  // The case page: the number large, with a copy button; ID and phone masked.
  const staffDetail = taroPage(page, '/packages/cases/detail/index');
  const banner = staffDetail.getByRole('region', { name: '办件已登记' });
  await banner.waitFor();
  const caseNo = created.caseNo;
  expect(caseNo).toMatch(/^SB\d{8}[2-9A-HJ-NP-Z]{6}$/);
  await expect(banner.textContent()).resolves.toContain(`${caseNo.slice(0, 2)} ${caseNo.slice(2, 10)} ${caseNo.slice(10)}`);
  await expect(banner.getByRole('button', { name: '复制办件编号' }).isVisible()).resolves.toBe(true);
  const staffText = (await staffDetail.textContent()) ?? '';
  expect(staffText).not.toContain(PHONE);
  expect(staffText).not.toContain(ID_NUMBER);
  expect(staffText).toContain(created.applicant.phoneMasked);
  expect(staffText).toContain('尚未认领');
  await shot(page, '02-opened-case-number');
  await checkPageBasics(staff.context, page, 'case detail (staff, just opened)');

  // ── 2. 张桂兰 claims it: 我的 → 我的办件 → 认领办件 ───────────────────────────────────────────────
  // Reminders: two one-time credits (as 订阅设置 → 订阅提醒 gives), at the server and the fake WeChat.
  const templates = (await (await fetch(`${stack.url}/api/push/templates`)).json()) as Array<{ messageType: string; templateId: string }> | { items: Array<{ messageType: string; templateId: string }> };
  const caseTemplate = (Array.isArray(templates) ? templates : templates.items).find((t) => t.messageType === 'case_progress');
  expect(caseTemplate).toBeDefined();
  const residentApi = await apiAs(RESIDENT);
  for (let i = 0; i < 2; i++) {
    expect((await residentApi('POST', '/api/subscriptions/credits', { results: { [caseTemplate!.templateId]: 'accept' } })).status).toBeLessThan(300);
  }
  const granted = await fetch(`${stack.fakeWechatUrl}/__test/credits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: RESIDENT, templateId: caseTemplate!.templateId, count: 2 }),
  });
  expect(granted.status).toBeLessThan(300);

  const resident = await openAs(RESIDENT);
  const rpage = resident.page;
  await tab(rpage, '我的');
  await taroPage(rpage, '/pages/me/index').getByRole('button', { name: /^我的办件/ }).click();
  const mine = taroPage(rpage, '/packages/cases/mine/index');
  // Either the empty state (nothing of hers yet) or her list: both lead to the claim form.
  const claimFromEmpty = mine.getByRole('button', { name: '认领办件', exact: true });
  const claimFromList = mine.getByRole('button', { name: '认领办件（凭受理回执）' });
  await claimFromEmpty.or(claimFromList).first().waitFor();
  const wasEmpty = await claimFromEmpty.isVisible();
  if (wasEmpty) await shot(rpage, '03-mine-empty');
  await (wasEmpty ? claimFromEmpty : claimFromList).click();
  const claimForm = mine.getByRole('region', { name: '认领办件' });
  await claimForm.waitFor();
  await claimForm.getByLabel('办件编号', { exact: true }).fill(caseNo.toLowerCase());
  await claimForm.getByLabel('申请人姓名', { exact: true }).fill(APPLICANT);
  await claimForm.getByLabel('手机号后四位', { exact: true }).fill('0000');
  expectedErrors.push(/HTTP 400 POST .*\/api\/cases\/claim$/, /console: Failed to load resource: the server responded with a status of 400/);
  const refused = rpage.waitForResponse((r) => r.url().endsWith('/api/cases/claim'));
  await claimForm.getByRole('button', { name: '认领' }).click();
  expect((await refused).status()).toBe(400);
  await claimForm.getByRole('alert').filter({ hasText: '请核对受理回执上的办件编号' }).waitFor();
  await shot(rpage, '04-claim-refused');
  await checkPageBasics(resident.context, rpage, 'claim form');

  await claimForm.getByLabel('手机号后四位', { exact: true }).fill(PHONE.slice(-4));
  const claimed = rpage.waitForResponse((r) => r.url().endsWith('/api/cases/claim'));
  await claimForm.getByRole('button', { name: '认领' }).click();
  expect((await claimed).status()).toBe(200);
  const residentDetail = taroPage(rpage, '/packages/cases/detail/index');
  await residentDetail.getByRole('heading', { name: '低保申请' }).waitFor();
  await expect(residentDetail.getByRole('region', { name: '办件已登记' }).count()).resolves.toBe(0);
  await shot(rpage, '05-claimed');

  // ── 3. The grid worker completes 受理 and 入户调查 on the case page ──────────────────────────────
  for (const [stepName, note] of [
    ['受理', NOTE_1],
    ['入户调查', NOTE_2],
  ] as const) {
    const actions = staffDetail.getByRole('region', { name: '办理', exact: true });
    await actions.getByText(new RegExp(`当前环节：第 \\d 步 ${stepName}`)).waitFor();
    await actions.getByLabel('办理情况', { exact: true }).fill(note);
    await expect(actions.getByRole('checkbox', { name: '完成本环节' }).isChecked()).resolves.toBe(true);
    if (stepName === '入户调查') {
      // A photo from the album (Taro's chooseImage opens the file chooser), uploaded at once.
      const upload = page.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.request().method() === 'POST');
      const chooser = page.waitForEvent('filechooser');
      await actions.getByRole('button', { name: '从相册选择' }).click();
      await (await chooser).setFiles(photoPath);
      expect((await upload).status()).toBe(201);
      await actions.getByRole('img', { name: '已添加照片 入户调查现场.jpg' }).waitFor();
      await actions.scrollIntoViewIfNeeded();
      await shot(page, '06-staff-progress-form');
    }
    const moved = page.waitForResponse((r) => /\/api\/cases\/\d+\/progress$/.test(r.url()));
    await actions.getByRole('button', { name: '提交并完成本环节' }).click();
    expect((await moved).status()).toBe(200);
  }
  // 民主评议 is the reviewer's: the grid worker is told so instead of a form.
  await staffDetail.getByRole('region', { name: '办理', exact: true }).getByText('“民主评议”由审核人办理，您可以通知补正或查看进度。').waitFor();
  await page.waitForTimeout(2600); // the toast fades
  await staffDetail.getByRole('region', { name: '办理', exact: true }).scrollIntoViewIfNeeded();
  await shot(page, '07-staff-two-steps-done');
  await checkPageBasics(staff.context, page, 'case detail (staff, in progress)');

  const staffApi = await apiAs(GRID_WORKER);
  const after = (await staffApi('GET', `/api/cases/${created.id}`)).json as CaseDetailDto;
  // Opening the case completed 申请 (the application is in hand); 受理 and 入户调查 were moved here.
  expect(after.steps.map((s) => s.state).slice(0, 5)).toEqual(['done', 'done', 'done', 'active', 'pending']);
  const review = after.steps[3];
  expect(review.due).not.toBeNull();

  // The staff list: the case in scope, tap → its page.
  await page.goBack();
  await staffList.getByRole('button', { name: new RegExp(caseNo) }).waitFor();
  await expect(staffList.getByRole('button', { name: new RegExp(caseNo) }).textContent()).resolves.toContain('当前环节：民主评议（第 4 步，共 7 步）');
  await shot(page, '08-staff-list-with-case');
  // 只看超期: only overdue cases, each marked in words as well as red.
  const filtered = page.waitForResponse((r) => r.url().includes('/api/staff/cases?') && r.url().includes('overdue=true'));
  await staffList.getByRole('switch', { name: '只看超期' }).click();
  expect((await filtered).status()).toBe(200);
  const overdueCards = staffList.getByRole('list', { name: '办件列表' }).getByRole('button');
  await staffList.getByRole('button', { name: new RegExp(caseNo) }).waitFor({ state: 'detached' });
  const overdueTexts = await overdueCards.allTextContents();
  for (const t of overdueTexts) expect(t).toMatch(/已超期( \d+ 个工作日)?/);
  await shot(page, '08b-staff-list-overdue');
  await staffList.getByRole('switch', { name: '只看超期' }).click();
  await staffList.getByRole('button', { name: new RegExp(caseNo) }).waitFor();

  // ── 4. 张桂兰: two reminders in the message centre; one opens the case's timeline ─────────────
  // Back from the case and 我的办件 to the tab pages.
  await rpage.goBack();
  await mine.waitFor();
  await rpage.goBack();
  await tab(rpage, '消息');
  const inbox = taroPage(rpage, '/pages/inbox/index');
  const list = inbox.getByRole('list', { name: '消息列表' });
  await list.waitFor();
  const caseItems = list.getByRole('button').filter({ hasText: '低保申请' });
  await eventually(() => caseItems.count(), 2, 15_000);
  await shot(rpage, '09-inbox-reminders');
  await checkPageBasics(resident.context, rpage, 'inbox with case reminders');

  await caseItems.first().click();
  await residentDetail.getByRole('region', { name: '办理环节' }).waitFor();
  const timeline = residentDetail.getByRole('list', { name: '办理环节' });
  const rows = timeline.getByRole('listitem');
  await expect(rows.count()).resolves.toBe(7);
  await expect(rows.nth(0).textContent()).resolves.toContain('已完成');
  await expect(rows.nth(1).textContent()).resolves.toContain('已完成');
  await expect(rows.nth(2).textContent()).resolves.toContain('已完成');
  const active = (await rows.nth(3).textContent()) ?? '';
  expect(active).toContain('民主评议');
  expect(active).toContain('办理中');
  // The due date the server counted in working days, said as 预计 …前.
  expect(active).toContain(`预计 ${chineseDate(review.due!.dueOn)}前`);
  await expect(rows.nth(4).textContent()).resolves.toContain('未开始');
  // 一次告知: the next step and what to prepare.
  const next = residentDetail.getByRole('region', { name: '下一步' });
  await expect(next.textContent()).resolves.toContain('下一环节：公示');
  // The record, newest first.
  const record = residentDetail.getByRole('list', { name: '办理记录（最新的在前）' });
  const recordText = await record.getByRole('listitem').allTextContents();
  expect(recordText.findIndex((t) => t.includes(NOTE_2))).toBeLessThan(recordText.findIndex((t) => t.includes(NOTE_1)));
  // The home-visit photo, readable by the applicant.
  const photo = record.getByRole('img', { name: '入户调查现场.jpg' });
  await photo.waitFor();
  // The photo is fetched with the resident's token: wait until it has loaded (a broken image never gets a width).
  await rpage.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await photo.elementHandle());
  const residentText = (await residentDetail.textContent()) ?? '';
  expect(residentText).not.toContain(PHONE);
  expect(residentText).not.toContain(ID_NUMBER);
  await expect(residentDetail.getByRole('region', { name: '办理', exact: true }).count()).resolves.toBe(0);
  await shot(rpage, '10-resident-case');
  await timeline.getByRole('listitem').nth(3).scrollIntoViewIfNeeded();
  await shot(rpage, '11-resident-timeline');
  await record.scrollIntoViewIfNeeded();
  await shot(rpage, '12-resident-record');
  await checkPageBasics(resident.context, rpage, 'case timeline (resident)');

  // 我的办件 lists it with its status in words and the due date.
  await rpage.goto(`${stack.url}/#/packages/cases/mine/index`);
  const card = mine.getByRole('button', { name: new RegExp(caseNo) });
  await card.waitFor();
  await expect(card.textContent()).resolves.toContain('办理中');
  await expect(card.textContent()).resolves.toContain(`预计 ${chineseDate(review.due!.dueOn)}前`);
  await shot(rpage, '13-mine-list');

  // 大字模式: the same timeline, large.
  await rpage.goto(`${stack.url}/#/pages/me/index`);
  const elder = taroPage(rpage, '/pages/me/index').getByRole('switch', { name: '大字模式' });
  if ((await elder.getAttribute('aria-checked')) !== 'true') await elder.click();
  await expect(elder.getAttribute('aria-checked')).resolves.toBe('true');
  await rpage.goto(`${stack.url}/#/packages/cases/detail/index?id=${created.id}`);
  await residentDetail.getByRole('region', { name: '办理环节' }).waitFor();
  const bodySize = await residentDetail.getByText(NOTE_2).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(bodySize).toBeGreaterThanOrEqual(18);
  await residentDetail.getByRole('region', { name: '下一步' }).scrollIntoViewIfNeeded();
  await shot(rpage, '14-resident-timeline-elder');
  await resident.context.close();

  // ── 5. WeChat: each step's reminder reached 张桂兰's phone, opening the case ────────────────
  const forCase = (m: DeliveredMessage) => m.templateId === caseTemplate!.templateId && (m.page ?? '').includes(`packages/cases/detail/index?id=${created.id}`);
  await eventually(async () => (await deliveredTo(RESIDENT)).filter(forCase).length, 2, 30_000);
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  const phone = await phoneContext.newPage();
  await phone.goto(`${stack.fakeWechatUrl}/phone?openid=${RESIDENT}`);
  await phone.getByText('低保申请').first().waitFor();
  await phone.screenshot({ path: path.join(SHOTS, 'cases-15-phone.png'), fullPage: true });
  await phoneContext.close();

  // ── 6. 补正 and back: the grid worker asks for two materials by a date, then takes them in ──────
  await staffList.getByRole('button', { name: new RegExp(caseNo) }).click();
  const actions = staffDetail.getByRole('region', { name: '办理', exact: true });
  await actions.getByRole('button', { name: '通知补正' }).click();
  await actions.getByRole('button', { name: '发送补正通知' }).click();
  await expect(actions.locator('#correction-materials-error').textContent()).resolves.toBe('请列出至少 1 项需要补正的材料');
  await expect(actions.locator('#correction-due-error').textContent()).resolves.toBe('请选择补正材料的截止日期');
  await actions.getByLabel('需要补正的材料', { exact: true }).fill('户口簿复印件\n家庭成员收入证明');
  const due = new Date(Date.now() + 8 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
  await actions.getByLabel('截止日期', { exact: true }).fill(due);
  const corrected = page.waitForResponse((r) => /\/api\/cases\/\d+\/correction$/.test(r.url()));
  await actions.getByRole('button', { name: '发送补正通知' }).click();
  expect((await corrected).status()).toBe(200);
  const correctionBox = staffDetail.getByRole('region', { name: '需要补正材料' });
  await correctionBox.waitFor();
  await expect(correctionBox.textContent()).resolves.toContain('家庭成员收入证明');
  await expect(correctionBox.textContent()).resolves.toContain(chineseDate(due));
  await page.waitForTimeout(2600);
  await correctionBox.scrollIntoViewIfNeeded();
  await shot(page, '16-staff-correction');
  const resumed = page.waitForResponse((r) => /\/api\/cases\/\d+\/resume$/.test(r.url()));
  await actions.getByRole('button', { name: '收到补正材料' }).click();
  expect((await resumed).status()).toBe(200);
  await correctionBox.waitFor({ state: 'detached' });
  await staff.context.close();

  // ── 7. A resident with no case yet: the empty state says how to get one, and leads to the claim form ──
  const other = await openAs(OTHER_RESIDENT);
  await other.page.goto(`${stack.url}/#/packages/cases/mine/index`);
  const otherMine = taroPage(other.page, '/packages/cases/mine/index');
  await otherMine.getByText('还没有办件').waitFor();
  await shot(other.page, '19-mine-empty');
  await otherMine.getByRole('button', { name: '认领办件', exact: true }).click();
  await otherMine.getByRole('region', { name: '认领办件' }).getByRole('button', { name: '认领' }).click();
  // Nothing typed: each field says what is missing, nothing is sent.
  await expect(otherMine.locator('#claim-case-no-error').textContent()).resolves.toBe('请填写受理回执上的办件编号');
  await expect(otherMine.locator('#claim-phone-error').textContent()).resolves.toBe('请输入登记手机号的后四位数字');
  await shot(other.page, '20-claim-empty-fields');
  await checkPageBasics(other.context, other.page, 'claim form, errors');
  await other.context.close();

  // ── 8. The reviewer of 马庄街道 refuses it, with the reason, after confirming ─────────────────────
  const reviewer = await openAs(REVIEWER);
  page = reviewer.page;
  await page.goto(`${stack.url}/#/packages/cases/detail/index?id=${created.id}`);
  const reviewerDetail = taroPage(page, '/packages/cases/detail/index');
  const reviewerActions = reviewerDetail.getByRole('region', { name: '办理', exact: true });
  await reviewerActions.getByRole('button', { name: '办结', exact: true }).click();
  await reviewerActions.getByRole('button', { name: '不予办理' }).click();
  await reviewerActions.getByRole('button', { name: '提交办结' }).click();
  await expect(reviewerActions.locator('#finish-reason-error').textContent()).resolves.toBe('不予办理时必须写明理由');
  await reviewerActions.getByLabel('不予办理的理由', { exact: true }).fill(REASON);
  await reviewerActions.getByRole('button', { name: '提交办结' }).click();
  const modal = page.locator('.taro__modal');
  await modal.getByText('确定以“不予办理”办结这件申请吗', { exact: false }).waitFor();
  await shot(page, '17-finish-confirm');
  const finished = page.waitForResponse((r) => /\/api\/cases\/\d+\/finish$/.test(r.url()));
  await modal.locator('.taro-model__confirm').click();
  expect((await finished).status()).toBe(200);
  const result = reviewerDetail.getByRole('region', { name: '办理结果' });
  await result.waitFor();
  await expect(result.textContent()).resolves.toContain('不予办理');
  await expect(result.textContent()).resolves.toContain(REASON);
  await expect(reviewerActions.count()).resolves.toBe(0);
  await page.waitForTimeout(2600);
  await shot(page, '18-finished');
  await checkPageBasics(reviewer.context, page, 'case detail (finished)');
  await reviewer.context.close();

  expect(pageErrors.filter((e) => !expectedErrors.some((re) => re.test(e)))).toEqual([]);
});
