import type { FastifyInstance } from 'fastify';
import type { FakeContext } from '../context';
import type { IssuedToken } from '../state';
import { objectBody, queryParam, registerEndpoint } from '../wechat-endpoint';
import { WechatFault } from '../wechat-error';

const MIN_EXPIRES_IN_S = 300;
const CLASSIC_GRACE_MS = 5 * 60_000;
const FORCE_REFRESH_PER_DAY = 20;
const FORCE_REFRESH_GAP_MS = 30_000;
const DAY_MS = 24 * 3600_000;

function checkCredentials(ctx: FakeContext, grantType: unknown, appid: unknown, secret: unknown): void {
  if (appid !== ctx.options.appid) throw new WechatFault(40013);
  if (secret !== ctx.options.secret) throw new WechatFault(40125);
  if (grantType !== 'client_credential') throw new WechatFault(40002);
}

const alive = (t: IssuedToken | undefined, now: number): t is IssuedToken =>
  !!t && now < t.expiresAtMs && (t.invalidAfterMs === undefined || now < t.invalidAfterMs);

/**
 * POST /cgi-bin/stable_token and GET /cgi-bin/token.
 *
 * stable_token, normal mode: the same token while it has ≥ 300 s left (expires_in is what remains);
 * with less left a new one is issued and the old one keeps working until it expires, so any
 * expires_in returned is ≥ 300.
 * stable_token, force_refresh: as WeChat documents, the previous token stops working at once (40001
 * afterwards). Limited to 20 per rolling 24 h (45009) and 30 s apart (45011: WeChat's own wording
 * for this is undocumented; 45011 is its "too frequent" code).
 * cgi-bin/token: every call issues a new token; the previous one keeps working 5 minutes, then 40001.
 * The two kinds are independent, as in WeChat.
 */
export function tokenRoutes(app: FastifyInstance, ctx: FakeContext): void {
  const { state } = ctx;
  const ttl = () => ctx.options.tokenTtlSeconds;

  registerEndpoint(app, ctx, {
    method: 'POST',
    url: '/cgi-bin/stable_token',
    endpoint: 'stable_token',
    needsToken: false,
    handle: (req) => {
      const body = objectBody(req);
      checkCredentials(ctx, body.grant_type, body.appid, body.secret);
      if (body.force_refresh !== undefined && typeof body.force_refresh !== 'boolean') throw new WechatFault(47001);
      const now = state.now();
      const currentId = state.latestToken.stable;
      const current = currentId ? state.tokens.get(currentId) : undefined;
      if (body.force_refresh === true) {
        state.forceRefreshesMs = state.forceRefreshesMs.filter((t) => now - t < DAY_MS);
        if (state.forceRefreshesMs.length >= FORCE_REFRESH_PER_DAY) throw new WechatFault(45009);
        const last = state.forceRefreshesMs.at(-1);
        if (last !== undefined && now - last < FORCE_REFRESH_GAP_MS) throw new WechatFault(45011);
        state.forceRefreshesMs.push(now);
        if (current) current.invalidAfterMs = now;
      } else if (currentId && alive(current, now)) {
        const left = Math.floor((current.expiresAtMs - now) / 1000);
        if (left >= MIN_EXPIRES_IN_S) return { json: { access_token: currentId, expires_in: left } };
      }
      return { json: { access_token: state.issueToken('stable', ttl()), expires_in: ttl() } };
    },
  });

  registerEndpoint(app, ctx, {
    method: 'GET',
    url: '/cgi-bin/token',
    endpoint: 'token',
    needsToken: false,
    handle: (req) => {
      checkCredentials(ctx, queryParam(req, 'grant_type'), queryParam(req, 'appid'), queryParam(req, 'secret'));
      const now = state.now();
      const previous = state.latestToken.classic ? state.tokens.get(state.latestToken.classic) : undefined;
      if (previous) previous.invalidAfterMs = Math.min(previous.invalidAfterMs ?? Infinity, now + CLASSIC_GRACE_MS);
      return { json: { access_token: state.issueToken('classic', ttl()), expires_in: ttl() } };
    },
  });
}
