import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A receipt or switch-off from WeChat's message push, as received (`raw` is the payload). */
@Entity({ name: 'push_event' })
export class PushEvent {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  /** `subscribe_msg_sent_event` or `subscribe_msg_change_event` … */
  @Column({ name: 'event', type: 'varchar', length: 40 })
  event: string;

  @Column({ name: 'openid', type: 'varchar', length: 64 })
  openid: string;

  @Column({ name: 'template_id', type: 'varchar', length: 64 })
  templateId: string;

  @Column({ name: 'msgid', type: 'varchar', length: 32, nullable: true })
  msgid: string | null;

  /** ErrorStatus of a sent event (`success`, `fail:user refuse` …) or the change event's `accept`/`reject`. */
  @Column({ name: 'status', type: 'varchar', length: 32 })
  status: string;

  @Column({ name: 'error_code', type: 'integer', nullable: true })
  errorCode: number | null;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt: Date;

  @Column({ name: 'raw', type: 'text' })
  raw: string;
}
