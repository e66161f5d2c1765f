import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseStepState, StaffRole } from '@sunboard/shared';

/** One step of one case: a copy of the template step taken when the case opened, plus its progress. */
@Entity('case_step')
export class CaseStep {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'case_id', type: 'integer' })
  caseId!: number;

  /** 1-based order. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 20 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: StaffRole;

  @Column({ name: 'limit_days', type: 'integer' })
  limitDays!: number;

  @Column({ type: 'text' })
  prepare!: string;

  @Column({ type: 'boolean' })
  publicity!: boolean;

  @Column({ type: 'varchar', length: 16 })
  state!: CaseStepState;

  @Column({ name: 'started_at', type: 'datetime', precision: 3, nullable: true })
  startedAt!: Date | null;

  /** The Beijing date the working-day count runs from (the start, or the day 补正 materials arrived). */
  @Column({ name: 'clock_from', type: 'varchar', length: 10, nullable: true })
  clockFrom!: string | null;

  @Column({ name: 'due_on', type: 'varchar', length: 10, nullable: true })
  dueOn!: string | null;

  @Column({ name: 'due_provisional', type: 'boolean' })
  dueProvisional!: boolean;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'notice_id', type: 'integer', nullable: true })
  noticeId!: number | null;

  /** The last Beijing date the responsible staff were reminded that this step is overdue. */
  @Column({ name: 'overdue_reminded_on', type: 'varchar', length: 10, nullable: true })
  overdueRemindedOn!: string | null;
}
