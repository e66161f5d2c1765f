import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NoticeTableColumnDto } from '@sunboard/shared';
import { jsonText } from './json-text';

/**
 * A 公示 list imported from xlsx, already masked: the raw file is never stored. Unattached
 * (`noticeId` null) it is visible to its owner only.
 */
@Entity({ name: 'notice_table' })
export class NoticeTable {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'owner_id', type: 'integer' })
  ownerId: number;

  @Column({ name: 'notice_id', type: 'integer', nullable: true })
  noticeId: number | null;

  @Column({ name: 'title', type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ name: 'columns', type: 'text', transformer: jsonText<NoticeTableColumnDto[]>([]) })
  columns: NoticeTableColumnDto[];

  @Column({ name: 'rows', type: 'text', transformer: jsonText<string[][]>([]) })
  rows: string[][];

  @Column({ name: 'row_count', type: 'integer' })
  rowCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
