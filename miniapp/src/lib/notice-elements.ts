import type { NoticeVersionDto, RegionRefDto } from '@sunboard/shared';
import { catalogLabels, type CatalogLabels } from './catalog-labels';
import { formatDateRange } from './format';

/** One row of the 公开要素 panel. */
export interface ElementRow {
  label: string;
  value: string;
}

/** What the panel reads: the fields a detail and a published version have in common. */
export type ElementSource = Pick<
  NoticeVersionDto,
  | 'publisher'
  | 'basis'
  | 'timeLimit'
  | 'method'
  | 'channels'
  | 'audience'
  | 'category'
  | 'domain'
  | 'docNo'
  | 'indexNo'
  | 'validFrom'
  | 'validUntil'
  | 'publicityStartsAt'
  | 'publicityEndsAt'
> & { region?: RegionRefDto };

/**
 * The standard elements beyond 名称 and 内容 (shown as the title and the body): 发布主体, 公开区域,
 * 依据, 时限, 公开方式, 公开渠道, 公开对象, 公开类别, 文号, 索引号, 有效期, and the 公示期 when there is one.
 * Missing optional values are said in words (无 / 长期有效), never left blank.
 */
export function noticeElementRows(n: ElementSource, labels: CatalogLabels = catalogLabels(null)): ElementRow[] {
  const channels = (n.channels ?? []).map((c) => labels.channels(c)).join('、');
  const rows: ElementRow[] = [{ label: '发布主体', value: n.publisher || '—' }];
  if (n.region) rows.push({ label: '公开区域', value: n.region.fullName || n.region.name });
  rows.push(
    { label: '依据', value: n.basis || '—' },
    { label: '时限', value: n.timeLimit || '—' },
    { label: '公开方式', value: n.method ? labels.methods(n.method) : '—' },
    { label: '公开渠道', value: channels || '—' },
    { label: '公开对象', value: n.audience ? labels.audiences(n.audience) : '—' },
    { label: '公开类别', value: [labels.categories(n.category), labels.domains(n.domain)].filter(Boolean).join(' · ') },
    { label: '文号', value: n.docNo || '无' },
    { label: '索引号', value: n.indexNo || '无' },
    { label: '有效期', value: formatDateRange(n.validFrom, n.validUntil) || '长期有效' },
  );
  const publicity = formatDateRange(n.publicityStartsAt, n.publicityEndsAt);
  if (publicity) rows.push({ label: '公示期', value: publicity });
  return rows;
}

/** 公示期 state in words, for the detail head: 公示中 / 公示已结束 / 公示未开始, or null without a period. */
export function publicityState(n: Pick<ElementSource, 'publicityStartsAt' | 'publicityEndsAt'>, now = Date.now()): string | null {
  const start = n.publicityStartsAt ? Date.parse(n.publicityStartsAt) : NaN;
  const end = n.publicityEndsAt ? Date.parse(n.publicityEndsAt) : NaN;
  if (Number.isNaN(start) && Number.isNaN(end)) return null;
  if (!Number.isNaN(end) && now > end) return '公示已结束';
  if (!Number.isNaN(start) && now < start) return '公示未开始';
  return '公示中';
}
