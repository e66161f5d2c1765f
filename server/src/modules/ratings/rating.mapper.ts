import {
  FOLLOWUP_STATUS_LABELS,
  type FollowupDto,
  RATING_CHANGE_DAYS,
  RATING_LEVEL_LABELS,
  RATING_TARGET_TYPE_LABELS,
  type RatingDto,
  type RatingLevel,
  type RatingTargetRefDto,
  type StaffFollowupDto,
} from '@sunboard/shared';
import type { RatingFollowup } from './rating-followup.entity';
import type { Rating } from './rating.entity';

const DAY_MS = 86_400_000;

/** Until when the rater may change a rating (RATING_CHANGE_DAYS calendar days after it was first given). */
export function changeableUntil(r: Pick<Rating, 'createdAt'>): Date {
  return new Date(new Date(r.createdAt).getTime() + RATING_CHANGE_DAYS * DAY_MS);
}

/** What the mapper needs besides the rows: names, today's business date and a working-day counter. */
export interface MapContext {
  regionNames: Map<number, string>;
  userNames: Map<number, string>;
  today: string;
  workingDaysBetween(from: string, to: string): number;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A target that no longer exists still shows as what it was. */
export function missingTargetRef(r: Rating, regionName: string): RatingTargetRefDto {
  return { type: r.targetType, id: r.targetId, title: `已删除的${RATING_TARGET_TYPE_LABELS[r.targetType]}`, label: RATING_TARGET_TYPE_LABELS[r.targetType], regionId: r.regionId, regionName };
}

export function toFollowupDto(f: RatingFollowup, ctx: MapContext): FollowupDto {
  const overdue = f.status === 'open' && f.dueOn < ctx.today;
  return {
    id: f.id,
    ratingId: f.ratingId,
    status: f.status,
    statusLabel: FOLLOWUP_STATUS_LABELS[f.status],
    outcome: f.outcome,
    regionId: f.regionId,
    regionName: ctx.regionNames.get(f.regionId) ?? '',
    dueOn: f.dueOn,
    provisional: !!f.provisional,
    overdue,
    overdueDays: overdue ? ctx.workingDaysBetween(f.dueOn, ctx.today) : 0,
    escalatedAt: iso(f.escalatedAt),
    escalatedToRegionName: f.escalatedToRegionId !== null ? ctx.regionNames.get(f.escalatedToRegionId) ?? '' : null,
    verification: f.verification,
    reply: f.reply,
    fixed: f.fixed,
    repliedAt: iso(f.repliedAt),
    replierName: f.repliedBy !== null ? ctx.userNames.get(f.repliedBy) ?? null : null,
    confirmedAt: iso(f.confirmedAt),
    confirmNote: f.confirmNote,
    appealStatus: f.appealStatus,
    appealReason: f.appealReason,
    appealNote: f.appealNote,
    createdAt: new Date(f.createdAt).toISOString(),
    closedAt: iso(f.closedAt),
  };
}

/** The rating as its rater or covering staff see it (a held comment included: both may read it). */
export function toRatingCore(r: Rating, target: RatingTargetRefDto): Omit<RatingDto, 'followup'> {
  return {
    id: r.id,
    target,
    level: r.level as RatingLevel,
    levelLabel: RATING_LEVEL_LABELS[r.level as RatingLevel] ?? String(r.level),
    tags: r.tags,
    comment: r.comment,
    commentHeld: !!r.commentHeld,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    changeableUntil: changeableUntil(r).toISOString(),
  };
}

export function toRatingDto(r: Rating, target: RatingTargetRefDto, f: RatingFollowup | null, ctx: MapContext): RatingDto {
  return { ...toRatingCore(r, target), followup: f ? toFollowupDto(f, ctx) : null };
}

export interface StaffActions {
  canReply: boolean;
  canAppeal: boolean;
  canDecideAppeal: boolean;
}

export function toStaffFollowupDto(f: RatingFollowup, r: Rating, target: RatingTargetRefDto, raterName: string, ctx: MapContext, actions: StaffActions): StaffFollowupDto {
  return { ...toFollowupDto(f, ctx), rating: toRatingCore(r, target), raterName, ...actions };
}
