import type { NoticeStatus } from '@sunboard/shared';
import { AppError } from '../../common/errors/app-error';

/**
 * The review workflow: draft → pending_review → published → withdrawn | expired. A published notice
 * can be corrected (a new version) and, when a grid worker corrected it, carries a revision that a
 * reviewer approves or rejects. Anything else is 409 INVALID_TRANSITION with a message saying why.
 */
export type WorkflowStep = 'edit' | 'submit' | 'approve' | 'reject' | 'withdraw';

const REFUSALS: Record<WorkflowStep, Partial<Record<NoticeStatus, string>>> = {
  edit: {
    pending_review: '公告正在审核中，不能修改；如需修改，请审核人先退回',
    withdrawn: '公告已撤回，不能再修改',
    expired: '公示期已满，公告不能再修改',
  },
  submit: {
    pending_review: '公告已提交审核，请等待审核结果',
    published: '公告已发布，无需再次提交；如需更正请直接修改',
    withdrawn: '公告已撤回，不能提交审核',
    expired: '公示期已满，不能提交审核',
  },
  approve: {
    draft: '公告还是草稿，作者提交审核后才能审核',
    published: '公告已发布，没有待审核的更正',
    withdrawn: '公告已撤回，不能审核',
    expired: '公示期已满，不能审核',
  },
  reject: {
    draft: '公告还是草稿，作者提交审核后才能退回',
    published: '公告已发布，没有待审核的更正',
    withdrawn: '公告已撤回，不能退回',
    expired: '公示期已满，不能退回',
  },
  withdraw: {
    draft: '公告尚未发布，无需撤回',
    pending_review: '公告尚未发布，如不同意发布请退回',
    withdrawn: '公告已经撤回',
    expired: '公示期已满，公告已不再展示',
  },
};

/** Throws 409 unless `step` is allowed from `status` (`hasRevision`: a correction waits for review). */
export function assertStep(step: WorkflowStep, status: NoticeStatus, hasRevision = false): void {
  if (allowed(step, status, hasRevision)) return;
  throw new AppError('INVALID_TRANSITION', REFUSALS[step][status] ?? '公告当前的状态不允许这样操作');
}

export function allowed(step: WorkflowStep, status: NoticeStatus, hasRevision = false): boolean {
  switch (step) {
    case 'edit':
      return status === 'draft' || status === 'published';
    case 'submit':
      return status === 'draft';
    case 'approve':
    case 'reject':
      return status === 'pending_review' || (status === 'published' && hasRevision);
    case 'withdraw':
      return status === 'published';
  }
}
