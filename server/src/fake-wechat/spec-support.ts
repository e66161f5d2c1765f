import { createFakeWechat, type FakeWechat, type FakeWechatOptions } from './fake-wechat';
import { FakeWechatDriver } from './fake-wechat.driver';

/** Helpers for the fake's own specs: a fake on a random port and raw HTTP calls to it. */
export const APPID = 'wx_spec_app';
export const SECRET = 'spec-secret';

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
  bytes: Buffer;
  json: Record<string, unknown>;
}

export async function startFake(opts: Partial<FakeWechatOptions> = {}): Promise<{ fake: FakeWechat; driver: FakeWechatDriver; raw: RawClient }> {
  const fake = await createFakeWechat({ port: 0, appid: APPID, secret: SECRET, ...opts });
  return { fake, driver: new FakeWechatDriver(fake.url), raw: new RawClient(fake.url) };
}

export class RawClient {
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<RawAnswer> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      ...init,
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON (PNG, HTML): leave empty
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, bytes, json };
  }

  get(path: string): Promise<RawAnswer> {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown): Promise<RawAnswer> {
    return this.request('POST', path, body);
  }

  async stableToken(forceRefresh = false): Promise<RawAnswer> {
    return this.post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APPID, secret: SECRET, force_refresh: forceRefresh });
  }

  async token(): Promise<string> {
    const { json } = await this.stableToken();
    return json.access_token as string;
  }

  jscode2session(code: string, appid = APPID, secret = SECRET): Promise<RawAnswer> {
    const q = new URLSearchParams({ appid, secret, js_code: code, grant_type: 'authorization_code' });
    return this.get(`/sns/jscode2session?${q}`);
  }

  async send(body: unknown, token?: string): Promise<RawAnswer> {
    return this.post(`/cgi-bin/message/subscribe/send?access_token=${token ?? (await this.token())}`, body);
  }
}
