import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { RATING_TARGET_TYPES, type RatingDto, type RatingTargetRefDto, type StaffFollowupDto } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { WorkingCalendar } from '../calendar/working-calendar';
import { maskName } from '../consultations/consultation-rules';
import { type FollowupPlace, staffActions } from './followup-access';
import { RatingFollowup } from './rating-followup.entity';
import { type MapContext, missingTargetRef, toRatingDto, toStaffFollowupDto } from './rating.mapper';
import { loadTargets } from './rating-targets';
import { Rating } from './rating.entity';

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Turns rating and follow-up rows into the DTOs, reading the targets, names and regions they show in a few batch queries. */
@Injectable()
export class RatingViews {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendar: WorkingCalendar,
  ) {}

  async ratings(list: Rating[], m: EntityManager = this.db.manager): Promise<RatingDto[]> {
    if (!list.length) return [];
    const followups = await m.getRepository(RatingFollowup).findBy({ ratingId: In(list.map((r) => r.id)) });
    const byRating = new Map(followups.map((f) => [f.ratingId, f]));
    const [targets, ctx] = await Promise.all([this.targets(list, m), this.context(m, [...list.map((r) => r.regionId), ...followups.flatMap((f) => [f.regionId, f.escalatedToRegionId ?? 0])], followups.map((f) => f.repliedBy ?? 0))]);
    return list.map((r) => toRatingDto(r, targets.get(key(r)) ?? missingTargetRef(r, ctx.regionNames.get(r.regionId) ?? ''), byRating.get(r.id) ?? null, ctx));
  }

  async rating(r: Rating, m: EntityManager = this.db.manager): Promise<RatingDto> {
    return (await this.ratings([r], m))[0];
  }

  async staffFollowups(user: AuthUser, list: RatingFollowup[], m: EntityManager = this.db.manager): Promise<StaffFollowupDto[]> {
    if (!list.length) return [];
    const ratings = await m.getRepository(Rating).findBy({ id: In(list.map((f) => f.ratingId)) });
    const byId = new Map(ratings.map((r) => [r.id, r]));
    const regionIds = [...new Set(list.flatMap((f) => [f.regionId, f.escalatedToRegionId ?? 0]).filter(Boolean))];
    const regions: Array<{ id: number | string; path: string; parent_path: string | null }> = await m.query(
      `SELECT r.id AS id, r.path AS path, p.path AS parent_path FROM region r LEFT JOIN region p ON p.id = r.parent_id WHERE r.id IN (${placeholders(regionIds.length)})`,
      regionIds,
    );
    const paths = new Map(regions.map((r) => [Number(r.id), { path: r.path, parent: r.parent_path }]));
    // The raters' names come with the repliers' in one query (shown masked).
    const [targets, ctx] = await Promise.all([
      this.targets(ratings, m),
      this.context(m, [...ratings.map((r) => r.regionId), ...regionIds], [...list.map((f) => f.repliedBy ?? 0), ...ratings.map((r) => r.userId)]),
    ]);
    return list.map((f) => {
      const r = byId.get(f.ratingId)!;
      const place: FollowupPlace = {
        regionPath: paths.get(f.regionId)?.path ?? '/',
        parentPath: paths.get(f.regionId)?.parent ?? null,
        escalatedPath: f.escalatedToRegionId !== null ? paths.get(f.escalatedToRegionId)?.path ?? null : null,
      };
      const target = targets.get(key(r)) ?? missingTargetRef(r, ctx.regionNames.get(r.regionId) ?? '');
      return toStaffFollowupDto(f, r, target, maskName(ctx.userNames.get(r.userId) ?? ''), ctx, staffActions(user, f, r, place));
    });
  }

  /** Region and user names plus today's date and the working-day counter. */
  async context(m: EntityManager, regionIds: number[], userIds: number[]): Promise<MapContext> {
    const rids = [...new Set(regionIds.filter(Boolean))];
    const uids = [...new Set(userIds.filter(Boolean))];
    const [regions, users] = await Promise.all([
      rids.length ? (m.query(`SELECT id, name FROM region WHERE id IN (${placeholders(rids.length)})`, rids) as Promise<Array<{ id: number | string; name: string }>>) : [],
      uids.length ? (m.query(`SELECT id, display_name FROM app_user WHERE id IN (${placeholders(uids.length)})`, uids) as Promise<Array<{ id: number | string; display_name: string }>>) : [],
    ]);
    const cal = await this.calendar.fresh();
    return {
      regionNames: new Map(regions.map((r) => [Number(r.id), r.name])),
      userNames: new Map(users.map((u) => [Number(u.id), u.display_name])),
      today: cal.today(),
      workingDaysBetween: (from, to) => cal.workingDaysBetween(from, to),
    };
  }

  private async targets(list: Rating[], m: EntityManager): Promise<Map<string, RatingTargetRefDto>> {
    const out = new Map<string, RatingTargetRefDto>();
    for (const type of RATING_TARGET_TYPES) {
      const ids = list.filter((r) => r.targetType === type).map((r) => r.targetId);
      for (const [id, t] of await loadTargets(m, type, ids)) out.set(`${type}:${id}`, t.ref);
    }
    return out;
  }
}

const key = (r: Rating) => `${r.targetType}:${r.targetId}`;
