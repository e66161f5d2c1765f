#!/usr/bin/env node
// `npm start`: build what is stale, then run Sunboard in this terminal — the server (SQLite file under
// ./data/ unless DATABASE_URL is set), the fake WeChat (only when WECHAT_API_BASE is unset), the h5
// app at /, demo data in an empty database. Every setting in the environment is honoured. Ctrl-C stops all.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isStale } from './lib/freshness.mjs';

const require = createRequire(import.meta.url);
const { startStack, ROOT } = require('./lib/stack.js');

const steps = [
  { name: 'shared', marker: 'shared/dist/index.js', sources: ['shared/src', 'shared/package.json'], cmd: ['run', 'build', '-w', 'shared'] },
  { name: 'server', marker: 'server/dist/main.js', sources: ['server/src', 'shared/src'], cmd: ['run', 'build', '-w', 'server'] },
  { name: 'h5', marker: 'miniapp/dist/h5/index.html', sources: ['miniapp/src', 'miniapp/config', 'shared/src'], cmd: ['run', 'build:h5', '-w', 'miniapp'] },
];

for (const step of steps) {
  if (!isStale(join(ROOT, step.marker), step.sources.map((s) => join(ROOT, s)))) continue;
  console.log(`\n▶ building ${step.name} …`);
  const r = spawnSync('npm', step.cmd, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✖ building ${step.name} failed`);
    process.exit(r.status ?? 1);
  }
}

const env = { ...process.env, LOG_PRETTY: process.env.LOG_PRETTY ?? 'true' };
const stack = await startStack({
  env,
  port: Number(process.env.PORT ?? 3000),
  fakeWechatPort: Number(process.env.FAKE_WECHAT_PORT ?? 3001),
  seedDemo: (process.env.SEED_DEMO ?? 'true') !== 'false',
  log: true,
}).catch((err) => {
  console.error(`\n✖ Sunboard could not start:\n${err.message}`);
  process.exit(1);
});

const { DEMO_ACCOUNTS } = require(join(ROOT, 'server/dist/database/seeds/demo-accounts.js'));
const line = '─'.repeat(72);
console.log(`\n${line}\n阳光公开栏 Sunboard is running (${stack.db})\n${line}`);
console.log(`  App (h5):        ${stack.url}/`);
console.log(`  API docs:        ${stack.url}/api/docs`);
console.log(`  Health:          ${stack.url}/api/health`);
if (!process.env.WECHAT_API_BASE) console.log(`  Fake WeChat:     ${stack.fakeWechatUrl}/  (the demo "phone": delivered messages)`);
console.log(`\n  Log in as a new resident: just open ${stack.url}/ (a new WeChat identity is made for this browser).`);
console.log('  Log in as a demo account: open the address below.');
for (const a of DEMO_ACCOUNTS) {
  console.log(`    ${a.role.padEnd(12)} ${a.displayName.padEnd(8)} ${stack.url}/?as=${a.openid}#/pages/home/index   ${a.description ?? ''}`);
}
console.log(`\n  Ctrl-C stops everything.\n${line}`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Sunboard …');
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
stack.server.on('exit', (code) => {
  if (!stopping) {
    console.error(`server exited (${code}); stopping`);
    void shutdown();
  }
});
