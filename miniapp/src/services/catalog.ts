import type { CatalogDto } from '@sunboard/shared';
import { http } from './http';

/**
 * `GET /api/catalog`: the code lists with their Chinese names. Fetched once per launch (it only
 * changes with a release); a failure is forgotten so the next caller tries again.
 */
let cached: CatalogDto | null = null;
let inFlight: Promise<CatalogDto> | null = null;

export function getCatalog(): Promise<CatalogDto> {
  if (cached) return Promise.resolve(cached);
  inFlight ??= http
    .get<CatalogDto>('/api/catalog', undefined, { auth: false })
    .then((c) => {
      cached = c;
      return c;
    })
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** The catalogue if it has already arrived (no request). */
export function catalogIfLoaded(): CatalogDto | null {
  return cached;
}
