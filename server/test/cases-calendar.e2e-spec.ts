import chineseDays from 'chinese-days';
import type { CalendarDto, CaseDetailDto, CaseSummaryDto, Page } from '@sunboard/shared';
import { Clock } from '../src/common/clock/clock';
import { CaseOverdueJob } from '../src/modules/cases/case-overdue.job';
import { caseWorld, type CaseWorld, openCase } from './support/case-fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { libraryWorkingDaysAfter } from './support/working-days';

/** 10:00 in Beijing on a date. */
const at = (date: string) => `${date}T02:00:00Z`;

describe('cases: working-day deadlines by the holiday calendar, and overdue reminders', () => {
  let t: TestApp;
  let w: CaseWorld;
  let clock: Clock;

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.app.get(Clock);
    clock.set(at('2026-11-26'));
    w = await caseWorld(t, 'ccal');
  });
  afterAll(() => t.close());
  afterEach(() => clock.set(at('2026-11-26')));

  const progress = (id: number, position: number) => t.request<CaseDetailDto>('POST', `/api/cases/${id}/progress`, { token: w.worker.token, body: { position, note: '完成' } });

  it('counts across the 2026 中秋/国庆 holidays and counts the 调休 make-up Saturday, as the calendar says', async () => {
    // The facts the count relies on, read from the calendar library itself.
    expect(chineseDays.isWorkday('2026-10-01')).toBe(false);
    expect(chineseDays.isWorkday('2026-10-07')).toBe(false);
    expect(chineseDays.isWorkday('2026-10-10')).toBe(true); // a Saturday, made up for 国庆
    expect(chineseDays.isWorkday('2026-09-20')).toBe(true); // a Sunday, made up for 国庆
    expect(chineseDays.isWorkday('2026-09-25')).toBe(false); // 中秋

    clock.set(at('2026-09-29'));
    const c = await openCase(t, w, { userId: w.residentA.id });
    // 受理: 3 working days after Tuesday 29 September — 30 Sep, then 8 and 9 October (1–7 are off).
    expect(c.currentStep!.dueOn).toBe(libraryWorkingDaysAfter('2026-09-29', 3));
    expect(c.currentStep!.dueOn).toBe('2026-10-09');
    clock.set(at('2026-10-09'));
    const r = await progress(c.id, 2);
    // 入户调查: 10 working days after Friday 9 October — Saturday the 10th counts (调休), so the 22nd, not the 23rd.
    expect(r.body.currentStep!.dueOn).toBe(libraryWorkingDaysAfter('2026-10-09', 10));
    expect(r.body.currentStep!.dueOn).toBe('2026-10-22');
    expect(r.body.currentStep!.provisional).toBe(false);
    // From 中秋 eve: 24 September + 3 working days skips 25–27 September.
    clock.set(at('2026-09-24'));
    const c2 = await openCase(t, w);
    expect(c2.currentStep!.dueOn).toBe(libraryWorkingDaysAfter('2026-09-24', 3));
    expect(c2.currentStep!.dueOn).toBe('2026-09-30');
  });

  it('a deadline in a year the calendar does not know is provisional; an admin enters the year and it is re-dated', async () => {
    const cal = await t.request<CalendarDto>('GET', '/api/calendar', { query: { from: '2026-12-31', to: '2027-01-04' } });
    expect(cal.body.libraryLastYear).toBe(2026);
    expect(cal.body.days.find((d) => d.date === '2027-01-01')).toMatchObject({ work: true, source: 'estimate' });

    clock.set(at('2026-12-28'));
    const c = await openCase(t, w, { userId: w.residentA.id });
    await progress(c.id, 2);
    const before = (await t.request<CaseDetailDto>('GET', `/api/cases/${c.id}`, { token: w.residentA.token })).body;
    // 入户调查 (10 working days) runs into 2027: weekdays only, flagged.
    expect(before.currentStep).toMatchObject({ dueOn: '2027-01-11', provisional: true });

    // A reviewer may not change the calendar; a district admin may.
    expect((await t.request('PUT', '/api/admin/calendar/days/2027-01-01', { token: w.reviewer.token, body: { work: false, name: '元旦' } })).status).toBe(403);
    let r = await t.request('PUT', '/api/admin/calendar/days/2027-02-30', { token: w.admin.token, body: { work: false, name: '元旦' } });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('date');
    r = await t.request('PUT', '/api/admin/calendar/days/2027-01-01', { token: w.admin.token, body: { work: 'no', name: '元旦' } });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('work');
    r = await t.request<CalendarDto>('PUT', '/api/admin/calendar/days/2027-01-01', { token: w.admin.token, body: { work: false, name: '元旦' } });
    expect(r.status).toBe(200);
    expect(r.body.days[0]).toMatchObject({ date: '2027-01-01', work: false, source: 'override' });
    r = await t.request('PUT', '/api/admin/calendar/years/2027', { token: w.admin.token, body: { confirmed: true } });
    expect(r.status).toBe(200);
    try {
      const pass = await t.app.get(CaseOverdueJob).runOnce();
      expect(pass.redated).toBeGreaterThanOrEqual(1);
      const after = (await t.request<CaseDetailDto>('GET', `/api/cases/${c.id}`, { token: w.residentA.token })).body;
      expect(after.currentStep).toMatchObject({ dueOn: '2027-01-12', provisional: false });
    } finally {
      await t.request('DELETE', '/api/admin/calendar/days/2027-01-01', { token: w.admin.token });
      await t.request('PUT', '/api/admin/calendar/years/2027', { token: w.admin.token, body: { confirmed: false } });
    }
  });

  it('an overdue step shows in the staff list and reminds the responsible staff once per working day until it moves', async () => {
    clock.set(at('2026-11-26'));
    const c = await openCase(t, w, { userId: w.residentA.id });
    const due = c.currentStep!.dueOn; // 受理 (grid worker), 3 working days
    const job = t.app.get(CaseOverdueJob);
    const overdueMessages = async (userId: number) =>
      (await t.db.query("SELECT title, body FROM inbox_item WHERE user_id = ? AND type = 'case_overdue' AND body LIKE ?", [userId, `%${c.caseNo}%`])) as Array<{ title: string; body: string }>;

    clock.set(at(due)); // the last day: not yet overdue
    await job.runOnce();
    expect(await overdueMessages(w.worker.id)).toHaveLength(0);

    const nextWorkday = libraryWorkingDaysAfter(due, 1);
    clock.set(at(nextWorkday));
    const list = await t.request<Page<CaseSummaryDto>>('GET', '/api/staff/cases', { token: w.worker.token, query: { overdue: true } });
    const row = list.body.items.find((x) => x.id === c.id)!;
    expect(row.currentStep).toMatchObject({ overdue: true, overdueDays: 1 });
    await job.runOnce();
    await job.runOnce(); // the same day again: nothing more
    const first = await overdueMessages(w.worker.id);
    expect(first).toHaveLength(1);
    expect(first[0].title).toBe('办件超期：低保申请「受理」');
    expect(first[0].body).toContain('已超期 1 个工作日');
    // Both grid workers of 光明社区 hold the step's role there; the reviewer above them is not bothered.
    expect(await overdueMessages(w.colleague.id)).toHaveLength(1);
    expect(await overdueMessages(w.reviewer.id)).toHaveLength(0);
    expect(await overdueMessages(w.outsider.id)).toHaveLength(0);
    // The resident sees the step late too, but gets no overdue reminder.
    const mine = await t.request<Page<CaseSummaryDto>>('GET', '/api/cases/mine', { token: w.residentA.token });
    expect(mine.body.items.find((x) => x.id === c.id)!.currentStep!.overdue).toBe(true);

    // The next working day: once more. A weekend day in between: nothing.
    let day = nextWorkday;
    let nonWork: string | null = null;
    for (let i = 1; i < 10 && !nonWork; i++) {
      const d = new Date(`${day}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + i);
      const s = d.toISOString().slice(0, 10);
      if (!chineseDays.isWorkday(s)) nonWork = s;
    }
    clock.set(at(nonWork!));
    await job.runOnce();
    expect(await overdueMessages(w.worker.id)).toHaveLength(1);
    day = libraryWorkingDaysAfter(nonWork!, 1);
    clock.set(at(day));
    await job.runOnce();
    expect(await overdueMessages(w.worker.id)).toHaveLength(2);

    // Once it moves, the reminders stop and it leaves the overdue list.
    await progress(c.id, 2);
    clock.set(at(libraryWorkingDaysAfter(day, 1)));
    await job.runOnce();
    expect(await overdueMessages(w.worker.id)).toHaveLength(2);
    const after = await t.request<Page<CaseSummaryDto>>('GET', '/api/staff/cases', { token: w.worker.token, query: { overdue: true } });
    expect(after.body.items.map((x) => x.id)).not.toContain(c.id);
  });

  it('the calendar answers bad queries with 400s naming the field', async () => {
    expect((await t.request('GET', '/api/calendar', { query: { from: '2026-13-01', to: '2026-12-01' } })).body.details[0].path).toBe('from');
    expect((await t.request('GET', '/api/calendar', { query: { from: '2026-12-01', to: '2026-11-01' } })).body.details[0].path).toBe('to');
    expect((await t.request('GET', '/api/calendar', { query: { from: '2020-01-01', to: '2026-11-01' } })).status).toBe(400);
    expect((await t.request('PUT', '/api/admin/calendar/years/1999', { token: w.admin.token, body: { confirmed: true } })).body.details[0].path).toBe('year');
  });
});
