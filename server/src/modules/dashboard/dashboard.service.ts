import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DashboardDto, DashboardQuery } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { businessDate } from '../../common/clock/business-date';
import { Clock } from '../../common/clock/clock';
import { awarenessFigures } from './figures/awareness.figures';
import { consultationFigures } from './figures/consultation.figures';
import { followupFigures } from './figures/followup.figures';
import { pushFigures } from './figures/push.figures';
import { satisfactionFigures } from './figures/satisfaction.figures';
import { monthPeriod } from './report-period';
import { childRegions, reportRegion } from './report-region';

/**
 * The office's dashboard: for a region and everything below it, over whole Beijing months, the
 * satisfaction, 差评 follow-up, awareness, push and consultation figures (docs/dashboard.md gives
 * each definition). Staff of any role covering the region may read it.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async figures(user: AuthUser, q: DashboardQuery): Promise<DashboardDto> {
    const now = this.clock.now();
    const region = await reportRegion(this.db, user, q.regionId);
    const period = monthPeriod(q, now);
    const children = await childRegions(this.db, region.id);
    return {
      regionId: region.id,
      regionName: region.name,
      from: period.from,
      to: period.to,
      generatedAt: now.toISOString(),
      satisfaction: await satisfactionFigures(this.db, region, children, period),
      followups: await followupFigures(this.db, region, period, businessDate(now)),
      awareness: await awarenessFigures(this.db, region, period),
      push: await pushFigures(this.db, region, period),
      consultations: await consultationFigures(this.db, region, period),
    };
  }
}
