import type { RegionRefDto, StaffNoticeCardDto } from '@sunboard/shared';
import type { NoticeWorkflowState } from './notice-workflow.entity';
import type { Notice } from './notice.entity';
import { toNoticeCardDto } from './notice.mapper';

export interface PersonRef {
  id: number;
  displayName: string;
}

export function toStaffNoticeCardDto(
  n: Notice,
  regions: Map<number, RegionRefDto>,
  people: Map<number, PersonRef>,
  state: NoticeWorkflowState | null,
): StaffNoticeCardDto {
  return {
    ...toNoticeCardDto(n, regions),
    version: n.version ?? 1,
    corrected: (n.version ?? 1) > 1,
    author: n.authorId === null ? null : (people.get(n.authorId) ?? { id: n.authorId, displayName: '' }),
    rejectionReason: state?.rejectionReason ?? null,
    hasPendingRevision: !!state?.revision,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}
