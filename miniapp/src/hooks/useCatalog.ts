import type { CatalogDto } from '@sunboard/shared';
import { useEffect, useMemo, useState } from 'react';
import { catalogLabels, type CatalogLabels } from '../lib/catalog-labels';
import { catalogIfLoaded, getCatalog } from '../services/catalog';

/**
 * The catalogue (`GET /api/catalog`) and its label lookups. Until it arrives, and if it cannot be
 * fetched, the names built into @sunboard/shared are used, so pages never wait on it.
 */
export function useCatalog(): { catalog: CatalogDto | null; labels: CatalogLabels } {
  const [catalog, setCatalog] = useState<CatalogDto | null>(catalogIfLoaded);
  useEffect(() => {
    if (catalog) return;
    let alive = true;
    getCatalog()
      .then((c) => alive && setCatalog(c))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [catalog]);
  const labels = useMemo(() => catalogLabels(catalog), [catalog]);
  return { catalog, labels };
}
