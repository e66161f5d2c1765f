import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RATING_LEVEL_LABELS, type RatingLevel, type StaffRole } from '@sunboard/shared';
import { startOfBusinessDate } from '../../common/clock/business-date';
import { Clock } from '../../common/clock/clock';
import { PeriodicJob } from '../../common/jobs/periodic-job';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { inTransaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { WorkingCalendar } from '../calendar/working-calendar';
import { toSqlTime } from '../notices/search/sql-time';
import { OutboxWriter } from '../push/outbox-writer';
import { execute } from '../push/push-sql';
import { followupPage, overdueText } from './followup-messages';
import { loadTargets } from './rating-targets';

/** Calendar days a replied follow-up waits for the rater's 回访 answer before it closes as no_response. */
export const CONFIRM_WAIT_DAYS = 7;

interface OverdueRow {
  id: number | string;
  rating_id: number | string;
  region_id: number | string;
  due_on: string;
  region_name: string;
  parent_id: number | string | null;
  level: number | string;
  target_type: 'notice' | 'case' | 'consultation';
  target_id: number | string;
}

export interface FollowupPass {
  /** Overdue follow-ups escalated in this pass. */
  escalated: number;
  /** Messages written to the reviewers above. */
  messages: number;
  /** Replied follow-ups closed because the rater did not answer in time. */
  closedNoResponse: number;
}

/**
 * 差评 deadlines, every 10 minutes:
 * (a) on a working day, each open follow-up past its due date is escalated once to the region above
 *     its owner's (`escalated_at`, `escalated_to_region_id`, set by a conditional UPDATE so two
 *     instances do not both escalate), and the reviewers covering that region — the nearest holders
 *     at or above it, admins when no reviewer is found — get a `followup_overdue` message;
 * (b) each replied follow-up the rater has not confirmed within CONFIRM_WAIT_DAYS calendar days closes
 *     with outcome `no_response`.
 * Not started under NODE_ENV=test, where tests call runOnce().
 */
@Injectable()
export class FollowupOverdueJob extends PeriodicJob {
  static readonly INTERVAL_MS = 10 * 60_000;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditService,
  ) {
    super('FollowupOverdue', FollowupOverdueJob.INTERVAL_MS, config.nodeEnv !== 'test');
  }

  protected pass(): Promise<unknown> {
    return this.runOnce();
  }

  async runOnce(): Promise<FollowupPass> {
    const cal = await this.calendar.fresh();
    const today = cal.today();
    const closedNoResponse = await this.closeUnanswered();
    if (!cal.isWorkday(today)) return { escalated: 0, messages: 0, closedNoResponse };

    const rows: OverdueRow[] = await this.db.query(
      `SELECT f.id AS id, f.rating_id AS rating_id, f.region_id AS region_id, f.due_on AS due_on, r.name AS region_name, r.parent_id AS parent_id,
              t.level AS level, t.target_type AS target_type, t.target_id AS target_id
         FROM rating_followup f JOIN region r ON r.id = f.region_id JOIN rating t ON t.id = f.rating_id
        WHERE f.status = 'open' AND f.due_on < ? AND f.escalated_at IS NULL
        ORDER BY f.id LIMIT 500`,
      [today],
    );
    let escalated = 0;
    let messages = 0;
    const grants = rows.length ? await this.activeGrants() : [];
    for (const row of rows) {
      const upId = row.parent_id === null ? Number(row.region_id) : Number(row.parent_id);
      const up: Array<{ path: string; name: string }> = await this.db.query('SELECT path, name FROM region WHERE id = ?', [upId]);
      if (!up.length) continue;
      const reviewers = supervisors(grants, up[0].path);
      const target = (await loadTargets(this.db.manager, row.target_type, [Number(row.target_id)])).get(Number(row.target_id));
      const title = target?.ref.title ?? '评价对象';
      const now = this.clock.now();
      const written = await inTransaction(this.db, async (tx) => {
        const claimed = await execute(
          tx,
          "UPDATE rating_followup SET escalated_at = ?, escalated_to_region_id = ? WHERE id = ? AND status = 'open' AND escalated_at IS NULL",
          [toSqlTime(now), upId, row.id],
        );
        if (!claimed) return -1;
        await this.audit.record(tx, { actorId: null, action: 'followup_overdue', targetType: 'followup', targetId: Number(row.id), regionId: Number(row.region_id), note: `超期未答复，转${up[0].name}督办`, at: now });
        const late = cal.workingDaysBetween(row.due_on, today);
        const text = overdueText(title, Number(row.level), row.region_name, row.due_on, late);
        let n = 0;
        for (const userId of reviewers) {
          const sent = await this.outbox.enqueueOne(tx, {
            messageType: 'followup_overdue',
            userId,
            dedupeKey: `followup:${row.id}:overdue:u${userId}`,
            values: { target: title, level: RATING_LEVEL_LABELS[Number(row.level) as RatingLevel] ?? '差评', dueOn: startOfBusinessDate(row.due_on), region: row.region_name },
            page: followupPage(Number(row.id)),
            title: text.title,
            body: text.body,
            regionId: Number(row.region_id),
          });
          if (sent) n++;
        }
        return n;
      });
      if (written >= 0) {
        escalated++;
        messages += written;
      }
    }
    if (escalated || closedNoResponse) this.logger.log({ escalated, messages, closedNoResponse }, 'follow-up deadlines applied');
    return { escalated, messages, closedNoResponse };
  }

  /** Closes replied follow-ups whose rater did not confirm within CONFIRM_WAIT_DAYS. */
  private async closeUnanswered(): Promise<number> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - CONFIRM_WAIT_DAYS * 86_400_000);
    const rows: Array<{ id: number | string; region_id: number | string }> = await this.db.query(
      "SELECT id, region_id FROM rating_followup WHERE status = 'replied' AND replied_at <= ? ORDER BY id LIMIT 500",
      [toSqlTime(cutoff)],
    );
    let closed = 0;
    for (const row of rows) {
      const done = await inTransaction(this.db, async (tx) => {
        const n = await execute(tx, "UPDATE rating_followup SET status = 'closed', outcome = 'no_response', closed_at = ? WHERE id = ? AND status = 'replied'", [toSqlTime(now), row.id]);
        if (n) await this.audit.record(tx, { actorId: null, action: 'followup_close', targetType: 'followup', targetId: Number(row.id), regionId: Number(row.region_id), note: `居民 ${CONFIRM_WAIT_DAYS} 天内未确认回访结果，自动办结`, at: now });
        return n;
      });
      closed += done ? 1 : 0;
    }
    return closed;
  }

  /** Every active reviewer and admin grant with its region path (read once per pass). */
  private async activeGrants(): Promise<Grant[]> {
    const rows: Array<{ user_id: number | string; role: StaffRole; path: string | null }> = await this.db.query(
      "SELECT g.user_id AS user_id, g.role AS role, r.path AS path FROM staff_role g LEFT JOIN region r ON r.id = g.region_id WHERE g.revoked_at IS NULL AND g.role IN ('reviewer', 'admin')",
    );
    return rows.map((g) => ({ userId: Number(g.user_id), role: g.role, path: g.path }));
  }
}

interface Grant {
  userId: number;
  role: StaffRole;
  path: string | null;
}

/** The reviewers over the region at `regionPath` nearest to it (admins when no reviewer covers it). */
function supervisors(grants: Grant[], regionPath: string): number[] {
  const over = grants.filter((g) => g.path === null || regionPath.startsWith(g.path));
  for (const role of ['reviewer', 'admin'] as const) {
    const holders = over.filter((g) => g.role === role);
    if (!holders.length) continue;
    const depth = Math.max(...holders.map((g) => (g.path ?? '').length));
    return [...new Set(holders.filter((g) => (g.path ?? '').length === depth).map((g) => g.userId))];
  }
  return [];
}
