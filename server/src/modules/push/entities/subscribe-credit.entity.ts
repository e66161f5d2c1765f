import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a resident allowed for one template: one-time credits left (each WeChat "accept" allows one
 * send), or `longTerm` (one accept, many sends); `switchedOff` when they turned the template off.
 */
@Entity({ name: 'subscribe_credit' })
export class SubscribeCredit {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @PrimaryColumn({ name: 'template_id', type: 'varchar', length: 64 })
  templateId: string;

  @Column({ name: 'remaining', type: 'integer', default: 0 })
  remaining: number;

  @Column({ name: 'long_term', type: 'boolean', default: false })
  longTerm: boolean;

  @Column({ name: 'switched_off', type: 'boolean', default: false })
  switchedOff: boolean;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
