import type { PushFiguresDto, PushTemplateDto } from '@sunboard/shared';
import { demoGrants, fakeWechatBase } from '../lib/demo-subscribe';
import type { TemplateInfo } from '../lib/subscribe-request';
import { getClientConfig } from './auth';
import { http } from './http';

/** Push configuration and figures: template ids per message type, staff delivery figures, the h5 demo's credits. */
let templatesCache: Promise<TemplateInfo[]> | null = null;

/** Template ids per message type; configuration, so fetched once per launch (again after a failure). */
export function getPushTemplates(): Promise<TemplateInfo[]> {
  templatesCache ??= fetchPushTemplates().catch((err: unknown) => {
    templatesCache = null;
    throw err;
  });
  return templatesCache;
}

async function fetchPushTemplates(): Promise<TemplateInfo[]> {
  const res = await http.get<{ items: PushTemplateDto[] }>('/api/push/templates', undefined, { auth: false });
  return res.items.map((t) => ({ messageType: t.messageType, templateId: t.templateId, longTerm: t.longTerm, label: t.label }));
}

/** 送达情况 of one notice for staff (`GET /api/push/figures?noticeId=`). */
export function getNoticeDeliveryFigures(noticeId: number): Promise<PushFiguresDto> {
  return http.get<PushFiguresDto>('/api/push/figures', { noticeId });
}

/** The fake WeChat's origin when the server runs with it (h5 demo), else null. */
export async function demoWechatBase(): Promise<string | null> {
  try {
    const config = await getClientConfig();
    return fakeWechatBase(config.devLogin?.codeUrl);
  } catch {
    return null;
  }
}

/**
 * h5 demo: grants the credits the resident just "accepted" at the fake WeChat, for the openid the
 * dev login used. A simple cross-origin POST (text/plain, no-cors): the fake parses any body as
 * JSON, and the browser needs no CORS answer to deliver it.
 */
export async function grantDemoCredits(base: string, openid: string, templates: ReadonlyArray<{ templateId: string; longTerm: boolean }>): Promise<void> {
  await Promise.all(
    demoGrants(base, openid, templates).map((g) =>
      fetch(g.url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(g.body) }),
    ),
  );
}
