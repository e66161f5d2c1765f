import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Anyone who has logged in through WeChat. Staff powers live in `staff_role`. */
@Entity({ name: 'app_user' })
export class User {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'openid', type: 'varchar', length: 64 })
  openid: string;

  @Column({ name: 'unionid', type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 40 })
  displayName: string;

  @Column({ name: 'home_region_id', type: 'integer', nullable: true })
  homeRegionId: number | null;

  @Column({ name: 'elder_mode', type: 'boolean', default: false })
  elderMode: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'datetime', precision: 3, nullable: true })
  lastSeenAt: Date | null;
}
