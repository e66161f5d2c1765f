import { AUDIENCE_LABELS, DISCLOSURE_CATEGORY_LABELS, DOMAIN_LABELS, NOTICE_KIND_LABELS, type RegionRefDto } from '@sunboard/shared';
import type { Notice } from '../notices/notice.entity';
import { summarize } from '../notices/notice-html';

/** One labelled line of the poster's elements table. */
export interface PosterElement {
  label: string;
  value: string;
}

/** Everything a poster prints, as plain text: the renderer knows nothing of notices. */
export interface PosterContent {
  noticeId: number;
  title: string;
  /** 通知 · 社会救助 · 执行公开 */
  tags: string[];
  urgent: boolean;
  elements: PosterElement[];
  /** The body as plain text, cut short. */
  excerpt: string;
  /** The notice's region, e.g. 光明社区 */
  regionName: string;
  /** The path above it, e.g. 湛河区 马庄街道 */
  regionPath: string;
}

/** The excerpt's length before the layout trims it to the space left. */
export const EXCERPT_CHARS = 400;

const CHINA_OFFSET_MS = 8 * 3600_000;

/** `2026年11月24日` in Asia/Shanghai (no daylight saving: a fixed +08:00). */
export function chinaDate(d: Date): string {
  const c = new Date(d.getTime() + CHINA_OFFSET_MS);
  return `${c.getUTCFullYear()}年${c.getUTCMonth() + 1}月${c.getUTCDate()}日`;
}

/** One line of text: control characters and runs of white space become one space. */
function oneLine(s: string | null | undefined): string {
  return (s ?? '').replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
}

/**
 * The poster of a published notice: 发布主体, 依据, 时限, 公开对象 always; 文号, 索引号 and 公示期
 * when the notice has them; 发布日期. Labels come from the shared catalogue.
 */
export function toPosterContent(notice: Notice, region: RegionRefDto | null): PosterContent {
  const elements: PosterElement[] = [];
  const add = (label: string, value: string | null | undefined) => {
    const v = oneLine(value);
    if (v) elements.push({ label, value: v });
  };
  add('发布主体', notice.publisher);
  add('依据', notice.basis);
  add('时限', notice.timeLimit);
  add('公开对象', AUDIENCE_LABELS[notice.audience] ?? notice.audience);
  add('文号', notice.docNo);
  add('索引号', notice.indexNo);
  if (notice.publicityStartsAt || notice.publicityEndsAt) {
    const from = notice.publicityStartsAt ? chinaDate(notice.publicityStartsAt) : '';
    const to = notice.publicityEndsAt ? chinaDate(notice.publicityEndsAt) : '';
    add('公示期', from && to ? `${from} 至 ${to}` : from ? `${from} 起` : `至 ${to}`);
  }
  if (notice.publishedAt) add('发布日期', chinaDate(notice.publishedAt));

  const names = (region?.fullName ?? '').split(' / ').filter(Boolean);
  return {
    noticeId: notice.id,
    title: oneLine(notice.title),
    tags: [NOTICE_KIND_LABELS[notice.kind], DOMAIN_LABELS[notice.domain], DISCLOSURE_CATEGORY_LABELS[notice.category]].filter(Boolean),
    urgent: !!notice.urgent,
    elements,
    // Paragraph ends became spaces; after Chinese punctuation a space only looks like a gap.
    excerpt: summarize(notice.body, EXCERPT_CHARS).replace(/([。！？；：，、）」』”])\s+/g, '$1'),
    regionName: oneLine(region?.name) || names[names.length - 1] || '',
    regionPath: names.slice(0, -1).join(' '),
  };
}
