import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A resident's topic: notices for `regionId` (or a region above it) of `domain` and `kind`.
 * '' in `domain` or `kind` means any (stored as '' rather than NULL so the unique key holds: see the
 * Push migration).
 */
@Entity({ name: 'subscription' })
export class Subscription {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'region_id', type: 'integer' })
  regionId: number;

  /** A domain code, or '' for any. */
  @Column({ name: 'domain', type: 'varchar', length: 40, default: '' })
  domain: string;

  /** A notice kind, or '' for any. */
  @Column({ name: 'kind', type: 'varchar', length: 30, default: '' })
  kind: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
