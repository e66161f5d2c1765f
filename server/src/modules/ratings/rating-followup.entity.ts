import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AppealStatus, FollowupOutcome, FollowupStatus } from '@sunboard/shared';

/**
 * The follow-up of one 差评: open → replied → closed (or closed straight from open when the rating
 * turns good or an appeal is upheld). Owned by the rating's region; `escalatedToRegionId` is the
 * region above once it went overdue.
 */
@Entity({ name: 'rating_followup' })
export class RatingFollowup {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'rating_id', type: 'integer', unique: true })
  ratingId!: number;

  @Column({ name: 'region_id', type: 'integer' })
  regionId!: number;

  @Column({ name: 'status', type: 'varchar', length: 12 })
  status!: FollowupStatus;

  @Column({ name: 'outcome', type: 'varchar', length: 16, nullable: true })
  outcome!: FollowupOutcome | null;

  /** Beijing business date (YYYY-MM-DD) by which the owner must reply. */
  @Column({ name: 'due_on', type: 'varchar', length: 10 })
  dueOn!: string;

  @Column({ name: 'provisional', type: 'boolean' })
  provisional!: boolean;

  @Column({ name: 'escalated_at', type: 'datetime', precision: 3, nullable: true })
  escalatedAt!: Date | null;

  @Column({ name: 'escalated_to_region_id', type: 'integer', nullable: true })
  escalatedToRegionId!: number | null;

  @Column({ name: 'verification', type: 'text', nullable: true })
  verification!: string | null;

  @Column({ name: 'reply', type: 'text', nullable: true })
  reply!: string | null;

  @Column({ name: 'fixed', type: 'text', nullable: true })
  fixed!: string | null;

  @Column({ name: 'replied_by', type: 'integer', nullable: true })
  repliedBy!: number | null;

  @Column({ name: 'replied_at', type: 'datetime', precision: 3, nullable: true })
  repliedAt!: Date | null;

  /** Beijing business date of the reply, compared with `dueOn` for the on-time figure. */
  @Column({ name: 'replied_on', type: 'varchar', length: 10, nullable: true })
  repliedOn!: string | null;

  @Column({ name: 'confirmed_at', type: 'datetime', precision: 3, nullable: true })
  confirmedAt!: Date | null;

  @Column({ name: 'confirm_note', type: 'varchar', length: 200, nullable: true })
  confirmNote!: string | null;

  @Column({ name: 'appeal_status', type: 'varchar', length: 10, default: 'none' })
  appealStatus!: AppealStatus;

  @Column({ name: 'appeal_reason', type: 'text', nullable: true })
  appealReason!: string | null;

  @Column({ name: 'appeal_note', type: 'text', nullable: true })
  appealNote!: string | null;

  @Column({ name: 'appeal_by', type: 'integer', nullable: true })
  appealBy!: number | null;

  @Column({ name: 'appeal_decided_by', type: 'integer', nullable: true })
  appealDecidedBy!: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;
}
