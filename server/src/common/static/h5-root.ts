import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppConfig } from '../../config/env.schema';

/** The h5 build directory to serve at `/`, when configured and built. */
export function h5Root(config: AppConfig): string | null {
  if (!config.h5Dir) return null;
  const dir = resolve(config.h5Dir);
  return existsSync(resolve(dir, 'index.html')) ? dir : null;
}
