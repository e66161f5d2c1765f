import type { DeliveredMessage, Endpoint, EndpointStats, Fault } from './state';

export interface FakeStats {
  endpoints: Record<Endpoint, EndpointStats>;
  tokensIssued: number;
  messagesDelivered: number;
}

/**
 * Typed access to the fake's /__test/ routes over HTTP, for unit and e2e tests (and scripts)
 * that run against a fake started elsewhere.
 */
export class FakeWechatDriver {
  constructor(readonly baseUrl: string) {}

  private async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`fake-wechat ${method} ${path}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async loginCode(openid: string, unionid?: string, ttlSeconds?: number): Promise<string> {
    return (await this.call<{ code: string }>('POST', '/__test/login-code', { openid, unionid, ttlSeconds })).code;
  }

  grantCredits(openid: string, templateId: string, count = 1) {
    return this.call<{ credits: number }>('POST', '/__test/credits', { openid, templateId, count });
  }

  revokeCredits(openid: string, templateId: string) {
    return this.call<{ credits: number }>('DELETE', '/__test/credits', { openid, templateId });
  }

  credits(openid: string, templateId: string) {
    const q = new URLSearchParams({ openid, templateId });
    return this.call<{ credits: number; longTerm: boolean; longTermGranted: boolean }>('GET', `/__test/credits?${q}`);
  }

  markLongTerm(templateId: string) {
    return this.call('POST', '/__test/long-term', { templateId });
  }

  grantLongTerm(openid: string, templateId: string) {
    return this.call('POST', '/__test/long-term-grant', { openid, templateId });
  }

  expireToken() {
    return this.call<{ expired: string[] }>('POST', '/__test/expire-token', {});
  }

  /** Replaces the endpoint's fault queue; [] clears it. */
  injectFaults(endpoint: Endpoint, errors: Fault[]) {
    return this.call('POST', '/__test/faults', { endpoint, errors });
  }

  setLatency(ms: number, endpoint?: Endpoint) {
    return this.call('POST', '/__test/latency', { ms, endpoint });
  }

  advanceClock(seconds: number) {
    return this.call('POST', '/__test/clock', { advanceSeconds: seconds });
  }

  setCallback(url: string, token?: string) {
    return this.call('POST', '/__test/callback', { url, token });
  }

  async messages(openid?: string): Promise<DeliveredMessage[]> {
    const q = openid === undefined ? '' : `?${new URLSearchParams({ openid })}`;
    return (await this.call<{ messages: DeliveredMessage[] }>('GET', `/__test/messages${q}`)).messages;
  }

  clearMessages() {
    return this.call('DELETE', '/__test/messages');
  }

  receipt(openid: string, templateId: string, msgid: string, status: 'success' | 'user_refused' | 'failed') {
    return this.call<{ delivered: boolean; callbackStatus: number; callbackBody: string }>('POST', '/__test/receipt', {
      openid,
      templateId,
      msgid,
      status,
    });
  }

  changeEvent(openid: string, templateId: string, status: 'reject' | 'accept' = 'reject') {
    return this.call<{ delivered: boolean; callbackStatus: number }>('POST', '/__test/change-event', { openid, templateId, status });
  }

  reset() {
    return this.call('POST', '/__test/reset', {});
  }

  stats() {
    return this.call<FakeStats>('GET', '/__test/stats');
  }
}
