/**
 * The h5 demo has no wx.requestSubscribeMessage. When the server runs with the fake WeChat
 * (client-config names a dev login), the demo answers "accept" for the chosen templates itself and
 * grants the same credit at the fake WeChat, so the demo phone (`{fake}/phone?openid=…`) shows
 * the deliveries. Never used in the real mini program.
 */
export interface DemoGrant {
  url: string;
  body: { openid: string; templateId: string };
}

/** The fake WeChat's origin, from the dev-login code URL (`http://127.0.0.1:4010/__test/login-code`). */
export function fakeWechatBase(codeUrl: string | null | undefined): string | null {
  if (!codeUrl) return null;
  const m = /^(https?:\/\/[^/?#]+)/i.exec(codeUrl.trim());
  return m ? m[1] : null;
}

/** One grant per template: a one-time credit, or the long-term grant for a long-term template. */
export function demoGrants(base: string, openid: string, templates: ReadonlyArray<{ templateId: string; longTerm: boolean }>): DemoGrant[] {
  const seen = new Set<string>();
  const out: DemoGrant[] = [];
  for (const t of templates) {
    if (!t.templateId || seen.has(t.templateId)) continue;
    seen.add(t.templateId);
    out.push({ url: `${base}/__test/${t.longTerm ? 'long-term-grant' : 'credits'}`, body: { openid, templateId: t.templateId } });
  }
  return out;
}

/** What requestSubscribeMessage would have answered had the resident accepted everything. */
export function simulatedAcceptAll(ids: ReadonlyArray<string>): Record<string, 'accept'> {
  return Object.fromEntries(ids.map((id) => [id, 'accept' as const]));
}
