import { WechatApiError, WechatTransportError, type WechatEndpoint } from './wechat.errors';

export interface WechatHttpRequest {
  endpoint: WechatEndpoint;
  method: 'GET' | 'POST';
  path: string;
  query: Record<string, string>;
  body?: unknown;
}

export type WechatHttpResult = { kind: 'json'; body: Record<string, unknown> } | { kind: 'image'; contentType: string; bytes: Buffer };

/**
 * Parses a WeChat JSON answer. `msgid` exceeds 2^53, so its digits are quoted before JSON.parse
 * and it comes back as an exact string.
 */
export function parseWechatJson(text: string): Record<string, unknown> {
  const quoted = text.replace(/("msgid"\s*:\s*)(-?\d+)/g, '$1"$2"');
  const parsed: unknown = JSON.parse(quoted);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SyntaxError('not a JSON object');
  return parsed as Record<string, unknown>;
}

/**
 * One HTTP exchange with WeChat: no retries here. Returns JSON (errcode 0 or absent) or image
 * bytes; throws WechatApiError for a non-zero errcode and WechatTransportError for everything that
 * is not a WeChat answer. Nothing here logs, and errors never carry the URL (it holds secrets).
 */
export async function wechatHttp(apiBase: string, timeoutMs: number, req: WechatHttpRequest): Promise<WechatHttpResult> {
  const qs = new URLSearchParams(req.query).toString();
  const url = qs ? `${apiBase}${req.path}?${qs}` : `${apiBase}${req.path}`;
  let res: Response;
  let bytes: Buffer;
  try {
    res = await fetch(url, {
      method: req.method,
      headers: req.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    bytes = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    // Duck-typed: DOMException and undici errors may come from another realm (e.g. under jest).
    const e = err as { name?: unknown; message?: unknown; cause?: { message?: unknown } } | null;
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
      throw new WechatTransportError('timeout', req.endpoint, `no answer within ${timeoutMs} ms`);
    }
    const detail = typeof e?.cause?.message === 'string' ? e.cause.message : String(e?.message ?? err);
    throw new WechatTransportError('network', req.endpoint, detail);
  }
  if (!res.ok) throw new WechatTransportError('http', req.endpoint, `HTTP ${res.status}`, res.status);
  const contentType = res.headers.get('content-type') ?? '';
  if (/^image\//i.test(contentType)) return { kind: 'image', contentType, bytes };

  let body: Record<string, unknown>;
  try {
    body = parseWechatJson(bytes.toString('utf8'));
  } catch {
    throw new WechatTransportError('parse', req.endpoint, `unreadable answer (${contentType || 'no content type'})`);
  }
  if (typeof body.errcode === 'number' && body.errcode !== 0) {
    throw new WechatApiError(body.errcode, typeof body.errmsg === 'string' ? body.errmsg : '', req.endpoint);
  }
  return { kind: 'json', body };
}
