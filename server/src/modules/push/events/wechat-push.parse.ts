import type { FieldIssue } from '@sunboard/shared';

/** One delivery receipt of `subscribe_msg_sent_event`. */
export interface SentReceipt {
  templateId: string;
  /** As a string: WeChat's msgids exceed 2^53. */
  msgid: string;
  /** 0 delivered; otherwise why not (e.g. 20004 the user refused, 20005 system failure). */
  errorCode: number;
  errorStatus: string;
  /** The item with the envelope, as stored in push_event.raw. */
  raw: string;
}

/** One switch change of `subscribe_msg_change_event`. */
export interface SubscriptionChange {
  templateId: string;
  /** `reject` (switched off) or `accept`. */
  status: string;
  raw: string;
}

export type WechatPush =
  | { kind: 'sent'; openid: string; receipts: SentReceipt[] }
  | { kind: 'change'; openid: string; changes: SubscriptionChange[] }
  | { kind: 'other'; event: string; openid: string };

export class WechatPushError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.reason}`).join('; '));
  }
}

/**
 * JSON.parse that keeps WeChat's big integers exact: the digits of `MsgID`/`msgid` are quoted first,
 * so they arrive as strings (a JS number would round anything above 2^53).
 */
export function parsePushJson(text: string): unknown {
  return JSON.parse(text.replace(/("(?:MsgID|MsgId|msgid)"\s*:\s*)(-?\d+)/g, '$1"$2"'));
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * Reads a WeChat message push (JSON mode) into what Sunboard acts on. `List` is an object for one
 * item and an array for several. Throws WechatPushError naming each bad field.
 */
export function readWechatPush(body: unknown): WechatPush {
  if (!isObject(body)) throw new WechatPushError([{ path: '', reason: '消息体必须是 JSON 对象' }]);
  const event = str(body.Event);
  const openid = str(body.FromUserName);
  const issues: FieldIssue[] = [];
  if (!event) issues.push({ path: 'Event', reason: '缺少事件类型' });
  if (!openid) issues.push({ path: 'FromUserName', reason: '缺少用户 openid' });
  if (!event || !openid) throw new WechatPushError(issues);
  if (openid.length > 64) throw new WechatPushError([{ path: 'FromUserName', reason: 'openid 过长' }]);
  if (event !== 'subscribe_msg_sent_event' && event !== 'subscribe_msg_change_event') return { kind: 'other', event, openid };

  const list = body.List;
  const items = Array.isArray(list) ? list : isObject(list) ? [list] : null;
  if (!items || items.length === 0) throw new WechatPushError([{ path: 'List', reason: '缺少 List（对象或数组）' }]);
  const envelope = { ToUserName: body.ToUserName, FromUserName: openid, CreateTime: body.CreateTime, MsgType: body.MsgType, Event: event };

  if (event === 'subscribe_msg_sent_event') {
    const receipts: SentReceipt[] = [];
    items.forEach((item, i) => {
      const at = Array.isArray(list) ? `List.${i}` : 'List';
      if (!isObject(item)) return void issues.push({ path: at, reason: '必须是对象' });
      const templateId = str(item.TemplateId);
      const msgid = typeof item.MsgID === 'string' && /^\d{1,32}$/.test(item.MsgID) ? item.MsgID : null;
      const code = typeof item.ErrorCode === 'number' ? item.ErrorCode : typeof item.ErrorCode === 'string' && /^-?\d+$/.test(item.ErrorCode) ? Number(item.ErrorCode) : null;
      if (!templateId || templateId.length > 64) issues.push({ path: `${at}.TemplateId`, reason: '缺少模板 ID 或过长' });
      if (!msgid) issues.push({ path: `${at}.MsgID`, reason: '必须是数字消息 ID' });
      if (code === null || !Number.isSafeInteger(code)) issues.push({ path: `${at}.ErrorCode`, reason: '必须是整数' });
      if (!templateId || !msgid || code === null || templateId.length > 64) return;
      const errorStatus = (str(item.ErrorStatus) ?? (code === 0 ? 'success' : 'fail')).slice(0, 32);
      receipts.push({ templateId, msgid, errorCode: code, errorStatus, raw: JSON.stringify({ ...envelope, List: item }) });
    });
    if (issues.length) throw new WechatPushError(issues);
    return { kind: 'sent', openid, receipts };
  }

  const changes: SubscriptionChange[] = [];
  items.forEach((item, i) => {
    const at = Array.isArray(list) ? `List.${i}` : 'List';
    if (!isObject(item)) return void issues.push({ path: at, reason: '必须是对象' });
    const templateId = str(item.TemplateId);
    const status = str(item.SubscribeStatusString);
    if (!templateId || templateId.length > 64) issues.push({ path: `${at}.TemplateId`, reason: '缺少模板 ID 或过长' });
    if (!status) issues.push({ path: `${at}.SubscribeStatusString`, reason: '缺少订阅状态' });
    if (!templateId || !status || templateId.length > 64) return;
    changes.push({ templateId, status: status.slice(0, 32), raw: JSON.stringify({ ...envelope, List: item }) });
  });
  if (issues.length) throw new WechatPushError(issues);
  return { kind: 'change', openid, changes };
}
