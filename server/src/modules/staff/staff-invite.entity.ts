import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffRole } from '@sunboard/shared';

/** A one-time invitation to become staff. Only the SHA-256 of the code is stored. */
@Entity({ name: 'staff_invite' })
export class StaffInvite {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'role', type: 'varchar', length: 16 })
  role: StaffRole;

  @Column({ name: 'region_id', type: 'integer' })
  regionId: number;

  @Column({ name: 'created_by', type: 'integer' })
  createdBy: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'claimed_by', type: 'integer', nullable: true })
  claimedBy: number | null;

  @Column({ name: 'claimed_at', type: 'datetime', precision: 3, nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;
}
