#!/usr/bin/env node
/**
 * After `taro build --type weapp`: sizes of the main package (everything in dist/weapp except
 * the sub-package roots listed in app.json) and of the whole program, against WeChat's limits
 * (2 MB main package, 20 MB in all). Exits non-zero when over a limit or when the build is missing.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN_LIMIT = 2 * 1024 * 1024;
const TOTAL_LIMIT = 20 * 1024 * 1024;
// Not uploaded as part of the program.
const IGNORED = new Set(['project.config.json', 'project.private.config.json', 'sitemap.json']);

const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'weapp');
const appJsonPath = join(root, 'app.json');
if (!existsSync(appJsonPath)) {
  console.error(`report-weapp-size: ${appJsonPath} not found — run taro build --type weapp first`);
  process.exit(2);
}

const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8'));
const subRoots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])]
  .map((p) => String(p.root ?? '').replace(/^\/+|\/+$/g, ''))
  .filter(Boolean);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) yield* files(full);
    else yield { path: relative(root, full).split(sep).join('/'), size: st.size };
  }
}

let main = 0;
let total = 0;
const perSub = new Map(subRoots.map((r) => [r, 0]));
for (const f of files(root)) {
  if (IGNORED.has(f.path) || f.path.endsWith('.map')) continue;
  total += f.size;
  const sub = subRoots.find((r) => f.path === r || f.path.startsWith(`${r}/`));
  if (sub) perSub.set(sub, perSub.get(sub) + f.size);
  else main += f.size;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`weapp package sizes (${relative(process.cwd(), root) || '.'})`);
console.log(`  main package: ${kb(main)} / limit ${kb(MAIN_LIMIT)} (${((main / MAIN_LIMIT) * 100).toFixed(1)}%)`);
for (const [r, size] of perSub) console.log(`  sub-package ${r}: ${kb(size)}`);
console.log(`  total:        ${kb(total)} / limit ${kb(TOTAL_LIMIT)} (${((total / TOTAL_LIMIT) * 100).toFixed(1)}%)`);

let failed = false;
if (main > MAIN_LIMIT) {
  console.error(`main package is over WeChat's 2 MB limit by ${kb(main - MAIN_LIMIT)}`);
  failed = true;
}
if (total > TOTAL_LIMIT) {
  console.error(`the program is over WeChat's 20 MB limit by ${kb(total - TOTAL_LIMIT)}`);
  failed = true;
}
process.exit(failed ? 1 : 0);
