import {
  createNoticeSchema,
  findPersonalData,
  noticeConsistencyIssues,
  maskAs,
  type Audience,
  type Channel,
  type CreateNoticeInput,
  type DisclosureCategory,
  type DisclosureMethod,
  type Domain,
  type NoticeKind,
  type RegionLevel,
  type StaffNoticeDetailDto,
} from '@sunboard/shared';
import { addDays, dateInputToIso, isoToDateInput, todayInChina } from './compose-dates';
import { htmlToParagraphs, paragraphsToHtml } from './notice-body';

/**
 * The compose page's form: strings and codes as the controls hold them, turned into the API's
 * `CreateNoticeInput` (and checked with the same shared schema the server applies) on save.
 */
export interface GuideForm {
  conditions: string;
  /** One material per line. */
  materials: string;
  /** One step per line. */
  steps: string;
  placeAndTime: string;
  consultPhone: string;
  complaintPhone: string;
}

export interface ComposeForm {
  title: string;
  /** Plain text; each line a paragraph. */
  body: string;
  basis: string;
  timeLimit: string;
  publisher: string;
  method: DisclosureMethod;
  channels: Channel[];
  audience: Audience;
  domain: Domain | '';
  category: DisclosureCategory | '';
  kind: NoticeKind;
  regionId: number | null;
  docNo: string;
  indexNo: string;
  /** `YYYY-MM-DD` or '' */
  validFrom: string;
  validUntil: string;
  publicityStart: string;
  publicityEnd: string;
  urgent: boolean;
  pinned: boolean;
  guide: GuideForm;
  attachmentIds: number[];
  tableId: number | null;
}

export type ComposeField = keyof ComposeForm | `guide.${keyof GuideForm}`;

/** 时限 of active disclosure: 20 working days (政府信息公开条例 Art. 26). */
export const DEFAULT_TIME_LIMIT = '自信息形成之日起20个工作日内';
export const DEFAULT_CHANNELS: Channel[] = ['mini_program', 'notice_board'];
/** 低保 and similar lists are shown for 7 days. */
export const DEFAULT_PUBLICITY_DAYS = 7;

/** The 五公开 category that usually goes with a kind (the author can change it). */
export const CATEGORY_FOR_KIND: Record<NoticeKind, DisclosureCategory> = {
  publicity: 'result',
  notice: 'execution',
  finance: 'management',
  service_guide: 'service',
  policy_interpretation: 'decision',
  consultation_result: 'decision',
  emergency: 'execution',
};

/**
 * 主体 from the region: 光明社区 → 光明社区居委会, 北渡村 → 北渡村村委会, 马庄街道 → 马庄街道办事处,
 * 曹镇乡 / 湛河区 → …人民政府. A grid speaks for the community it belongs to.
 */
export function defaultPublisher(region: { name: string; level: RegionLevel; fullName?: string } | null | undefined): string {
  if (!region) return '';
  const { name, level } = region;
  switch (level) {
    case 'community':
      return `${name}居委会`;
    case 'village':
      return `${name}村委会`;
    case 'street':
      return name.endsWith('街道') ? `${name}办事处` : `${name}街道办事处`;
    case 'town':
    case 'district':
      return `${name}人民政府`;
    case 'grid': {
      const parts = (region.fullName ?? '').split('/').map((s) => s.trim()).filter(Boolean);
      const parent = parts[parts.length - 2];
      if (!parent) return '';
      return parent.endsWith('村') ? `${parent}村委会` : `${parent}居委会`;
    }
  }
}

const emptyGuide = (): GuideForm => ({ conditions: '', materials: '', steps: '', placeAndTime: '', consultPhone: '', complaintPhone: '' });

/** A new draft with the sensible defaults: 主动公开 on 小程序 + 公开栏 to 全社会, 20 working days. */
export function newComposeForm(region: { id: number; name: string; level: RegionLevel; fullName?: string } | null, now = Date.now()): ComposeForm {
  const today = todayInChina(now);
  return {
    title: '',
    body: '',
    basis: '',
    timeLimit: DEFAULT_TIME_LIMIT,
    publisher: defaultPublisher(region),
    method: 'active',
    channels: [...DEFAULT_CHANNELS],
    audience: 'public',
    domain: '',
    category: CATEGORY_FOR_KIND.publicity,
    kind: 'publicity',
    regionId: region?.id ?? null,
    docNo: '',
    indexNo: '',
    validFrom: '',
    validUntil: '',
    publicityStart: today,
    publicityEnd: addDays(today, DEFAULT_PUBLICITY_DAYS),
    urgent: false,
    pinned: false,
    guide: emptyGuide(),
    attachmentIds: [],
    tableId: null,
  };
}

/** A stored notice (a draft being edited) back into the form. */
export function composeFormFromNotice(n: StaffNoticeDetailDto): ComposeForm {
  return {
    title: n.title,
    body: htmlToParagraphs(n.body),
    basis: n.basis,
    timeLimit: n.timeLimit,
    publisher: n.publisher,
    method: n.method,
    channels: [...n.channels],
    audience: n.audience,
    domain: n.domain,
    category: n.category,
    kind: n.kind,
    regionId: n.regionId,
    docNo: n.docNo ?? '',
    indexNo: n.indexNo ?? '',
    validFrom: isoToDateInput(n.validFrom),
    validUntil: isoToDateInput(n.validUntil),
    publicityStart: isoToDateInput(n.publicityStartsAt),
    publicityEnd: isoToDateInput(n.publicityEndsAt),
    urgent: n.urgent,
    pinned: n.pinned,
    guide: n.guide
      ? {
          conditions: n.guide.conditions,
          materials: n.guide.materials.join('\n'),
          steps: n.guide.steps.join('\n'),
          placeAndTime: n.guide.placeAndTime,
          consultPhone: n.guide.consultPhone,
          complaintPhone: n.guide.complaintPhone,
        }
      : emptyGuide(),
    attachmentIds: n.attachments.map((a) => a.id),
    tableId: n.table?.id ?? null,
  };
}

const lines = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The request body (before validation). A 公示 period is sent only for kinds that use one. */
export function composeFormToInput(f: ComposeForm): Record<string, unknown> {
  const withPeriod = f.kind === 'publicity' || !!(f.publicityStart || f.publicityEnd);
  return {
    title: f.title,
    body: paragraphsToHtml(f.body),
    basis: f.basis,
    timeLimit: f.timeLimit,
    publisher: f.publisher,
    method: f.method,
    channels: f.channels,
    audience: f.audience,
    domain: f.domain || undefined,
    category: f.category || undefined,
    kind: f.kind,
    regionId: f.regionId ?? undefined,
    docNo: f.docNo.trim() || null,
    indexNo: f.indexNo.trim() || null,
    validFrom: dateInputToIso(f.validFrom),
    validUntil: dateInputToIso(f.validUntil, true),
    publicityStartsAt: withPeriod ? dateInputToIso(f.publicityStart) : null,
    publicityEndsAt: withPeriod ? dateInputToIso(f.publicityEnd, true) : null,
    urgent: f.urgent,
    pinned: f.pinned,
    guide:
      f.kind === 'service_guide'
        ? {
            conditions: f.guide.conditions,
            materials: lines(f.guide.materials),
            steps: lines(f.guide.steps),
            placeAndTime: f.guide.placeAndTime,
            consultPhone: f.guide.consultPhone,
            complaintPhone: f.guide.complaintPhone,
          }
        : null,
    attachmentIds: f.attachmentIds,
    tableId: f.tableId,
  };
}

/** Reasons by field, for showing under each control. */
export type FieldErrors = Partial<Record<string, string>>;

/** Messages for fields the shared schema names in English terms or generically. */
const REQUIRED: Partial<Record<string, string>> = {
  domain: '请选择领域',
  category: '请选择五公开类别',
  regionId: '请选择发布区域',
};

/** A server path (`guide.materials.2`) as the form field that holds it (`guide.materials`). */
export function formFieldOf(path: string): string {
  if (path === 'publicityStartsAt') return 'publicityStart';
  if (path === 'publicityEndsAt') return 'publicityEnd';
  const m = /^guide\.(\w+)/.exec(path);
  if (m) return `guide.${m[1]}`;
  return path.split('.')[0];
}

/** Checks the form with the server's own schema: the input to send, or the problems by field. */
export function validateComposeForm(f: ComposeForm): { ok: true; input: CreateNoticeInput } | { ok: false; errors: FieldErrors } {
  const raw = composeFormToInput(f);
  const parsed = createNoticeSchema.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  // zod skips the cross-field rules while single fields fail: add them, so every problem shows at once.
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), reason: i.message }));
  return { ok: false, errors: issuesToFieldErrors([...issues, ...noticeConsistencyIssues(raw as Parameters<typeof noticeConsistencyIssues>[0])]) };
}

/** `[{path, reason}]` (the server's VALIDATION_FAILED details, or zod's) → the first reason per form field. */
export function issuesToFieldErrors(issues: ReadonlyArray<{ path: string; reason: string }>): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const field = formFieldOf(issue.path || '(body)');
    if (out[field]) continue;
    out[field] = REQUIRED[field] && /Invalid|无效|必须是|expected/i.test(issue.reason) ? REQUIRED[field] : issue.reason;
  }
  return out;
}

/** Text fields the server checks for unmasked ID and mobile numbers (咨询/监督电话 are public numbers). */
const CHECKED_TEXT: Array<keyof ComposeForm> = ['title', 'body', 'basis', 'timeLimit', 'publisher', 'docNo', 'indexNo'];
const CHECKED_GUIDE: Array<keyof GuideForm> = ['conditions', 'placeAndTime', 'materials', 'steps'];

/** ID and mobile numbers masked in place (`41**************56`, `138****1234`); bank accounts stay. */
export function maskIdsAndPhones(text: string): { text: string; count: number } {
  let out = '';
  let at = 0;
  let count = 0;
  for (const m of findPersonalData(text)) {
    if (m.kind === 'bank_account') continue;
    out += text.slice(at, m.index) + maskAs(m.kind, m.value);
    at = m.index + m.value.length;
    count++;
  }
  return { text: out + text.slice(at), count };
}

/** The one-tap fix for PERSONAL_DATA_FOUND: every such number in the form masked; how many were. */
export function maskFormPersonalData(f: ComposeForm): { form: ComposeForm; count: number } {
  let count = 0;
  const next: ComposeForm = { ...f, guide: { ...f.guide } };
  for (const key of CHECKED_TEXT) {
    const r = maskIdsAndPhones(String(next[key] ?? ''));
    count += r.count;
    (next as unknown as Record<string, unknown>)[key] = r.text;
  }
  for (const key of CHECKED_GUIDE) {
    const r = maskIdsAndPhones(next.guide[key]);
    count += r.count;
    next.guide[key] = r.text;
  }
  return { form: next, count };
}

/** One finding of a PERSONAL_DATA_FOUND answer, as shown to the author. */
export interface PersonalDataFinding {
  path: string;
  /** Which field, in words: 内容, 名称, 所需材料第 3 项 … */
  fieldLabel: string;
  kindLabel: string;
  /** The text around the number, with the number already masked by the server. */
  excerpt: string;
}

const FIELD_LABELS: Record<string, string> = {
  title: '名称',
  body: '内容',
  basis: '依据',
  timeLimit: '时限',
  publisher: '发布主体',
  docNo: '文号',
  indexNo: '索引号',
  'guide.conditions': '办理条件',
  'guide.placeAndTime': '办理地点和时间',
};

export function fieldLabelOf(path: string): string {
  const m = /^guide\.(materials|steps)\.(\d+)$/.exec(path);
  if (m) return m[1] === 'materials' ? `所需材料第 ${Number(m[2]) + 1} 项` : `办理流程第 ${Number(m[2]) + 1} 步`;
  return FIELD_LABELS[path] ?? path;
}

/** The findings in an error's `details` (anything malformed is skipped). */
export function personalDataFindings(details: unknown): PersonalDataFinding[] {
  if (!Array.isArray(details)) return [];
  const out: PersonalDataFinding[] = [];
  for (const d of details) {
    if (!d || typeof d !== 'object') continue;
    const { path, kind, excerpt } = d as { path?: unknown; kind?: unknown; excerpt?: unknown };
    if (typeof path !== 'string') continue;
    out.push({
      path,
      fieldLabel: fieldLabelOf(path),
      kindLabel: kind === 'id_number' ? '身份证号' : kind === 'phone' ? '手机号码' : '个人信息',
      excerpt: typeof excerpt === 'string' ? excerpt : '',
    });
  }
  return out;
}
