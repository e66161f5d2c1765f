import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ROLE_LABELS, type StaffRole } from '@sunboard/shared';
import { startOfBusinessDate } from '../../common/clock/business-date';
import { Clock } from '../../common/clock/clock';
import { PeriodicJob } from '../../common/jobs/periodic-job';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { inTransaction } from '../../database/transaction';
import { WorkingCalendar } from '../calendar/working-calendar';
import { OutboxWriter } from '../push/outbox-writer';
import { execute } from '../push/push-sql';
import { casePage, zhDate } from './case-messages';

interface OverdueRow {
  step_id: number;
  case_id: number;
  position: number;
  step_name: string;
  role: StaffRole;
  due_on: string;
  case_no: string;
  type_name: string;
  region_id: number;
  region_name: string;
  region_path: string;
}

export interface OverduePass {
  /** Active steps whose due date moved because the calendar changed. */
  redated: number;
  /** Overdue steps whose staff were reminded in this pass. */
  steps: number;
  /** Messages written (one per responsible staff member per step). */
  messages: number;
}

/**
 * Overdue steps (办件超期): every 10 minutes, on a working day, each active step past its due date
 * reminds the staff responsible for it — those holding the step's role over the nearest region above
 * the case that has any — once per working day until the step moves (`overdue_reminded_on`, set in a
 * conditional UPDATE so two instances do not both remind). Each pass first re-dates active steps from
 * the calendar (an admin may have entered next year's holidays since the step started).
 * Not started under NODE_ENV=test, where tests call runOnce().
 */
@Injectable()
export class CaseOverdueJob extends PeriodicJob {
  static readonly INTERVAL_MS = 10 * 60_000;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly outbox: OutboxWriter,
  ) {
    super('CaseOverdue', CaseOverdueJob.INTERVAL_MS, config.nodeEnv !== 'test');
  }

  protected pass(): Promise<unknown> {
    return this.runOnce();
  }

  async runOnce(): Promise<OverduePass> {
    const cal = await this.calendar.fresh();
    const today = cal.today();
    const redated = await this.redate();
    if (!cal.isWorkday(today)) return { redated, steps: 0, messages: 0 };

    const rows: OverdueRow[] = await this.db.query(
      `SELECT s.id AS step_id, c.id AS case_id, s.position AS position, s.name AS step_name, s.role AS role, c.current_due_on AS due_on,
              c.case_no AS case_no, c.type_name AS type_name, c.region_id AS region_id, r.name AS region_name, r.path AS region_path
         FROM service_case c
         JOIN case_step s ON s.case_id = c.id AND s.position = c.current_position
         JOIN region r ON r.id = c.region_id
        WHERE c.status = 'open' AND c.current_due_on < ? AND (s.overdue_reminded_on IS NULL OR s.overdue_reminded_on < ?)
        ORDER BY c.id LIMIT 500`,
      [today, today],
    );
    let steps = 0;
    let messages = 0;
    const grants = rows.length ? await this.activeGrants() : [];
    for (const row of rows) {
      const staff = responsible(grants, row.role, row.region_path);
      const written = await inTransaction(this.db, async (tx) => {
        const claimed = await execute(
          tx,
          'UPDATE case_step SET overdue_reminded_on = ? WHERE id = ? AND state = ? AND (overdue_reminded_on IS NULL OR overdue_reminded_on < ?)',
          [today, row.step_id, 'active', today],
        );
        if (!claimed) return -1;
        let n = 0;
        const late = cal.workingDaysBetween(row.due_on, today);
        for (const userId of staff) {
          const sent = await this.outbox.enqueueOne(tx, {
            messageType: 'case_overdue',
            userId,
            dedupeKey: `case:${row.case_id}:s${row.position}:overdue:${today}:u${userId}`,
            values: { caseType: row.type_name, step: row.step_name, dueOn: startOfBusinessDate(row.due_on), region: row.region_name, caseNo: row.case_no },
            page: casePage(Number(row.case_id)),
            title: `办件超期：${row.type_name}「${row.step_name}」`,
            body: `${row.region_name} ${row.case_no} 的「${row.step_name}」（${ROLE_LABELS[row.role]}负责）应于${zhDate(row.due_on)}前完成，已超期 ${late} 个工作日，请尽快办理。`,
            regionId: Number(row.region_id),
          });
          if (sent) n++;
        }
        return n;
      });
      if (written >= 0) {
        steps++;
        messages += written;
      }
    }
    if (steps) this.logger.log({ steps, messages }, 'overdue case steps reminded');
    return { redated, steps, messages };
  }

  /** Every active staff grant with its region path (read once per pass). */
  private async activeGrants(): Promise<Grant[]> {
    const rows: Array<{ user_id: number | string; role: StaffRole; path: string | null }> = await this.db.query(
      'SELECT g.user_id AS user_id, g.role AS role, r.path AS path FROM staff_role g LEFT JOIN region r ON r.id = g.region_id WHERE g.revoked_at IS NULL',
    );
    return rows.map((g) => ({ userId: Number(g.user_id), role: g.role, path: g.path }));
  }

  /** Re-dates active steps of open cases whose due date the calendar now puts elsewhere. */
  private async redate(): Promise<number> {
    const cal = this.calendar;
    const rows: Array<{ id: number; case_id: number; clock_from: string; limit_days: number; due_on: string; due_provisional: number | boolean }> = await this.db.query(
      `SELECT s.id AS id, s.case_id AS case_id, s.clock_from AS clock_from, s.limit_days AS limit_days, s.due_on AS due_on, s.due_provisional AS due_provisional
         FROM case_step s JOIN service_case c ON c.id = s.case_id AND s.position = c.current_position
        WHERE c.status = 'open' AND s.state = 'active' AND s.clock_from IS NOT NULL`,
    );
    let changed = 0;
    for (const r of rows) {
      const due = cal.addWorkingDays(r.clock_from, Number(r.limit_days));
      if (due.date === r.due_on && due.provisional === !!Number(r.due_provisional)) continue;
      await inTransaction(this.db, async (tx) => {
        await tx.query('UPDATE case_step SET due_on = ?, due_provisional = ? WHERE id = ?', [due.date, due.provisional ? 1 : 0, r.id]);
        await tx.query("UPDATE service_case SET current_due_on = ? WHERE id = ? AND status = 'open'", [due.date, r.case_id]);
      });
      changed++;
    }
    return changed;
  }
}

interface Grant {
  userId: number;
  role: StaffRole;
  path: string | null;
}

/**
 * The staff to remind: holders of the step's role (or a higher one, when no one holds it) over the
 * nearest region at or above the case's region where anyone holds it.
 */
function responsible(grants: Grant[], role: StaffRole, regionPath: string): number[] {
  const over = grants.filter((g) => g.path === null || regionPath.startsWith(g.path));
  const order: StaffRole[] = role === 'grid_worker' ? ['grid_worker', 'reviewer', 'admin'] : role === 'reviewer' ? ['reviewer', 'admin'] : ['admin'];
  for (const r of order) {
    const holders = over.filter((g) => g.role === r);
    if (!holders.length) continue;
    const depth = Math.max(...holders.map((g) => (g.path ?? '').length));
    return [...new Set(holders.filter((g) => (g.path ?? '').length === depth).map((g) => g.userId))];
  }
  return [];
}
