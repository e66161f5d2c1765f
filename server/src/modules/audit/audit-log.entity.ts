import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditAction, AuditTargetType } from '@sunboard/shared';

/**
 * One row of the publication register (发布登记). Append-only: the code has no path that updates or
 * deletes a row. Written in the same transaction as the step it records.
 */
@Entity({ name: 'audit_log' })
export class AuditLog {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  /** Null for the system (the expiry job). */
  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId: number | null;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action: AuditAction;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType: AuditTargetType;

  @Column({ name: 'target_id', type: 'integer' })
  targetId: number;

  @Column({ name: 'region_id', type: 'integer', nullable: true })
  regionId: number | null;

  @Column({ name: 'at', type: 'datetime', precision: 3 })
  at: Date;

  @Column({ name: 'digest_before', type: 'varchar', length: 64, nullable: true })
  digestBefore: string | null;

  @Column({ name: 'digest_after', type: 'varchar', length: 64, nullable: true })
  digestAfter: string | null;

  @Column({ name: 'note', type: 'varchar', length: 500, nullable: true })
  note: string | null;
}
