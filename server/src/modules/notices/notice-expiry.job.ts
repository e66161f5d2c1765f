import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { inTransaction } from '../../database/transaction';
import { contentDigest } from '../audit/audit-digest';
import { AuditService } from '../audit/audit.service';
import { contentOf } from './notice-content';
import { NoticeLinksService } from './notice-links.service';
import { Notice } from './notice.entity';
import { NoticeSearchIndexer } from './search/notice-search.indexer';

/** Candidates looked at per query; the job loops until none are left. */
const BATCH = 200;

/**
 * Ends 公示 periods by itself: every minute, each published 公示 whose `publicity_ends_at` has passed
 * becomes `expired` (its table is then no longer shown to residents) with an `expire` row in the
 * register. Safe with several instances: each notice flips in a conditional UPDATE, and only the
 * instance whose UPDATE changed the row writes the register row. Residents never see an ended 公示 as
 * current in between, because reads check the end time too (publicityEnded).
 * Started by the module, stopped on shutdown; not started under NODE_ENV=test, where tests call runOnce().
 */
@Injectable()
export class NoticeExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  static readonly INTERVAL_MS = 60_000;
  private readonly logger = new Logger('NoticeExpiry');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly links: NoticeLinksService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv !== 'test') this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop();
    await this.running?.catch(() => undefined);
  }

  start(intervalMs = NoticeExpiryJob.INTERVAL_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get started(): boolean {
    return this.timer !== null;
  }

  /** One pass, never two at once in this process; a failure is logged and the next tick tries again. */
  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = this.runOnce().catch((err: Error) => {
      this.logger.error({ err: err.message }, 'expiry pass failed');
      return 0;
    });
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Expires every published 公示 whose period ended at or before `now`; returns how many this call expired. */
  async runOnce(now = new Date()): Promise<number> {
    let expired = 0;
    let after = 0;
    for (;;) {
      // Index ix_notice_expiry (status, kind, publicity_ends_at): only the ended ones are read.
      const due = await this.db
        .getRepository(Notice)
        .createQueryBuilder('n')
        .where('n.status = :status AND n.kind = :kind', { status: 'published', kind: 'publicity' })
        .andWhere('n.publicityEndsAt <= :now', { now })
        .andWhere('n.id > :after', { after })
        .orderBy('n.id', 'ASC')
        .limit(BATCH)
        .getMany();
      for (const notice of due) if (await this.expire(notice, now)) expired++;
      if (due.length < BATCH) break;
      after = due[due.length - 1].id;
    }
    if (expired) this.logger.log({ expired }, '公示 periods ended');
    return expired;
  }

  private async expire(notice: Notice, now: Date): Promise<boolean> {
    const links = (await this.links.linksOf([notice.id])).get(notice.id)!;
    const digest = contentDigest(contentOf(notice, links));
    return inTransaction(this.db, async (tx) => {
      const result = await tx
        .createQueryBuilder()
        .update(Notice)
        .set({ status: 'expired', updatedAt: now })
        .where('id = :id AND status = :status AND kind = :kind AND publicity_ends_at <= :now', { id: notice.id, status: 'published', kind: 'publicity', now })
        .execute();
      if (!result.affected) return false; // another instance (or a withdrawal) got there first
      await NoticeSearchIndexer.remove(tx, notice.id);
      await this.audit.record(tx, {
        actorId: null,
        action: 'expire',
        targetType: 'notice',
        targetId: notice.id,
        regionId: notice.regionId,
        digestBefore: digest,
        digestAfter: digest,
        note: '公示期满，自动结束公示',
        at: now,
      });
      return true;
    });
  }
}
