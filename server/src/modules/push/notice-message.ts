import { DOMAIN_LABELS, NOTICE_DETAIL_PAGE, NOTICE_KIND_LABELS, type NoticeKind, type TemplateInput } from '@sunboard/shared';
import type { Notice } from '../notices/notice.entity';

/** Kinds as a `phrase` field can show them (≤ 5 Chinese characters). */
export const NOTICE_KIND_PHRASES: Record<NoticeKind, string> = {
  publicity: '公示',
  notice: '通知',
  finance: '财务公开',
  service_guide: '办事指南',
  policy_interpretation: '政策解读',
  consultation_result: '意见采纳',
  emergency: '紧急通知',
};

/** Code points of `s`, at most `max` of them. */
const cut = (s: string, max: number): string => {
  const cps = Array.from(s);
  return cps.length <= max ? s : `${cps.slice(0, max - 1).join('')}…`;
};

/** What a published notice's message says: template values, the page it opens, the message-centre text. */
export function noticeMessage(notice: Notice, regionName: string, publishedAt: Date) {
  const values: Record<string, TemplateInput> = {
    title: notice.title,
    publishedAt,
    region: regionName,
    publisher: notice.publisher,
    kind: NOTICE_KIND_PHRASES[notice.kind] ?? '通知',
    domain: DOMAIN_LABELS[notice.domain] ?? '',
  };
  return {
    values,
    page: `${NOTICE_DETAIL_PAGE}?id=${notice.id}`,
    title: cut(notice.urgent ? `【紧急】${notice.title}` : notice.title, 120),
    body: cut(`${regionName} · ${NOTICE_KIND_LABELS[notice.kind] ?? '通知'} · ${DOMAIN_LABELS[notice.domain] ?? ''} · ${notice.publisher}`, 500),
    /** Unique per notice version and resident: re-running the enqueue writes nothing new. */
    dedupePrefix: `notice:${notice.id}:v${notice.version}:user:`,
  };
}
