import type { CaseStepDto } from '@sunboard/shared';
import {
  caseStatusBadge,
  currentStepLine,
  dueText,
  eventTitle,
  formatDay,
  materialsFromText,
  overdueText,
  prepareLines,
  roleReaches,
  spacedCaseNo,
  stepDueLine,
  stepDateLines,
  stepStateText,
  stepTone,
} from './cases';

const step = (over: Partial<CaseStepDto>): CaseStepDto => ({
  position: 3,
  name: '入户调查',
  role: 'grid_worker',
  limitDays: 5,
  prepare: '',
  publicity: false,
  state: 'pending',
  startedAt: null,
  completedAt: null,
  due: null,
  notice: null,
  ...over,
});

describe('due dates', () => {
  it('says the working-day due date as a Chinese date', () => {
    expect(formatDay('2026-10-09')).toBe('2026年10月9日');
    expect(formatDay('')).toBe('');
    expect(dueText({ dueOn: '2026-10-09', provisional: false })).toBe('预计 2026年10月9日前');
    expect(dueText({ dueOn: '2027-01-08', provisional: true })).toBe('预计 2027年1月8日前（估算）');
    expect(dueText(null)).toBe('');
    expect(stepDueLine({ dueOn: '2026-12-03', provisional: false, overdue: false })).toBe('本环节预计 2026年12月3日前办结');
    expect(stepDueLine({ dueOn: '2026-11-23', provisional: false, overdue: true })).toBe('本环节应于 2026年11月23日前办结');
  });
  it('says overdue in words', () => {
    expect(overdueText({ overdue: true, overdueDays: 3 })).toBe('已超期 3 个工作日');
    expect(overdueText({ overdue: true, overdueDays: 0 })).toBe('已超期');
    expect(overdueText({ overdue: false, overdueDays: 0 })).toBe('');
    expect(overdueText(null)).toBe('');
  });
});

describe('status and state labels', () => {
  it('names the status and the result', () => {
    expect(caseStatusBadge({ status: 'open', result: null })).toEqual({ text: '办理中', tone: 'info' });
    expect(caseStatusBadge({ status: 'correction', result: null })).toEqual({ text: '待补正', tone: 'warn' });
    expect(caseStatusBadge({ status: 'finished', result: 'approved' })).toEqual({ text: '已办结·准予办理', tone: 'ok' });
    expect(caseStatusBadge({ status: 'finished', result: 'rejected' })).toEqual({ text: '已办结·不予办理', tone: 'muted' });
  });
  it('names each step state, and an overdue active step', () => {
    expect(stepStateText(step({ state: 'done' }))).toBe('已完成');
    expect(stepStateText(step({ state: 'pending' }))).toBe('未开始');
    const late = step({ state: 'active', due: { dueOn: '2026-11-20', provisional: false, overdue: true, overdueDays: 4 } });
    expect(stepStateText(late)).toBe('办理中·已超期 4 个工作日');
    expect(stepTone(late)).toBe('urgent');
    expect(stepTone(step({ state: 'active', due: { dueOn: '2026-12-20', provisional: false, overdue: false, overdueDays: 0 } }))).toBe('info');
    expect(stepTone(step({ state: 'done' }))).toBe('ok');
    expect(stepTone(step({ state: 'skipped' }))).toBe('muted');
  });
  it('lists the dates of a step in China time', () => {
    const active = step({ state: 'active', startedAt: '2026-09-29T16:30:00Z', due: { dueOn: '2026-10-13', provisional: false, overdue: false, overdueDays: 0 } });
    expect(stepDateLines(active)).toEqual(['开始：2026年9月30日', '时限：5 个工作日', '办结期限：预计 2026年10月13日前']);
    const done = step({ state: 'done', startedAt: '2026-11-02T01:00:00Z', completedAt: '2026-11-04T01:00:00Z' });
    expect(stepDateLines(done)).toEqual(['开始：2026年11月2日', '完成：2026年11月4日', '时限：5 个工作日']);
    expect(stepDateLines(step({ state: 'stopped', startedAt: '2026-11-02T01:00:00Z', completedAt: '2026-11-04T01:00:00Z' }))[1]).toBe('终止：2026年11月4日');
  });
  it('titles an event with its step', () => {
    expect(eventTitle({ type: 'progress', stepName: '受理' })).toBe('环节办结：受理');
    expect(eventTitle({ type: 'opened', stepName: '申请' })).toBe('登记受理');
    expect(eventTitle({ type: 'finished', stepName: null })).toBe('办结');
  });
  it('says where a case stands in a list', () => {
    expect(currentStepLine({ status: 'open', currentStep: { position: 3, name: '入户调查' }, stepCount: 7, finishedAt: null })).toBe('当前环节：入户调查（第 3 步，共 7 步）');
    expect(currentStepLine({ status: 'finished', currentStep: null, stepCount: 7, finishedAt: '2026-11-26T02:00:00Z' })).toBe('办结于 2026年11月26日');
  });
});

describe('text helpers', () => {
  it('splits what to prepare and the 补正 materials', () => {
    expect(prepareLines('身份证\n户口簿；收入证明;  ')).toEqual(['身份证', '户口簿', '收入证明']);
    expect(prepareLines('')).toEqual([]);
    expect(materialsFromText('户口簿\n收入证明、户口簿，\n\n 银行卡 ')).toEqual(['户口簿', '收入证明', '银行卡']);
  });
  it('spaces a case number for reading', () => {
    expect(spacedCaseNo('SB20261126ABC234')).toBe('SB 20261126 ABC234');
    expect(spacedCaseNo('x')).toBe('x');
  });
});

describe('roleReaches', () => {
  it('ranks grid worker < reviewer < admin', () => {
    expect(roleReaches([{ role: 'grid_worker' }], 'grid_worker')).toBe(true);
    expect(roleReaches([{ role: 'grid_worker' }], 'reviewer')).toBe(false);
    expect(roleReaches([{ role: 'grid_worker' }, { role: 'reviewer' }], 'reviewer')).toBe(true);
    expect(roleReaches([{ role: 'reviewer' }], 'admin')).toBe(false);
    expect(roleReaches([], 'grid_worker')).toBe(false);
  });
});
