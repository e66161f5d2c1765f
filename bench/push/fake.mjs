/**
 * The fake WeChat of the push benchmark, in its own process (server/dist/fake-wechat). Besides its
 * HTTP API it takes a few commands over IPC, so 100,000 residents' credits are granted in memory
 * rather than by 100,000 HTTP calls, and the delivery summary is computed here rather than shipping
 * every message to the parent:
 *   {cmd: 'grant', prefix, count, templateId, n}  → every `<prefix><i>` gets n one-time credits
 *   {cmd: 'clear'}                                → forget delivered messages and stats
 *   {cmd: 'latency', ms}                          → subscribe/send answers after ms
 *   {cmd: 'summary', since}                       → {delivered, unique, duplicates, first, last, latencies (ms after `since`, sorted)}
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createFakeWechat } = require('../../server/dist/fake-wechat/fake-wechat.js');
const { credentialKey } = require('../../server/dist/fake-wechat/state.js');

const fake = await createFakeWechat({
  port: 0,
  host: '127.0.0.1',
  appid: process.env.WECHAT_APPID,
  secret: process.env.WECHAT_SECRET,
  logger: false,
});

process.on('message', (m) => {
  const reply = (body) => process.send({ id: m.id, ...body });
  const s = fake.state;
  switch (m.cmd) {
    case 'grant':
      for (let i = 0; i < m.count; i++) s.credits.set(credentialKey(`${m.prefix}${i}`, m.templateId), m.n ?? 1);
      return reply({ granted: m.count });
    case 'clear':
      s.messages = [];
      for (const e of Object.values(s.stats)) Object.assign(e, { calls: 0, errors: 0 });
      return reply({ cleared: true });
    case 'latency':
      s.latencyMs.byEndpoint.set('subscribe_send', m.ms);
      return reply({ latency: m.ms });
    case 'summary': {
      const seen = new Map();
      for (const msg of s.messages) seen.set(msg.openid, (seen.get(msg.openid) ?? 0) + 1);
      const times = s.messages.map((msg) => Date.parse(msg.at));
      const latencies = times.map((t) => t - m.since).sort((a, b) => a - b);
      return reply({
        delivered: s.messages.length,
        unique: seen.size,
        duplicates: [...seen.values()].reduce((n, c) => n + c - 1, 0),
        first: times.length ? times.reduce((a, b) => Math.min(a, b), Infinity) : null,
        last: times.length ? times.reduce((a, b) => Math.max(a, b), 0) : null,
        latencies,
        calls: s.stats.subscribe_send.calls,
        errors: s.stats.subscribe_send.errors,
      });
    }
    default:
      return reply({ error: `unknown command ${m.cmd}` });
  }
});
process.on('SIGTERM', () => fake.close().then(() => process.exit(0)));
process.send({ ready: fake.url });
