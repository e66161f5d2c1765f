import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Review state of a notice that is not its content: the reason it was last sent back or withdrawn,
 * and a grid worker's correction of a published notice waiting for a reviewer (`revision`: the PATCH
 * fields, JSON). At most one row per notice, created when first needed.
 */
@Entity({ name: 'notice_workflow' })
export class NoticeWorkflowState {
  @PrimaryColumn({ name: 'notice_id', type: 'integer' })
  noticeId: number;

  @Column({ name: 'rejection_reason', type: 'varchar', length: 500, nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'withdrawal_reason', type: 'varchar', length: 500, nullable: true })
  withdrawalReason: string | null;

  @Column({ name: 'revision', type: 'text', nullable: true })
  revision: string | null;

  @Column({ name: 'revision_author_id', type: 'integer', nullable: true })
  revisionAuthorId: number | null;

  @Column({ name: 'revision_at', type: 'datetime', precision: 3, nullable: true })
  revisionAt: Date | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
