import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One published version of a notice: `snapshot` is its content as it went live (JSON, see
 * notice-content.ts). Version 1 is written on approval, each correction adds the next; the rows are
 * never changed, so earlier versions stay readable after a correction.
 */
@Entity({ name: 'notice_version' })
export class NoticeVersion {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'notice_id', type: 'integer' })
  noticeId: number;

  @Column({ name: 'version', type: 'integer' })
  version: number;

  @Column({ name: 'snapshot', type: 'text' })
  snapshot: string;

  /** Who wrote this version's content (the drafter for version 1, the corrector after). */
  @Column({ name: 'author_id', type: 'integer', nullable: true })
  authorId: number | null;

  /** When this version went live. */
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
