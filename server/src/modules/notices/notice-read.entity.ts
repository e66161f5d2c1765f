import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's first view of a notice (知晓率). One row per (notice, user); later views change nothing. */
@Entity({ name: 'notice_read' })
export class NoticeRead {
  @PrimaryColumn({ name: 'notice_id', type: 'integer' })
  noticeId: number;

  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'first_read_at', type: 'datetime', precision: 3 })
  firstReadAt: Date;
}
