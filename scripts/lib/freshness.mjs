// "Build what it needs": a part is stale when any source file is newer than its build marker.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let max = 0;
  if (!existsSync(dir)) return max;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

/** True when `marker` is missing or older than any file under `sources`. */
export function isStale(marker, sources) {
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  return sources.some((s) => (existsSync(s) && statSync(s).isDirectory() ? newest(s) : existsSync(s) ? statSync(s).mtimeMs : 0) > built);
}
