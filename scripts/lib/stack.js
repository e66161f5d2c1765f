// Starts Sunboard as `npm start` runs it: the fake WeChat (unless WECHAT_API_BASE is given) and the
// built server (server/dist) serving the h5 build (miniapp/dist/h5). Used by scripts/start.mjs and by
// the browser journeys. CommonJS so jest specs can require it.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** Spawns `node file` and resolves with the first stdout match of `ready`, or rejects on exit/timeout. */
function spawnUntil(name, file, env, ready, { log, timeoutMs = 60000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let settled = false;
    let tail = '';
    const timer = setTimeout(() => fail(new Error(`${name} did not start within ${timeoutMs} ms`)), timeoutMs);
    function fail(err) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n--- ${name} output ---\n${tail.slice(-4000)}`));
    }
    const onData = (stream) => (chunk) => {
      const text = chunk.toString();
      // Match on the new chunk plus a little of the old tail: one chunk can carry the ready line
      // followed by many kilobytes of buffered start-up logs.
      const m = !settled && (tail.slice(-512) + text).match(ready);
      tail = (tail + text).slice(-8000);
      if (log) stream.write(text);
      if (m) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, match: m });
      }
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('exit', (code, signal) => fail(new Error(`${name} exited (${signal ?? code})`)));
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * @param {object} opts
 * @param {Record<string,string|undefined>} [opts.env] settings for the server (defaults: process.env)
 * @param {number} [opts.port] server port (0 = any free port)
 * @param {number} [opts.fakeWechatPort] fake WeChat port (0 = any free port)
 * @param {string} [opts.sqliteFile] SQLite file when no DATABASE_URL is set
 * @param {boolean} [opts.seedDemo] seed demo data into an empty database
 * @param {boolean} [opts.log] echo the children's output
 */
async function startStack(opts = {}) {
  const baseEnv = { ...(opts.env ?? process.env) };
  const log = opts.log ?? false;
  let fake = null;
  let fakeWechatUrl = baseEnv.WECHAT_API_BASE || null;
  const started = [];
  try {
    if (!fakeWechatUrl) {
      fake = await spawnUntil(
        'fake WeChat',
        path.join(ROOT, 'server/dist/fake-wechat/main.js'),
        { ...baseEnv, FAKE_WECHAT_PORT: String(opts.fakeWechatPort ?? baseEnv.FAKE_WECHAT_PORT ?? 0) },
        /(http:\/\/(?:127\.0\.0\.1|localhost):\d+)/,
        { log },
      );
      started.push(fake.child);
      fakeWechatUrl = fake.match[1];
    }
    const env = {
      ...baseEnv,
      WECHAT_API_BASE: fakeWechatUrl,
      PORT: String(opts.port ?? baseEnv.PORT ?? 3000),
      H5_DIR: baseEnv.H5_DIR ?? path.join(ROOT, 'miniapp/dist/h5'),
      SEED_DEMO: String(opts.seedDemo ?? baseEnv.SEED_DEMO ?? 'true'),
    };
    if (!env.DATABASE_URL && opts.sqliteFile) env.SQLITE_FILE = opts.sqliteFile;
    const server = await spawnUntil('server', path.join(ROOT, 'server/dist/main.js'), env, /SUNBOARD_LISTENING port=(\d+) db=(\w+)/, {
      log,
      timeoutMs: 120000,
    });
    started.push(server.child);
    const port = Number(server.match[1]);
    return {
      url: `http://localhost:${port}`,
      port,
      db: server.match[2],
      fakeWechatUrl,
      server: server.child,
      fake: fake && fake.child,
      stop: async () => {
        await stopChild(server.child);
        if (fake) await stopChild(fake.child);
      },
    };
  } catch (err) {
    await Promise.all(started.map(stopChild));
    throw err;
  }
}

module.exports = { startStack, ROOT };
