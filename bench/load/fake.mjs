/**
 * The fake WeChat of the load benchmark, in its own process (server/dist/fake-wechat), so its work
 * is not charged to the load generator's event loop. Besides its HTTP API it takes two commands over
 * IPC:
 *   {cmd: 'grant', openids, templateId, n}  → each openid gets n one-time credits for the template
 *   {cmd: 'stats'}                          → calls and errors per endpoint, messages delivered
 * Delivered messages are counted and then forgotten, so a long run does not grow the fake.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createFakeWechat } = require('../../server/dist/fake-wechat/fake-wechat.js');
const { credentialKey } = require('../../server/dist/fake-wechat/state.js');

const fake = await createFakeWechat({ port: 0, host: '127.0.0.1', appid: process.env.WECHAT_APPID, secret: process.env.WECHAT_SECRET, logger: false });

let delivered = 0;
const forget = setInterval(() => {
  delivered += fake.state.messages.length;
  fake.state.messages = [];
}, 1000);

process.on('message', (m) => {
  const reply = (body) => process.send({ id: m.id, ...body });
  const s = fake.state;
  switch (m.cmd) {
    case 'grant':
      for (const openid of m.openids) s.credits.set(credentialKey(openid, m.templateId), m.n ?? 1);
      return reply({ granted: m.openids.length });
    case 'stats':
      return reply({ stats: s.stats, delivered: delivered + s.messages.length });
    default:
      return reply({ error: `unknown command ${m.cmd}` });
  }
});
process.on('SIGTERM', () => {
  clearInterval(forget);
  fake.close().then(() => process.exit(0));
});
process.send({ ready: fake.url });
