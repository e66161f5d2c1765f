import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Domain, RatingTag, RatingTargetType } from '@sunboard/shared';

/**
 * One resident's rating of one target (notice, case or consultation); unique per
 * (target_type, target_id, user_id). `regionId` and `domain` are the target's, copied at rating time.
 */
@Entity({ name: 'rating' })
export class Rating {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType!: RatingTargetType;

  @Column({ name: 'target_id', type: 'integer' })
  targetId!: number;

  @Column({ name: 'region_id', type: 'integer' })
  regionId!: number;

  @Column({ name: 'domain', type: 'varchar', length: 40, nullable: true })
  domain!: Domain | null;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  /** 5 非常满意 … 1 非常不满意; ≤ 2 is 差评. */
  @Column({ name: 'level', type: 'integer' })
  level!: number;

  /** Tag codes, stored as a JSON array. */
  @Column({
    name: 'tags',
    type: 'varchar',
    length: 200,
    transformer: { to: (v: RatingTag[] | undefined) => JSON.stringify(v ?? []), from: (v: string | null) => (v ? (JSON.parse(v) as RatingTag[]) : []) },
  })
  tags!: RatingTag[];

  @Column({ name: 'comment', type: 'text', nullable: true })
  comment!: string | null;

  /** The content check held the comment for review: kept, shown to staff only. */
  @Column({ name: 'comment_held', type: 'boolean', default: false })
  commentHeld!: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
