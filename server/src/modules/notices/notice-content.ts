import type { Audience, Channel, CreateNoticeInput, DisclosureCategory, DisclosureMethod, Domain, NoticeKind, UpdateNoticeInput } from '@sunboard/shared';
import { AppError } from '../../common/errors/app-error';
import type { Notice, NoticeGuide } from './notice.entity';
import { plainText, sanitizeNoticeHtml } from './notice-html';

/**
 * A notice's content: everything an author writes and a reviewer approves, nothing of its workflow
 * (status, reviewer, times). It is what the register digests (before/after each step) and what a
 * published version's snapshot holds, so both say exactly which text was approved.
 */
export interface NoticeContent {
  title: string;
  body: string;
  basis: string;
  timeLimit: string;
  publisher: string;
  method: DisclosureMethod;
  channels: Channel[];
  audience: Audience;
  domain: Domain;
  category: DisclosureCategory;
  kind: NoticeKind;
  regionId: number;
  docNo: string | null;
  indexNo: string | null;
  validFrom: string | null;
  validUntil: string | null;
  interpretationId: number | null;
  publicityStartsAt: string | null;
  publicityEndsAt: string | null;
  pinned: boolean;
  urgent: boolean;
  guide: NoticeGuide | null;
  attachmentIds: number[];
  tableId: number | null;
}

/** What a notice links to beyond its own row (attachments and 公示 table live in the uploads module). */
export interface NoticeLinks {
  attachmentIds: number[];
  tableId: number | null;
}

export const NO_LINKS: NoticeLinks = { attachmentIds: [], tableId: null };

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export function contentOf(n: Notice, links: NoticeLinks = NO_LINKS): NoticeContent {
  return {
    title: n.title,
    body: n.body,
    basis: n.basis,
    timeLimit: n.timeLimit,
    publisher: n.publisher,
    method: n.method,
    channels: [...(n.channels ?? [])],
    audience: n.audience,
    domain: n.domain,
    category: n.category,
    kind: n.kind,
    regionId: n.regionId,
    docNo: n.docNo ?? null,
    indexNo: n.indexNo ?? null,
    validFrom: iso(n.validFrom),
    validUntil: iso(n.validUntil),
    interpretationId: n.interpretationId ?? null,
    publicityStartsAt: iso(n.publicityStartsAt),
    publicityEndsAt: iso(n.publicityEndsAt),
    pinned: !!n.pinned,
    urgent: !!n.urgent,
    guide: n.kind === 'service_guide' ? (n.guide ?? null) : null,
    attachmentIds: [...links.attachmentIds],
    tableId: links.tableId,
  };
}

/** A body as stored: sanitised; 400 naming `body` when nothing readable is left (e.g. only a script). */
export function cleanBody(html: string): string {
  const clean = sanitizeNoticeHtml(html);
  if (!plainText(clean)) throw AppError.field('body', '内容不能为空：去掉不允许的标签和脚本后没有文字');
  return clean;
}

const toDate = (v: string | null | undefined): Date | null => (v ? new Date(v) : null);

/**
 * The content after applying write input (a full create or a PATCH) onto `base`. Fields absent from
 * the input keep their value; null clears an optional one. The body is sanitised here.
 */
export function applyInput(base: NoticeContent, input: CreateNoticeInput | UpdateNoticeInput): NoticeContent {
  const next: NoticeContent = { ...base, channels: [...base.channels], attachmentIds: [...base.attachmentIds] };
  const has = (k: keyof UpdateNoticeInput) => Object.prototype.hasOwnProperty.call(input, k) && input[k] !== undefined;
  if (has('title')) next.title = input.title!;
  if (has('body')) next.body = cleanBody(input.body!);
  if (has('basis')) next.basis = input.basis!;
  if (has('timeLimit')) next.timeLimit = input.timeLimit!;
  if (has('publisher')) next.publisher = input.publisher!;
  if (has('method')) next.method = input.method!;
  if (has('channels')) next.channels = [...input.channels!];
  if (has('audience')) next.audience = input.audience!;
  if (has('domain')) next.domain = input.domain!;
  if (has('category')) next.category = input.category!;
  if (has('kind')) next.kind = input.kind!;
  if (has('regionId')) next.regionId = input.regionId!;
  if (has('docNo')) next.docNo = input.docNo ?? null;
  if (has('indexNo')) next.indexNo = input.indexNo ?? null;
  if (has('validFrom')) next.validFrom = iso(toDate(input.validFrom));
  if (has('validUntil')) next.validUntil = iso(toDate(input.validUntil));
  if (has('interpretationId')) next.interpretationId = input.interpretationId ?? null;
  if (has('publicityStartsAt')) next.publicityStartsAt = iso(toDate(input.publicityStartsAt));
  if (has('publicityEndsAt')) next.publicityEndsAt = iso(toDate(input.publicityEndsAt));
  if (has('pinned')) next.pinned = input.pinned!;
  if (has('urgent')) next.urgent = input.urgent!;
  if (has('guide')) next.guide = input.guide ? { ...input.guide, materials: [...input.guide.materials], steps: [...input.guide.steps] } : null;
  // Changing a 办事指南 into another kind drops its guide fields.
  if (next.kind !== 'service_guide' && !has('guide')) next.guide = null;
  // In id order, as the uploads module lists them, so the same attachments always digest the same.
  if (has('attachmentIds')) next.attachmentIds = [...new Set(input.attachmentIds!)].sort((a, b) => a - b);
  if (has('tableId')) next.tableId = input.tableId ?? null;
  return next;
}

/** The entity columns for `content` (links are stored by the uploads module, not here). */
export function columnsOf(content: NoticeContent): Partial<Notice> {
  return {
    title: content.title,
    body: content.body,
    basis: content.basis,
    timeLimit: content.timeLimit,
    publisher: content.publisher,
    method: content.method,
    channels: content.channels,
    audience: content.audience,
    domain: content.domain,
    category: content.category,
    kind: content.kind,
    regionId: content.regionId,
    docNo: content.docNo,
    indexNo: content.indexNo,
    validFrom: toDate(content.validFrom),
    validUntil: toDate(content.validUntil),
    interpretationId: content.interpretationId,
    publicityStartsAt: toDate(content.publicityStartsAt),
    publicityEndsAt: toDate(content.publicityEndsAt),
    pinned: content.pinned,
    urgent: content.urgent,
    guide: content.kind === 'service_guide' ? content.guide : null,
  };
}

/** The content a brand-new draft starts from before the create input is applied. */
export function emptyContent(): NoticeContent {
  return {
    title: '',
    body: '',
    basis: '',
    timeLimit: '',
    publisher: '',
    method: 'active',
    channels: [],
    audience: 'public',
    domain: 'social_assistance',
    category: 'execution',
    kind: 'notice',
    regionId: 0,
    docNo: null,
    indexNo: null,
    validFrom: null,
    validUntil: null,
    interpretationId: null,
    publicityStartsAt: null,
    publicityEndsAt: null,
    pinned: false,
    urgent: false,
    guide: null,
    attachmentIds: [],
    tableId: null,
  };
}

/** True when a 公示's period has ended at `now`: from then on it is never served as current. */
export function publicityEnded(n: Pick<Notice, 'kind' | 'publicityEndsAt'>, now = new Date()): boolean {
  return n.kind === 'publicity' && !!n.publicityEndsAt && new Date(n.publicityEndsAt).getTime() <= now.getTime();
}
