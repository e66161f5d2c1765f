import type { DataSource } from 'typeorm';
import type { DashboardDto } from '@sunboard/shared';
import { tally } from '../../push/push-figures.service';
import { rate, type ReportPeriod } from '../report-period';
import type { ReportRegion } from '../report-region';
import { inScope } from './figure-sql';

export type PushDeliveryFigures = DashboardDto['push'];

/**
 * 消息推送: outbox rows written in the period about a region of the subtree (`push_outbox.region_id`,
 * the same selection and status tally as GET /api/push/figures?regionId=). Delivery rate = sent / targeted.
 */
export async function pushFigures(db: DataSource, region: ReportRegion, period: Pick<ReportPeriod, 'start' | 'end'>): Promise<PushDeliveryFigures> {
  const where = inScope('r.path', 'o.created_at', region, period);
  const counts: Array<{ status: string; n: number | string }> = await db.query(
    `SELECT o.status AS status, COUNT(*) AS n FROM region r JOIN push_outbox o ON o.region_id = r.id WHERE ${where.sql} GROUP BY o.status`,
    where.params,
  );
  const t = tally(counts);
  return { targeted: t.targeted, sent: t.sent, refused: t.refused, failed: t.failed, queued: t.queued, deliveryRate: rate(t.sent, t.targeted) };
}
