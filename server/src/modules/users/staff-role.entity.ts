import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffRole } from '@sunboard/shared';

/**
 * One staff power: a role over a region subtree. A user may hold several. `regionId` null means the
 * whole tree (only for bootstrap admins created before any region existed). Revoked grants are kept.
 */
@Entity({ name: 'staff_role' })
export class StaffRoleGrant {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'role', type: 'varchar', length: 16 })
  role: StaffRole;

  @Column({ name: 'region_id', type: 'integer', nullable: true })
  regionId: number | null;

  @Column({ name: 'granted_by', type: 'integer', nullable: true })
  grantedBy: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;
}
