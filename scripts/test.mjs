#!/usr/bin/env node
// `npm test`: typecheck, unit tests, the server e2e suite on SQLite AND MariaDB/MySQL, the mini
// program builds (h5, weapp with its size), then the browser journeys against the real server.
// MariaDB unreachable: a loud warning locally, a failure with CI=true.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'test-results');
const CI = process.env.CI === 'true' || process.env.CI === '1';
mkdirSync(RESULTS, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(title, cmd, args, opts = {}) {
  console.log(`\n━━ ${title}\n$ ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...opts.env } });
  console.log(`━━ ${title}: ${r.status === 0 ? 'ok' : `FAILED (${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) failures.push(title);
  return r.status === 0;
}

function jest(title, projects, outFile, extra = []) {
  const out = join(RESULTS, outFile);
  run(title, 'npx', ['jest', '--selectProjects', ...projects, '--json', `--outputFile=${out}`, ...extra]);
  if (!existsSync(out)) return;
  const report = JSON.parse(readFileSync(out, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  totals.skipped += report.numPendingTests + report.numTodoTests;
}

async function mysqlReachable() {
  const { createConnection } = require('mysql2/promise');
  const url = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  try {
    const c = await createConnection({ uri: url, connectTimeout: 4000 });
    await c.query('SELECT 1');
    await c.end();
    return { ok: true, url };
  } catch (err) {
    return { ok: false, url, error: err.message };
  }
}

run('build shared', 'npm', ['run', 'build', '-w', 'shared']);
run('typecheck', 'npx', ['tsc', '-p', 'server', '--noEmit']) && run('typecheck miniapp', 'npx', ['tsc', '-p', 'miniapp', '--noEmit']);

const mysql = await mysqlReachable();
const projects = ['shared', 'server-unit', 'miniapp', 'e2e-sqlite'];
if (mysql.ok) {
  projects.push('e2e-mysql');
} else {
  const banner = '!'.repeat(78);
  console.error(`\n${banner}\n!! MariaDB/MySQL is NOT reachable at ${mysql.url}: ${mysql.error}\n!! The server e2e suite will run on SQLite only.${CI ? '\n!! CI=true: this is a failure.' : '\n!! Start MariaDB (see README) to run it on both databases.'}\n${banner}\n`);
  if (CI) failures.push('MariaDB/MySQL unreachable');
}
jest('unit + server e2e (' + projects.join(', ') + ')', projects, 'jest-main.json', ['--maxWorkers=2']);

const built =
  run('build server', 'npm', ['run', 'build', '-w', 'server']) &&
  run('build h5', 'npm', ['run', 'build:h5', '-w', 'miniapp']) &&
  run('build weapp (main-package size)', 'npm', ['run', 'build:weapp', '-w', 'miniapp']);
if (built) jest('browser journeys (headless Chromium)', ['journeys'], 'jest-journeys.json', ['--runInBand']);
else failures.push('browser journeys not run: a build failed');

console.log('\n' + '═'.repeat(60));
if (failures.length) console.log(`Failed steps: ${failures.join('; ')}`);
console.log(`Screenshots and reports: ${RESULTS}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length || totals.failed ? 1 : 0);
