import type { DeliveredMessage } from './state';
import { keyPrefix, type ValuePrefix } from './value-rules';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const FIELD_LABELS: Record<ValuePrefix, string> = {
  thing: '事项',
  number: '数字',
  letter: '字母',
  symbol: '符号',
  character_string: '编号',
  time: '时间',
  date: '日期',
  amount: '金额',
  phone_number: '电话',
  car_number: '车牌',
  name: '姓名',
  phrase: '状态',
};

const TIME_FORMAT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const STYLE = `
  body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 20px; line-height: 1.6;
         margin: 0; background: #ededed; color: #111; }
  header.top, main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.6rem; margin: 0.5rem 0; } h2 { font-size: 1.3rem; } h3 { font-size: 1.15rem; margin: 0.25rem 0; }
  form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  label { font-weight: 600; }
  select, button, a.button { font-size: 1.1rem; padding: 0.4rem 0.8rem; min-height: 2.75rem; }
  button, a.button { background: #07c160; color: #fff; border: 0; border-radius: 0.4rem; text-decoration: none; }
  a { color: #0b5cad; }
  .card { background: #fff; border-radius: 0.6rem; padding: 1rem 1.2rem; margin: 1rem 0; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  .card .meta { display: flex; justify-content: space-between; color: #555; font-size: 0.95rem; }
  dl { margin: 0.5rem 0; } dl div { display: grid; grid-template-columns: 6em 1fr; gap: 0.75rem; margin: 0.3rem 0; }
  dt { color: #555; } dt small { display: block; font-size: 0.75rem; color: #666; overflow-wrap: anywhere; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .goto { border-top: 1px solid #e5e5e5; padding-top: 0.5rem; margin-bottom: 0; }
  .muted { color: #555; font-size: 0.95rem; word-break: break-all; }
`;

function renderCard(m: DeliveredMessage): string {
  const fields = Object.entries(m.data)
    .map(([key, { value }]) => {
      const prefix = keyPrefix(key);
      const label = prefix ? FIELD_LABELS[prefix] : '字段';
      return `<div><dt>${escapeHtml(label)}<small>${escapeHtml(key)}</small></dt><dd>${escapeHtml(value)}</dd></div>`;
    })
    .join('');
  return `<article class="card" aria-label="服务通知 ${escapeHtml(m.templateId)}">
  <div class="meta"><span>服务通知</span><time datetime="${escapeHtml(m.at)}">${escapeHtml(TIME_FORMAT.format(new Date(m.at)))}</time></div>
  <h3>模板 ${escapeHtml(m.templateId)}</h3>
  <dl>${fields}</dl>
  <p class="goto">进入小程序查看<br><span class="muted">页面：${m.page ? escapeHtml(m.page) : '（小程序首页）'}</span></p>
  <p class="muted">消息编号 msgid：${escapeHtml(m.msgid)}</p>
</article>`;
}

/**
 * The demo's "phone": the openids that received messages and, for the chosen one, each delivered
 * message as a WeChat service-notification card, newest first. Everything rendered is escaped.
 */
export function renderPhonePage(messages: readonly DeliveredMessage[], selected?: string): string {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.openid, (counts.get(m.openid) ?? 0) + 1);
  const href = (openid: string) => `/phone?openid=${encodeURIComponent(openid)}`;

  const picker = counts.size
    ? `<form method="get" action="/phone">
    <label for="openid">选择用户（openid）</label>
    <select id="openid" name="openid">${[...counts.keys()]
      .map((o) => `<option value="${escapeHtml(o)}"${o === selected ? ' selected' : ''}>${escapeHtml(o)}</option>`)
      .join('')}</select>
    <button type="submit">查看</button>
  </form>
  <ul>${[...counts]
    .map(([o, n]) => `<li><a href="${escapeHtml(href(o))}">${escapeHtml(o)}</a>（${n} 条）</li>`)
    .join('')}</ul>`
    : '<p>还没有任何消息送达。</p>';

  let inbox = '';
  if (selected !== undefined) {
    const mine = messages.filter((m) => m.openid === selected).reverse();
    inbox = `<section aria-labelledby="inbox-title">
  <h2 id="inbox-title">${escapeHtml(selected)} 的服务通知（${mine.length} 条）</h2>
  ${mine.length ? mine.map(renderCard).join('\n') : '<p>该用户还没有收到消息。</p>'}
</section>`;
  }

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>模拟手机 · 服务通知 — 阳光公开栏</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top">
  <h1>模拟手机：服务通知</h1>
  <p>这里显示模拟微信服务器已送达的订阅消息，供演示和测试使用。</p>
  <a class="button" href="${selected === undefined ? '/' : escapeHtml(href(selected))}">刷新</a>
</header>
<main>
<section aria-labelledby="users-title">
  <h2 id="users-title">收到消息的用户</h2>
  ${picker}
</section>
${inbox}
</main>
</body>
</html>`;
}
