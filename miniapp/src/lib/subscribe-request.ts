/**
 * Asking WeChat for reminder credits (wx.requestSubscribeMessage): which template ids go into one
 * call, reading the answer, and saying the outcome in plain Chinese. No @tarojs imports here; the
 * call itself is in hooks/useSubscribe.
 *
 * WeChat's rules: the call only works inside a tap, takes at most 3 ids, and one-time and
 * long-term ids can't be mixed in one call. Each "accept" of a one-time template allows one send.
 */
export const MAX_IDS_PER_CALL = 3;

export const MESSAGE_TYPES = [
  'notice_published',
  'case_progress',
  'consultation_opened',
  'consultation_closing',
  'consultation_result',
  'rating_reply',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const MESSAGE_TYPE_LABELS: Record<MessageType, string> = {
  notice_published: '新公开信息提醒',
  case_progress: '办件进度提醒',
  consultation_opened: '征求意见开始提醒',
  consultation_closing: '征求意见即将截止提醒',
  consultation_result: '征求意见结果提醒',
  rating_reply: '评价回复提醒',
};

export function messageTypeLabel(type: string): string {
  return (MESSAGE_TYPE_LABELS as Record<string, string>)[type] ?? '消息提醒';
}

export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';
const ANSWERS: ReadonlySet<string> = new Set(['accept', 'reject', 'ban', 'filter']);

export interface TemplateInfo {
  messageType: string;
  templateId: string;
  longTerm: boolean;
  /** The server's name for the message type, when it gives one. */
  label?: string;
}

export interface CreditInfo extends TemplateInfo {
  /** One-time credits left (0 for a long-term template). */
  remaining: number;
  /** Long-term templates: the resident accepted once (reminders until switched off). */
  accepted: boolean;
  switchedOff: boolean;
}

/**
 * The calls needed for the chosen message types, in order: one-time ids first (the chosen order),
 * then long-term ones; never more than 3 ids per call, never both kinds in one call; a template
 * shared by two types asked once.
 */
export function planSubscribeBatches(templates: ReadonlyArray<TemplateInfo>, chosen: ReadonlyArray<string>): string[][] {
  const byType = new Map(templates.map((t) => [t.messageType, t]));
  const seen = new Set<string>();
  const oneTime: string[] = [];
  const longTerm: string[] = [];
  for (const type of chosen) {
    const t = byType.get(type);
    if (!t || !t.templateId || seen.has(t.templateId)) continue;
    seen.add(t.templateId);
    (t.longTerm ? longTerm : oneTime).push(t.templateId);
  }
  const chunk = (ids: string[]) => {
    const out: string[][] = [];
    for (let i = 0; i < ids.length; i += MAX_IDS_PER_CALL) out.push(ids.slice(i, i + MAX_IDS_PER_CALL));
    return out;
  };
  return [...chunk(oneTime), ...chunk(longTerm)];
}

/** The answer per asked id from requestSubscribeMessage's success result (`errMsg` and unknown values dropped). */
export function readSubscribeResult(res: unknown, asked: ReadonlyArray<string>): Record<string, SubscribeAnswer> {
  const r = (res && typeof res === 'object' ? res : {}) as Record<string, unknown>;
  const out: Record<string, SubscribeAnswer> = {};
  for (const id of asked) {
    const v = r[id];
    if (typeof v === 'string' && ANSWERS.has(v)) out[id] = v as SubscribeAnswer;
  }
  return out;
}

/** What a failed requestSubscribeMessage means to the resident. */
export type SubscribeFailureKind = 'switch_off' | 'not_in_tap' | 'unsupported' | 'other';

export const SWITCH_OFF_GUIDANCE =
  '您关闭了微信的“订阅消息”总开关，所以现在无法订阅提醒。打开方法：点右上角“···”，选“设置”，再点“订阅消息”，打开“接收订阅消息”，然后回来再点一次“订阅提醒”。';

export function describeSubscribeFailure(err: unknown): { kind: SubscribeFailureKind; message: string } {
  const e = (err && typeof err === 'object' ? err : {}) as { errCode?: unknown; errMsg?: unknown; message?: unknown };
  const code = Number(e.errCode);
  const msg = String(e.errMsg ?? e.message ?? '');
  if (code === 20004 || /\b20004\b|main switch|switched off/i.test(msg)) return { kind: 'switch_off', message: SWITCH_OFF_GUIDANCE };
  if (/TAP gesture/i.test(msg)) return { kind: 'not_in_tap', message: '请直接点按“订阅提醒”按钮进行订阅' };
  if (/not support|暂不支持|temporarily/i.test(msg)) return { kind: 'unsupported', message: '当前环境不支持订阅提醒，请在微信小程序中操作' };
  return { kind: 'other', message: '订阅没有成功，请稍后再试' };
}

/** One sentence about a call's answers, e.g. `已订阅 2 项提醒；1 项您选择了暂不接收`. */
export function summariseAnswers(answers: Record<string, SubscribeAnswer>): string {
  const count = (a: SubscribeAnswer) => Object.values(answers).filter((v) => v === a).length;
  const parts: string[] = [];
  const accepted = count('accept');
  if (accepted) parts.push(`已订阅 ${accepted} 项提醒`);
  if (count('reject')) parts.push(`${count('reject')} 项您选择了暂不接收`);
  if (count('ban')) parts.push(`${count('ban')} 项已被您设为拒收，可在微信“设置 → 订阅消息”中重新打开`);
  if (count('filter')) parts.push(`${count('filter')} 项暂时无法订阅`);
  return parts.length ? parts.join('；') : '没有订阅任何提醒';
}

type CreditState = Pick<CreditInfo, 'longTerm' | 'remaining' | 'switchedOff'> & { accepted?: boolean };

/** 还可提醒 N 次 / 长期有效 / 已关闭, said plainly for one message type. */
export function creditText(c: CreditState): string {
  if (c.switchedOff) return '已在微信中关闭，不会提醒';
  if (c.longTerm) return c.accepted ? '长期有效' : '未订阅（订阅一次即长期有效）';
  return `还可提醒 ${Math.max(0, Math.floor(c.remaining))} 次`;
}

/** No reminder can be sent now: worth asking again. */
export function needsCredit(c: CreditState): boolean {
  if (c.switchedOff) return true;
  return c.longTerm ? !c.accepted : c.remaining <= 0;
}
