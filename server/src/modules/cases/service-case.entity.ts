import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseResult, CaseStatus, Domain } from '@sunboard/shared';

/** The correction request (补正) in force, stored as JSON. */
export interface CaseCorrection {
  materials: string[];
  dueOn: string;
  requestedAt: string;
}

/**
 * One application (办件). Table `service_case` (CASE is an SQL keyword). The applicant's ID and
 * phone numbers are stored encrypted (FieldCipher); `current_due_on` mirrors the active step's due
 * date while the case is `open`, so the overdue list is one index range.
 */
@Entity('service_case')
export class ServiceCase {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'case_no', type: 'varchar', length: 20, unique: true })
  caseNo!: string;

  @Column({ name: 'case_type_id', type: 'integer' })
  caseTypeId!: number;

  /** The type's name when the case was opened. */
  @Column({ name: 'type_name', type: 'varchar', length: 30 })
  typeName!: string;

  @Column({ type: 'varchar', length: 40 })
  domain!: Domain;

  @Column({ name: 'region_id', type: 'integer' })
  regionId!: number;

  @Column({ name: 'applicant_user_id', type: 'integer', nullable: true })
  applicantUserId!: number | null;

  @Column({ name: 'applicant_name', type: 'varchar', length: 30 })
  applicantName!: string;

  @Column({ name: 'applicant_id_enc', type: 'varchar', length: 255, nullable: true })
  applicantIdEnc!: string | null;

  @Column({ name: 'applicant_phone_enc', type: 'varchar', length: 255 })
  applicantPhoneEnc!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: CaseStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  result!: CaseResult | null;

  @Column({ name: 'result_reason', type: 'text', nullable: true })
  resultReason!: string | null;

  @Column({ name: 'current_position', type: 'integer', nullable: true })
  currentPosition!: number | null;

  @Column({ name: 'current_due_on', type: 'varchar', length: 10, nullable: true })
  currentDueOn!: string | null;

  @Column({ name: 'step_count', type: 'integer' })
  stepCount!: number;

  @Column({ type: 'text', nullable: true, transformer: { to: (v: CaseCorrection | null) => (v ? JSON.stringify(v) : null), from: (v: string | null) => (v ? (JSON.parse(v) as CaseCorrection) : null) } })
  correction!: CaseCorrection | null;

  /** Wrong claims in a row; at CLAIM_MAX_FAILURES the case refuses claims until `claimLockedUntil`. */
  @Column({ name: 'claim_failures', type: 'integer' })
  claimFailures!: number;

  @Column({ name: 'claim_locked_until', type: 'datetime', precision: 3, nullable: true })
  claimLockedUntil!: Date | null;

  @Column({ name: 'opened_by', type: 'integer' })
  openedBy!: number;

  @Column({ name: 'opened_at', type: 'datetime', precision: 3 })
  openedAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt!: Date | null;
}
