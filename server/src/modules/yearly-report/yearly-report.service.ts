import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  DISCLOSURE_CATEGORIES,
  DISCLOSURE_CATEGORY_LABELS,
  type DisclosureCategory,
  DOMAIN_CODES,
  DOMAIN_LABELS,
  type Domain,
  NOTICE_KIND_LABELS,
  NOTICE_KINDS,
  type NoticeKind,
  type YearlyReportDto,
  type YearlyReportQuery,
} from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { businessDate } from '../../common/clock/business-date';
import { Clock } from '../../common/clock/clock';
import { consultationFigures } from '../dashboard/figures/consultation.figures';
import { inScope, num } from '../dashboard/figures/figure-sql';
import { followupFigures } from '../dashboard/figures/followup.figures';
import { pushFigures } from '../dashboard/figures/push.figures';
import { satisfactionFigures } from '../dashboard/figures/satisfaction.figures';
import { type ReportPeriod, yearPeriod } from '../dashboard/report-period';
import { type ReportRegion, reportRegion } from '../dashboard/report-region';
import { ACTIVE_DISCLOSURE_TABLES, APPLICATION_TABLE, HEADINGS, HINTS, REVIEW_TABLE, type ReportTable } from './yearly-report-layout';

type Published = YearlyReportDto['published'];

/**
 * The draft of a region's yearly disclosure report (政府信息公开工作年度报告) in the 30号 layout:
 * statutory tables Sunboard cannot fill are left blank and labelled; what Sunboard knows — notices
 * actively published, consultations, ratings and 差评, messages — is counted for the Beijing calendar
 * year over the region's subtree (docs/dashboard.md, "Yearly report").
 */
@Injectable()
export class YearlyReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async report(user: AuthUser, q: YearlyReportQuery): Promise<YearlyReportDto> {
    const now = this.clock.now();
    const region = await reportRegion(this.db, user, q.regionId);
    const period = yearPeriod(q.year);
    const published = await this.published(region, period);
    const other = await this.otherMatters(region, period, businessDate(now));
    return {
      regionId: region.id,
      regionName: region.name,
      year: q.year,
      title: `${region.name}${q.year}年政府信息公开工作年度报告（草稿）`,
      generatedAt: now.toISOString(),
      published,
      sections: [
        { heading: HEADINGS.overview, text: { value: '', hint: HINTS.overview }, tables: [] },
        { heading: HEADINGS.active, tables: [...ACTIVE_DISCLOSURE_TABLES, ...publishedTables(published)] },
        { heading: HEADINGS.applications, tables: [APPLICATION_TABLE] },
        { heading: HEADINGS.reviews, tables: [REVIEW_TABLE] },
        { heading: HEADINGS.problems, text: { value: '', hint: HINTS.problems }, tables: [] },
        { heading: HEADINGS.other, text: { value: '', hint: HINTS.other }, tables: [other] },
      ],
    };
  }

  /**
   * Notices actively published (方式 主动公开) in the year in the subtree, by `published_at` whatever
   * their status now (a later withdrawal or expiry does not undo the publication; a correction is a
   * new version of the same notice, counted once). One GROUP BY kind × category × domain.
   */
  private async published(region: ReportRegion, period: ReportPeriod): Promise<Published> {
    const where = inScope('g.path', 'n.published_at', region, period);
    const rows: Array<{ kind: string; category: string; domain: string; n: unknown }> = await this.db.query(
      `SELECT n.kind AS kind, n.category AS category, n.domain AS domain, COUNT(*) AS n
       FROM notice n JOIN region g ON g.id = n.region_id
       WHERE ${where.sql} AND n.method = 'active'
       GROUP BY n.kind, n.category, n.domain`,
      where.params,
    );
    const sum = (pick: (r: (typeof rows)[number]) => boolean) => rows.filter(pick).reduce((s, r) => s + num(r.n), 0);
    return {
      total: sum(() => true),
      byKind: NOTICE_KINDS.map((kind: NoticeKind) => ({ kind, label: NOTICE_KIND_LABELS[kind], count: sum((r) => r.kind === kind) })),
      byCategory: DISCLOSURE_CATEGORIES.map((category: DisclosureCategory) => ({
        category,
        label: DISCLOSURE_CATEGORY_LABELS[category],
        count: sum((r) => r.category === category),
      })),
      byDomain: DOMAIN_CODES.map((domain: Domain) => ({ domain, label: DOMAIN_LABELS[domain], count: sum((r) => r.domain === domain) })).filter((d) => d.count > 0),
    };
  }

  /** 六、其他需要报告的事项: the figures Sunboard keeps, over the same year and subtree as the dashboard's definitions. */
  private async otherMatters(region: ReportRegion, period: ReportPeriod, today: string): Promise<ReportTable> {
    const consultations = await consultationFigures(this.db, region, period);
    const ratings = await satisfactionFigures(this.db, region, [], period);
    const followups = await followupFigures(this.db, region, period, today);
    const push = await pushFigures(this.db, region, period);
    const row = (label: string, value: number) => ({ label, cells: [value] });
    return {
      title: '阳光公开栏记录的其他情况',
      columns: ['项目', '数量'],
      rows: [
        row('本年截止的征求意见（次）', consultations.count),
        row('收到意见（条，不含已隐藏）', consultations.comments),
        row('已答复采纳情况的意见（条）', consultations.answered),
        row('收到群众评价（条）', ratings.total),
        row('其中满意（条）', ratings.satisfied),
        row('其中差评（条）', ratings.byLevel['2'] + ratings.byLevel['1']),
        row('差评回访已办结（件）', followups.closed),
        row('推送消息已送达（条）', push.sent),
      ],
      note: '统计本区域及下辖区域在本年度（北京时间）的数据；申诉成立的评价不计入',
    };
  }
}

/** The counts Sunboard has, as three extra tables after the statutory ones. */
function publishedTables(p: Published): ReportTable[] {
  const note = '阳光公开栏发布的主动公开信息，按发布时间统计';
  const table = (title: string, first: string, items: Array<{ label: string; count: number }>): ReportTable => ({
    title,
    columns: [first, '本年发布条数'],
    rows: [...items.map((x) => ({ label: x.label, cells: [x.count] })), { label: '合计', cells: [p.total] }],
    note,
  });
  return [
    table('阳光公开栏主动公开信息：按类型', '类型', p.byKind),
    table('阳光公开栏主动公开信息：按五公开分类', '五公开分类', p.byCategory),
    table('阳光公开栏主动公开信息：按领域', '领域', p.byDomain),
  ];
}
