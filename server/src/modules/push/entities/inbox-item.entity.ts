import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PushMessageType } from '@sunboard/shared';

/** One message in a resident's in-app message centre, written with its outbox row (or alone). */
@Entity({ name: 'inbox_item' })
export class InboxItem {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'type', type: 'varchar', length: 40 })
  type: PushMessageType;

  @Column({ name: 'title', type: 'varchar', length: 120 })
  title: string;

  @Column({ name: 'body', type: 'varchar', length: 500 })
  body: string;

  @Column({ name: 'page', type: 'varchar', length: 255, nullable: true })
  page: string | null;

  @Column({ name: 'notice_id', type: 'integer', nullable: true })
  noticeId: number | null;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 191 })
  dedupeKey: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'datetime', precision: 3, nullable: true })
  readAt: Date | null;
}
