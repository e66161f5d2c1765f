import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PushMessageType } from '@sunboard/shared';

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'refused', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One message to one resident, written in the transaction that caused it and sent later by the
 * dispatcher. `dedupeKey` is unique (`notice:<id>:v<version>:user:<uid>` for a notice), so writing
 * the same message twice is a no-op. `data` is JSON of the already-fitted template values keyed by
 * data key — `{"thing1":"…","time2":"2026年11月24日 15:01"}` — which the dispatcher sends as
 * `{"thing1":{"value":"…"}, …}`. `msgid` is a string: WeChat's exceed 2^53.
 */
@Entity({ name: 'push_outbox' })
export class PushOutbox {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 191 })
  dedupeKey: string;

  @Column({ name: 'message_type', type: 'varchar', length: 40 })
  messageType: PushMessageType;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'openid', type: 'varchar', length: 64 })
  openid: string;

  @Column({ name: 'template_id', type: 'varchar', length: 64 })
  templateId: string;

  @Column({ name: 'page', type: 'varchar', length: 255, nullable: true })
  page: string | null;

  /** JSON: data key → fitted value. */
  @Column({ name: 'data', type: 'text' })
  data: string;

  @Column({ name: 'urgent', type: 'boolean', default: false })
  urgent: boolean;

  @Column({ name: 'status', type: 'varchar', length: 16, default: 'queued' })
  status: OutboxStatus;

  @Column({ name: 'attempts', type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 })
  nextAttemptAt: Date;

  @Column({ name: 'lease_until', type: 'datetime', precision: 3, nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'worker_id', type: 'varchar', length: 64, nullable: true })
  workerId: string | null;

  @Column({ name: 'msgid', type: 'varchar', length: 32, nullable: true })
  msgid: string | null;

  @Column({ name: 'last_error', type: 'varchar', length: 255, nullable: true })
  lastError: string | null;

  @Column({ name: 'notice_id', type: 'integer', nullable: true })
  noticeId: number | null;

  @Column({ name: 'region_id', type: 'integer', nullable: true })
  regionId: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;
}
