/**
 * What every browser journey shares: the stack as `npm start` runs it, Debian's Chromium with the
 * flags this machine needs, a "phone" per person logged in through the fake WeChat, screenshots,
 * and the page checks every screen must pass (lang, title, a name on every control).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export interface Stack {
  url: string;
  fakeWechatUrl: string;
  stop: () => Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { startStack } = require('../../../../scripts/lib/stack.js') as {
  startStack: (opts: { sqliteFile?: string; seedDemo?: boolean; port?: number; log?: boolean; env?: Record<string, string | undefined> }) => Promise<Stack>;
};

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const SHOTS = path.join(ROOT, 'test-results', 'journeys');

/**
 * The environment `npm start` gives the server when a journey waits for pushes: NODE_ENV=development
 * (jest sets test, under which the server leaves the dispatcher to the tests), the dispatcher
 * in-process, quiet hours off (the run may be at night) and a short poll (delivery within a second).
 */
export const PUSH_JOURNEY_ENV = { NODE_ENV: 'development', LOG_LEVEL: 'warn', PUSH_DISPATCHER: 'true', PUSH_QUIET_HOURS: 'off', PUSH_POLL_MS: '200' } as const;

export interface JourneyRig {
  stack: Stack;
  browser: Browser;
  /** A temporary folder of the journey's own (its SQLite file lives here), removed by close(). */
  workDir: string;
  close(): Promise<void>;
}

/**
 * What a journey's beforeAll does: checks the builds, starts the stack on a fresh SQLite file with the
 * demo seed (with PUSH_JOURNEY_ENV when `push`), and launches Chromium; close() undoes all of it.
 */
export async function startJourney(name: string, opts: { push?: boolean } = {}): Promise<JourneyRig> {
  assertBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const workDir = mkdtempSync(path.join(tmpdir(), `sunboard-${name}-`));
  let stack: Stack | undefined;
  try {
    stack = await startStack({
      sqliteFile: path.join(workDir, 'journey.sqlite'),
      seedDemo: true,
      port: 0,
      env: { ...process.env, ...(opts.push ? PUSH_JOURNEY_ENV : {}) },
    });
    const browser = await launchChromium();
    const started = stack;
    return {
      stack: started,
      browser,
      workDir,
      close: async () => {
        await browser.close();
        await started.stop();
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stack?.stop();
    rmSync(workDir, { recursive: true, force: true });
    throw err;
  }
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ROLES_NEEDING_A_NAME = new Set(['button', 'switch', 'textbox', 'searchbox', 'checkbox', 'radio', 'combobox', 'link', 'tab', 'menuitem']);

/** Fails early, with the command to run, when the builds the journeys serve are missing. */
export function assertBuilt(): void {
  for (const file of ['server/dist/main.js', 'server/dist/fake-wechat/main.js', 'miniapp/dist/h5/index.html']) {
    if (!existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build:server && npm run build:h5\` before the journeys`);
  }
}

/** Debian's Chromium, headless; playwright gives every launch a fresh temporary profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits for running animations/transitions (Taro slides pages in) to finish. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5000 });
}

/** A screenshot under test-results/journeys/<journey>-<name>.png, once the page has settled. */
export async function screenshot(page: Page, journey: string, name: string, fullPage = false): Promise<void> {
  // A page opened a moment ago may not have started sliding in yet.
  await page.waitForTimeout(300);
  await settle(page);
  await page.screenshot({ path: path.join(SHOTS, `${journey}-${name}.png`), fullPage });
}

/** A Taro page's container (pages stay in the DOM, hidden, under the one on top). */
export function taroPage(page: Page, route: string) {
  return page.locator(`.taro_page[id^="${route}"]`).last();
}

/**
 * A fresh phone for one person: its own storage, logged in as `openid` through the fake WeChat.
 * Page errors, console errors and HTTP errors are collected into `errors`.
 */
export async function openPhone(browser: Browser, stackUrl: string, openid: string, errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(`${openid}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${openid} console: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
  });
  const login = page.waitForResponse((r) => r.url().endsWith('/api/auth/wechat') && r.request().method() === 'POST');
  await page.goto(`${stackUrl}/?as=${openid}`);
  expect((await login).status()).toBe(200);
  return { context, page };
}

/** lang, title, and an accessible name on every control (Chromium's accessibility tree and the DOM). */
export async function checkPageBasics(context: BrowserContext, page: Page, where: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  expect((await page.title()).trim()).not.toBe('');
  const cdp = await context.newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{ ignored: boolean; role?: { value?: string }; name?: { value?: string }; backendDOMNodeId?: number }>;
    };
    const unnamed = nodes
      .filter((n) => !n.ignored && ROLES_NEEDING_A_NAME.has(String(n.role?.value)))
      .filter((n) => !String(n.name?.value ?? '').trim())
      .map((n) => `${n.role?.value}#${n.backendDOMNodeId}`);
    expect({ where, unnamed }).toEqual({ where, unnamed: [] });
  } finally {
    await cdp.detach();
  }
  const unnamedControls = await page.evaluate(() => {
    const visible = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const nameOf = (el: Element): string => {
      const aria = el.getAttribute('aria-label');
      if (aria?.trim()) return aria;
      const labelledBy = el.getAttribute('aria-labelledby');
      if (labelledBy) return labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
        return Array.from(el.labels ?? []).map((l) => l.textContent ?? '').join(' ');
      }
      return el.textContent ?? '';
    };
    return Array.from(document.querySelectorAll('button, [role=button], [role=switch], input, textarea, select, a[href]'))
      .filter(visible)
      .filter((el) => !nameOf(el).trim())
      .map((el) => el.outerHTML.slice(0, 200));
  });
  expect({ where, unnamedControls }).toEqual({ where, unnamedControls: [] });
}

/** A message the fake WeChat delivered (its `/__test/messages`). */
export interface DeliveredMessage {
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export type ApiCall = (method: string, url: string, body?: unknown) => Promise<{ status: number; json: any }>;

/** The server's API as a program would call it: a login code from the fake WeChat, then a token. */
export async function apiAs(stack: Stack, openid: string): Promise<ApiCall> {
  const codeRes = await fetch(`${stack.fakeWechatUrl}/__test/login-code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
  const { code } = (await codeRes.json()) as { code: string };
  const loginRes = await fetch(`${stack.url}/api/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  if (loginRes.status !== 200) throw new Error(`login as ${openid} failed: ${loginRes.status}`);
  const { token } = (await loginRes.json()) as { token: string };
  return async (method, url, body) => {
    const res = await fetch(`${stack.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json().catch(() => null) };
  };
}

/** What the fake WeChat delivered to `openid`. */
export async function deliveredTo(stack: Stack, openid: string): Promise<DeliveredMessage[]> {
  const res = await fetch(`${stack.fakeWechatUrl}/__test/messages?openid=${encodeURIComponent(openid)}`);
  return ((await res.json()) as { messages: DeliveredMessage[] }).messages;
}

/** Calls `read` until it answers `want` (or the time is up), then asserts on the last answer. */
export async function eventually<T>(read: () => Promise<T>, want: T, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = await read();
  while (last !== want && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    last = await read();
  }
  expect(last).toBe(want);
}
