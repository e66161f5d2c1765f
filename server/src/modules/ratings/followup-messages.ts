import { RATING_LEVEL_LABELS, type RatingLevel } from '@sunboard/shared';

/**
 * The page a rating message opens (我的评价, built by the mini program). Written without a leading
 * slash like every other message page (`packages/cases/detail/index?id=…`): WeChat's subscribe-message
 * `page` takes it that way and the message centre adds the slash when it navigates.
 */
export const ratingPage = (ratingId: number) => `packages/rating/mine/index?id=${ratingId}`;

/** The staff follow-up page (the mini program's staff list of 差评). */
export const followupPage = (followupId: number) => `packages/rating/followup/index?id=${followupId}`;

const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export interface MessageText {
  title: string;
  body: string;
}

/** To the rater, when the owner has verified and answered their 差评. */
export function replyText(targetTitle: string, regionName: string, reply: string, fixed: string | null): MessageText {
  return {
    title: `您对「${targetTitle}」的评价已有答复`,
    body: `${regionName}已核实您的评价并答复：${reply}${fixed ? `。整改情况：${fixed}` : ''}。请在“我的评价”中告诉我们您是否满意，7 天内未确认的视为已知悉。`,
  };
}

/** To the reviewers above, when a follow-up passed its due date without a reply. */
export function overdueText(targetTitle: string, level: number, regionName: string, dueOn: string, lateDays: number): MessageText {
  const label = RATING_LEVEL_LABELS[level as RatingLevel] ?? '差评';
  return {
    title: `差评超期未答复：${regionName}`,
    body: `居民对「${targetTitle}」的评价为“${label}”，${regionName}应于${zhDate(dueOn)}前核实答复，已超期 ${lateDays} 个工作日，已转由您督办。`,
  };
}

export { zhDate };
