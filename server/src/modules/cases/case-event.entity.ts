import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseEventType, CaseResult } from '@sunboard/shared';

/** One entry of a case's timeline (append-only). */
@Entity('case_event')
export class CaseEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'case_id', type: 'integer' })
  caseId!: number;

  @Column({ type: 'varchar', length: 16 })
  type!: CaseEventType;

  @Column({ type: 'integer', nullable: true })
  position!: number | null;

  @Column({ name: 'step_name', type: 'varchar', length: 20, nullable: true })
  stepName!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** JSON string[] of a correction's missing materials. */
  @Column({ type: 'text', nullable: true, transformer: { to: (v: string[] | null) => (v ? JSON.stringify(v) : null), from: (v: string | null) => (v ? (JSON.parse(v) as string[]) : null) } })
  materials!: string[] | null;

  @Column({ name: 'due_on', type: 'varchar', length: 10, nullable: true })
  dueOn!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  result!: CaseResult | null;

  @Column({ name: 'attachment_id', type: 'integer', nullable: true })
  attachmentId!: number | null;

  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId!: number | null;

  /** The role the actor acted in (staff), or 'resident' for a claim. */
  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true })
  actorRole!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
