import type { NoticeTableDto } from '@sunboard/shared';
import type { NoticeTable } from './notice-table.entity';

export function toNoticeTableDto(t: NoticeTable): NoticeTableDto {
  return {
    id: t.id,
    title: t.title,
    columns: t.columns,
    rows: t.rows,
    rowCount: Number(t.rowCount),
    createdAt: t.createdAt.toISOString(),
  };
}
