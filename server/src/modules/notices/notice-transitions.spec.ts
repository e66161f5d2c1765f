import { NOTICE_STATUSES } from '@sunboard/shared';
import { allowed, assertStep, type WorkflowStep } from './notice-transitions';

describe('notice workflow transitions', () => {
  it('allows exactly the steps of draft → pending_review → published → withdrawn | expired', () => {
    const table = Object.fromEntries(
      (['edit', 'submit', 'approve', 'reject', 'withdraw'] as WorkflowStep[]).map((step) => [step, NOTICE_STATUSES.filter((s) => allowed(step, s))]),
    );
    expect(table).toEqual({
      edit: ['draft', 'published'],
      submit: ['draft'],
      approve: ['pending_review'],
      reject: ['pending_review'],
      withdraw: ['published'],
    });
    expect(allowed('approve', 'published', true)).toBe(true);
    expect(allowed('reject', 'published', true)).toBe(true);
  });

  it('refuses the rest with 409 and a Chinese reason', () => {
    expect(() => assertStep('approve', 'draft')).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION', status: 409, message: '公告还是草稿，作者提交审核后才能审核' }));
    expect(() => assertStep('withdraw', 'withdrawn')).toThrow(expect.objectContaining({ status: 409, message: '公告已经撤回' }));
    expect(() => assertStep('submit', 'draft')).not.toThrow();
  });
});
