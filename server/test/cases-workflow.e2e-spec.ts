import type { AuditEntryDto, CaseDetailDto, CaseSummaryDto, Page } from '@sunboard/shared';
import { Clock } from '../src/common/clock/clock';
import { DispatcherService } from '../src/modules/push/dispatcher/dispatcher.service';
import { makeNotice } from './factories/notices';
import { APPLICANT, caseWorld, type CaseReply, type CaseWorld, openCase } from './support/case-fixtures';
import { driverFor, FAST_DISPATCH_ENV } from './support/dispatcher-fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { libraryWorkingDaysAfter } from './support/working-days';

/** Thursday 26 November 2026, 10:00 in Beijing. */
const NOW = '2026-11-26T02:00:00Z';

describe('cases: the workflow from opening to the result', () => {
  let t: TestApp;
  let w: CaseWorld;

  beforeAll(async () => {
    t = await startTestApp({ env: FAST_DISPATCH_ENV });
    t.app.get(Clock).set(NOW);
    w = await caseWorld(t, 'cwf');
  });
  afterAll(() => t.close());

  const post = (id: number, action: string, token: string, body: unknown) => t.request<CaseReply>('POST', `/api/cases/${id}/${action}`, { token, body });

  it('seeds the six case types with their steps, limits and what to prepare', async () => {
    expect(w.types.map((x) => x.name)).toEqual(['低保申请', '特困供养', '临时救助', '高龄津贴', '残疾人两项补贴', '耕地地力保护补贴']);
    expect(w.dibao.steps.map((s) => s.name)).toEqual(['申请', '受理', '入户调查', '民主评议', '公示', '审批', '发放']);
    expect(w.dibao.steps.find((s) => s.name === '公示')).toMatchObject({ publicity: true, role: 'reviewer' });
    for (const type of w.types) for (const s of type.steps) expect(s.limitDays).toBeGreaterThan(0);
    expect(w.dibao.steps[0].prepare).toContain('身份证');
  });

  it('opens a case linked to the resident: step 1 received, step 2 due in working days; the applicant is told', async () => {
    const c = await openCase(t, w, { userId: w.residentA.id });
    expect(c.caseNo).toMatch(/^SB20261126[2-9A-HJ-NP-Z]{6}$/);
    expect(c).toMatchObject({ status: 'open', typeName: '低保申请', region: { name: '光明社区' }, canManage: true });
    expect(c.applicant).toEqual({ name: APPLICANT.name, idNumberMasked: '41**************34', phoneMasked: '139****5678', linked: true });
    expect(c.steps.map((s) => s.state)).toEqual(['done', 'active', 'pending', 'pending', 'pending', 'pending', 'pending']);
    expect(c.currentStep).toMatchObject({ position: 2, name: '受理', dueOn: libraryWorkingDaysAfter('2026-11-26', 3), overdue: false, provisional: false });
    expect(c.nextStep).toMatchObject({ name: '入户调查', expectedOn: libraryWorkingDaysAfter(libraryWorkingDaysAfter('2026-11-26', 3), 10) });
    expect(c.events[0]).toMatchObject({ type: 'opened', stepName: '申请', note: '窗口受理，材料齐全' });

    const mine = await t.request<Page<CaseSummaryDto>>('GET', '/api/cases/mine', { token: w.residentA.token });
    expect(mine.body.items.map((x) => x.id)).toContain(c.id);
    const inbox = await t.request('GET', '/api/inbox', { token: w.residentA.token });
    expect(inbox.body.items[0]).toMatchObject({ type: 'case_progress', title: '低保申请已受理', page: `packages/cases/detail/index?id=${c.id}` });
    expect(inbox.body.items[0].body).toContain(c.caseNo);
    expect(inbox.body.items[0].body).toContain(`下一步「受理」，预计2026年${Number(c.currentStep!.dueOn.slice(5, 7))}月${Number(c.currentStep!.dueOn.slice(8, 10))}日前完成`);
  });

  it('moves step by step; each change reaches the resident at the fake WeChat, saying what to prepare next', async () => {
    const driver = driverFor(t);
    const openid = 'o_cwf_residentA';
    await driver.markLongTerm('TPL_CASE_PROGRESS');
    await driver.grantLongTerm(openid, 'TPL_CASE_PROGRESS');
    expect((await t.request('POST', '/api/subscriptions/credits', { token: w.residentA.token, body: { results: { TPL_CASE_PROGRESS: 'accept' } } })).status).toBeLessThan(300);
    await driver.clearMessages();
    await t.db.query('DELETE FROM push_outbox');

    const c = await openCase(t, w, { userId: w.residentA.id });
    let r = await post(c.id, 'progress', w.worker.token, { position: 2, note: '材料齐全，予以受理' });
    expect(r.status).toBe(200);
    expect(r.body.steps.map((s) => s.state).slice(0, 3)).toEqual(['done', 'done', 'active']);
    expect(r.body.currentStep).toMatchObject({ position: 3, name: '入户调查' });
    r = await post(c.id, 'progress', w.worker.token, { position: 3, note: '已入户核实家庭情况' });
    expect(r.body.currentStep).toMatchObject({ position: 4, name: '民主评议' });
    expect(r.body.events.map((e) => e.type)).toEqual(['progress', 'progress', 'opened']);

    await t.app.get(DispatcherService).dispatcher.drain({ timeoutMs: 20_000 });
    const delivered = await driver.messages(openid);
    // One message per event: opened, 受理 done, 入户调查 done. (Compared as a set: on a loaded machine the
    // dispatcher has been seen to send one row twice — a dispatcher matter noted on issue 8, not a case one.)
    expect([...new Set(delivered.map((m) => `${m.data.phrase2.value}|${m.data.thing4.value}`))].sort()).toEqual(
      ['已受理|下一步受理', '受理|下一步入户调查', '入户调查|下一步民主评议'].sort(),
    );
    const rows: Array<{ status: string }> = await t.db.query("SELECT status FROM push_outbox WHERE message_type = 'case_progress'");
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(delivered.every((m) => m.templateId === 'TPL_CASE_PROGRESS')).toBe(true);
    expect(delivered.every((m) => m.page === `packages/cases/detail/index?id=${c.id}`)).toBe(true);
    const inbox = await t.request('GET', '/api/inbox', { token: w.residentA.token });
    const progress = inbox.body.items.find((i: { title: string }) => i.title === '低保申请：「受理」已完成');
    expect(progress.body).toContain('下一步「入户调查」');
    expect(progress.body).toContain('请在家配合');
  });

  it('refuses an unknown step, another step than the active one, and a step that needs a reviewer — changing nothing', async () => {
    const c = await openCase(t, w, { userId: w.residentA.id });
    const before = (await t.request<CaseDetailDto>('GET', `/api/cases/${c.id}`, { token: w.worker.token })).body;
    let r = await post(c.id, 'progress', w.worker.token, { position: 99, note: '不存在的环节' });
    expect(r.status).toBe(400);
    expect(r.body.details[0]).toMatchObject({ path: 'position' });
    r = await post(c.id, 'progress', w.worker.token, { position: 5, note: '跳过中间环节' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('CASE_STEP_MISMATCH');
    r = await post(c.id, 'progress', w.worker.token, { position: 2, note: '' });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('note');
    await post(c.id, 'progress', w.worker.token, { position: 2, note: '受理' });
    await post(c.id, 'progress', w.worker.token, { position: 3, note: '入户调查完成' });
    r = await post(c.id, 'progress', w.worker.token, { position: 4, note: '网格员不能代替民主评议' });
    expect(r.status).toBe(403);
    r = await post(c.id, 'progress', w.reviewer.token, { position: 4, note: '民主评议通过' });
    expect(r.status).toBe(200);
    const after = (await t.request<CaseDetailDto>('GET', `/api/cases/${c.id}`, { token: w.worker.token })).body;
    expect(after.events).toHaveLength(before.events.length + 3);
  });

  it('a note without completing keeps the step; a 公示 step links its published 公示 notice', async () => {
    const c = await openCase(t, w, { userId: w.residentA.id });
    let r = await post(c.id, 'progress', w.worker.token, { position: 2, note: '已电话联系申请人', complete: false });
    expect(r.body.currentStep).toMatchObject({ position: 2 });
    expect(r.body.events[0]).toMatchObject({ type: 'note', note: '已电话联系申请人' });
    for (const [pos, token] of [[2, w.worker.token], [3, w.worker.token], [4, w.reviewer.token]] as const) await post(c.id, 'progress', token, { position: pos, note: '完成' });
    const notice = await makeNotice(t.db, { regionId: w.tree.communityA1.id, kind: 'publicity', status: 'published', title: '光明社区2026年12月低保拟保障对象公示' });
    const draft = await makeNotice(t.db, { regionId: w.tree.communityA1.id, kind: 'publicity', status: 'draft' });
    const other = await makeNotice(t.db, { regionId: w.tree.communityB1.id, kind: 'publicity', status: 'published' });
    const plain = await makeNotice(t.db, { regionId: w.tree.communityA1.id, kind: 'notice', status: 'published' });
    for (const bad of [draft.id, other.id, plain.id, 999999]) {
      r = await post(c.id, 'progress', w.reviewer.token, { position: 5, note: '公示', noticeId: bad });
      expect(r.status).toBe(400);
      expect(r.body.details[0].path).toBe('noticeId');
    }
    r = await post(c.id, 'progress', w.reviewer.token, { position: 5, note: '公示期满无异议', noticeId: notice.id });
    expect(r.status).toBe(200);
    expect(r.body.steps[4]).toMatchObject({ name: '公示', state: 'done', notice: { id: notice.id, title: '光明社区2026年12月低保拟保障对象公示' } });
    const resident = await t.request<CaseDetailDto>('GET', `/api/cases/${c.id}`, { token: w.residentA.token });
    expect(resident.body.steps[4].notice).toEqual({ id: notice.id, title: notice.title });
  });

  it('补正: sent back with the missing materials and a deadline; the clock pauses and restarts when they arrive', async () => {
    const c = await openCase(t, w, { userId: w.residentA.id });
    let r = await post(c.id, 'correction', w.worker.token, { materials: ['户口簿'], dueOn: '2026-11-26' });
    expect(r.status).toBe(400);
    expect(r.body.details[0]).toMatchObject({ path: 'dueOn' });
    r = await post(c.id, 'correction', w.worker.token, { materials: [], dueOn: '2026-12-03' });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('materials');
    r = await post(c.id, 'correction', w.worker.token, { materials: ['户口簿', '收入证明'], dueOn: '2026-12-03', note: '请补齐后交网格员' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'correction', correction: { materials: ['户口簿', '收入证明'], dueOn: '2026-12-03' } });
    expect(r.body.currentStep).toMatchObject({ overdue: false });
    r = await post(c.id, 'progress', w.worker.token, { position: 2, note: '不能在补正期间完成' });
    expect(r.status).toBe(409);
    const inbox = await t.request('GET', '/api/inbox', { token: w.residentA.token });
    expect(inbox.body.items[0]).toMatchObject({ title: '低保申请需要补正材料' });
    expect(inbox.body.items[0].body).toContain('户口簿、收入证明');

    t.app.get(Clock).set('2026-12-01T02:00:00Z'); // the materials arrive on Tuesday
    try {
      r = await post(c.id, 'resume', w.worker.token, { note: '材料已补齐' });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('open');
      expect(r.body.correction).toBeNull();
      expect(r.body.currentStep).toMatchObject({ position: 2, dueOn: libraryWorkingDaysAfter('2026-12-01', 3) });
      r = await post(c.id, 'resume', w.worker.token, {});
      expect(r.status).toBe(409);
    } finally {
      t.app.get(Clock).set(NOW);
    }
  });

  it('finishes with a result: reviewers only, a refusal needs a reason, nothing moves afterwards', async () => {
    const c = await openCase(t, w, { userId: w.residentA.id });
    let r = await post(c.id, 'finish', w.worker.token, { result: 'approved' });
    expect(r.status).toBe(403);
    r = await post(c.id, 'finish', w.reviewer.token, { result: 'rejected' });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('reason');
    r = await post(c.id, 'finish', w.reviewer.token, { result: 'maybe' });
    expect(r.status).toBe(400);
    r = await post(c.id, 'finish', w.reviewer.token, { result: 'rejected', reason: '家庭人均收入高于当地低保标准' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'finished', result: 'rejected', resultReason: '家庭人均收入高于当地低保标准', currentStep: null, nextStep: null });
    expect(r.body.steps.map((s) => s.state)).toEqual(['done', 'stopped', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    for (const [action, body] of [
      ['progress', { position: 2, note: '已办结后不能再办理' }],
      ['correction', { materials: ['户口簿'], dueOn: '2026-12-10' }],
      ['finish', { result: 'approved' }],
    ] as const) {
      r = await post(c.id, action, w.reviewer.token, body);
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('CASE_FINISHED');
    }
    const inbox = await t.request('GET', '/api/inbox', { token: w.residentA.token });
    expect(inbox.body.items[0].title).toBe('低保申请已办结：不予办理');
    expect(inbox.body.items[0].body).toContain('家庭人均收入高于当地低保标准');
  });

  it('writes every change to the register, readable by staff covering the case only', async () => {
    const c = await openCase(t, w, { userId: w.residentA.id });
    await post(c.id, 'progress', w.worker.token, { position: 2, note: '受理' });
    await post(c.id, 'correction', w.worker.token, { materials: ['户口簿'], dueOn: '2026-12-10' });
    await post(c.id, 'resume', w.worker.token, {});
    await post(c.id, 'finish', w.reviewer.token, { result: 'approved' });
    const audit = await t.request<Page<AuditEntryDto>>('GET', '/api/audit', { token: w.reviewer.token, query: { targetType: 'case', targetId: c.id } });
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e) => e.action)).toEqual(['case_open', 'case_progress', 'case_correction', 'case_resume', 'case_finish']);
    expect(JSON.stringify(audit.body)).not.toContain(APPLICANT.phone);
    expect((await t.request('GET', '/api/audit', { token: w.outsider.token, query: { targetType: 'case', targetId: c.id } })).status).toBe(403);
  });

  it('a template change applies to new cases only: open ones keep their steps', async () => {
    const open = await openCase(t, w, { userId: w.residentA.id });
    const steps = w.dibao.steps.map(({ name, role, limitDays, prepare, publicity }) => ({ name, role, limitDays, prepare, publicity }));
    const changed = [...steps.slice(0, 2), { name: '联合审查', role: 'reviewer', limitDays: 4, prepare: '', publicity: false }, ...steps.slice(2)];
    const body = { name: '低保申请', domain: 'social_assistance', description: w.dibao.description, steps: changed };
    expect((await t.request('PUT', `/api/admin/case-types/${w.dibao.id}`, { token: w.reviewer.token, body })).status).toBe(403);
    let r = await t.request('PUT', `/api/admin/case-types/${w.dibao.id}`, { token: w.admin.token, body: { ...body, steps: [steps[0]] } });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('steps');
    r = await t.request('PUT', `/api/admin/case-types/${w.dibao.id}`, { token: w.admin.token, body: { ...body, steps: [{ ...steps[0], limitDays: 0 }, steps[1]] } });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('steps.0.limitDays');
    r = await t.request('PUT', `/api/admin/case-types/${w.dibao.id}`, { token: w.admin.token, body });
    expect(r.status).toBe(200);
    expect(r.body.steps).toHaveLength(8);
    try {
      const still = await t.request<CaseDetailDto>('GET', `/api/cases/${open.id}`, { token: w.worker.token });
      expect(still.body.steps.map((s) => s.name)).toEqual(['申请', '受理', '入户调查', '民主评议', '公示', '审批', '发放']);
      const fresh = await openCase(t, w, { userId: w.residentA.id });
      expect(fresh.steps.map((s) => s.name)).toContain('联合审查');
    } finally {
      await t.request('PUT', `/api/admin/case-types/${w.dibao.id}`, { token: w.admin.token, body: { ...body, steps } });
    }
  });

  it('stores the applicant ID and phone encrypted, and shows them masked', async () => {
    const c = await openCase(t, w, { userId: w.residentA.id });
    const [row] = await t.db.query('SELECT * FROM service_case WHERE id = ?', [c.id]);
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(APPLICANT.phone);
    expect(raw).not.toContain(APPLICANT.idNumber);
    expect(String(row.applicant_phone_enc)).toMatch(/^v1\./);
    const staffView = await t.request('GET', `/api/cases/${c.id}`, { token: w.worker.token });
    expect(JSON.stringify(staffView.body)).not.toContain(APPLICANT.phone);
    expect(staffView.body.applicant.phoneMasked).toBe('139****5678');
  });

  it('bad input when opening: clear 400s naming the field, nothing stored', async () => {
    const count = async () => Number((await t.db.query('SELECT COUNT(*) AS n FROM service_case'))[0].n);
    const before = await count();
    const cases: Array<[unknown, string]> = [
      [{ caseTypeId: w.dibao.id, regionId: w.tree.communityA1.id, applicant: { name: '王秀兰', phone: '12345' } }, 'applicant.phone'],
      [{ caseTypeId: w.dibao.id, regionId: w.tree.communityA1.id, applicant: { name: '', phone: APPLICANT.phone } }, 'applicant.name'],
      [{ caseTypeId: w.dibao.id, regionId: w.tree.communityA1.id, applicant: { name: '王秀兰', phone: APPLICANT.phone, idNumber: '123' } }, 'applicant.idNumber'],
      [{ caseTypeId: 99999, regionId: w.tree.communityA1.id, applicant: { name: '王秀兰', phone: APPLICANT.phone } }, 'caseTypeId'],
      [{ caseTypeId: w.dibao.id, regionId: w.tree.communityA1.id, applicant: { name: '王秀兰', phone: APPLICANT.phone, userId: 99999 } }, 'applicant.userId'],
    ];
    for (const [body, path] of cases) {
      const r = await t.request('POST', '/api/cases', { token: w.worker.token, body });
      expect(r.status).toBe(400);
      expect(r.body.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(await count()).toBe(before);
  });
});
