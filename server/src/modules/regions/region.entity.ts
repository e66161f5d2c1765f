import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RegionLevel } from '@sunboard/shared';

/**
 * A node of the administrative tree. `path` is the materialised path of ids (`/1/3/9/`), so a
 * subtree is `path LIKE '/1/3/%'` and the ancestors are the ids in the path.
 */
@Entity({ name: 'region' })
export class Region {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'code', type: 'varchar', length: 32 })
  code: string;

  @Column({ name: 'name', type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'level', type: 'varchar', length: 16 })
  level: RegionLevel;

  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId: number | null;

  @Column({ name: 'path', type: 'varchar', length: 255 })
  path: string;

  @Column({ name: 'depth', type: 'integer' })
  depth: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

/** Ids on a materialised path, root first: `/1/3/9/` → [1, 3, 9]. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}
