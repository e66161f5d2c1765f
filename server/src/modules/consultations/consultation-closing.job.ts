import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { Clock } from '../../common/clock/clock';
import { PeriodicJob } from '../../common/jobs/periodic-job';
import { inTransaction } from '../../database/transaction';
import { OutboxWriter } from '../push/outbox-writer';
import { Consultation } from './consultation.entity';

/** How long before closing the reminder goes out. */
export const CLOSING_REMINDER_MS = 24 * 3600_000;

/**
 * Reminds followers 24 hours before a consultation closes (consultation_closing): every minute, each
 * open consultation whose `closes_at` is within the next 24 hours and which has not been reminded gets
 * one message per follower (dedupe key `consultation:<id>:closing:user:<uid>`), and `reminded_at` is set
 * in the same transaction by a conditional UPDATE, so two instances never both send. A consultation
 * shorter than 24 hours reminds as soon as it is open. Not started under NODE_ENV=test: tests call
 * runOnce(now).
 */
@Injectable()
export class ConsultationClosingJob extends PeriodicJob {
  static readonly INTERVAL_MS = 60_000;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly outbox: OutboxWriter,
  ) {
    super('ConsultationClosing', ConsultationClosingJob.INTERVAL_MS, config.nodeEnv !== 'test');
  }

  protected pass(): Promise<unknown> {
    return this.runOnce(this.clock.now());
  }

  /** Sends the reminders due at `now`; returns the messages written. */
  async runOnce(now: Date): Promise<number> {
    const due = await this.db.getRepository(Consultation).find({
      where: {
        remindedAt: IsNull(),
        concludedAt: IsNull(),
        opensAt: LessThanOrEqual(now),
        closesAt: MoreThan(now),
      },
      order: { closesAt: 'ASC' },
      take: 200,
    });
    let written = 0;
    for (const c of due) {
      if (new Date(c.closesAt).getTime() - now.getTime() > CLOSING_REMINDER_MS) continue;
      written += await inTransaction(this.db, async (tx) => {
        const claimed = await tx.getRepository(Consultation).update({ id: c.id, remindedAt: IsNull() }, { remindedAt: now });
        if (!claimed.affected) return 0;
        const region: Array<{ name: string }> = await tx.query('SELECT name FROM region WHERE id = ?', [c.regionId]);
        const followers: Array<{ user_id: number | string }> = await tx.query('SELECT user_id FROM consultation_follow WHERE consultation_id = ? ORDER BY user_id', [c.id]);
        let n = 0;
        for (const f of followers) {
          const userId = Number(f.user_id);
          const ok = await this.outbox.enqueueOne(tx, {
            messageType: 'consultation_closing',
            userId,
            dedupeKey: `consultation:${c.id}:closing:user:${userId}`,
            values: { title: c.title, closesAt: new Date(c.closesAt), region: region[0]?.name ?? '' },
            page: `packages/consultation/detail/index?id=${c.id}`,
            title: `《${c.title}》征求意见即将截止`,
            body: `征求意见将于 ${new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(c.closesAt))} 截止，还没有提意见的可以抓紧时间。`,
            regionId: c.regionId,
          });
          if (ok) n++;
        }
        return n;
      });
    }
    if (written) this.logger.log({ written }, 'closing reminders written');
    return written;
  }
}
