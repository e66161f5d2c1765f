/**
 * The load generator's HTTP client: node:http over one keep-alive Agent (no socket limit, so each
 * virtual user that has a request in flight holds its own connection, as each phone would), JSON in
 * and out, a time limit per request, and every request timed and counted by the Recorder.
 */
import http from 'node:http';

export const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024, keepAliveMsecs: 10_000 });

/** What a request ended as: an HTTP status, or a transport failure ('timeout', 'ECONNRESET' …). */
export class HttpResult {
  constructor(status, body, text) {
    this.status = status;
    this.body = body;
    this.text = text;
  }
  get ok() {
    return typeof this.status === 'number' && this.status >= 200 && this.status < 400;
  }
}

/**
 * One request. `token` is the bearer token; `ip` the client address sent as X-Forwarded-For (the
 * server runs with TRUST_PROXY=true, as behind nginx, so each virtual user has an address of its own).
 */
export function request(base, method, path, { token, ip, body, timeoutMs = 15_000 } = {}) {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    if (token) headers.authorization = `Bearer ${token}`;
    if (ip) headers['x-forwarded-for'] = ip;
    const url = new URL(path, base);
    let settled = false;
    const done = (r) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed = null;
        if (text && String(res.headers['content-type'] ?? '').includes('application/json')) {
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = null;
          }
        }
        done(new HttpResult(res.statusCode, parsed, text));
      });
      res.on('error', (err) => done(new HttpResult(err.code ?? 'ERROR', null, err.message)));
    });
    const timer = setTimeout(() => {
      req.destroy();
      done(new HttpResult('timeout', null, `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (err) => done(new HttpResult(err.code ?? 'ERROR', null, err.message)));
    if (payload) req.write(payload);
    req.end();
  });
}
