import {
  AUDIENCE_LABELS,
  AUDIENCES,
  CHANNEL_LABELS,
  CHANNELS,
  type CatalogDto,
  type CatalogItem,
  DISCLOSURE_CATEGORIES,
  DISCLOSURE_CATEGORY_LABELS,
  DISCLOSURE_METHOD_LABELS,
  DISCLOSURE_METHODS,
  DOMAINS,
  NOTICE_KIND_LABELS,
  NOTICE_KINDS,
  NOTICE_STATUS_LABELS,
  NOTICE_STATUSES,
} from '@sunboard/shared';

const items = <C extends string>(codes: readonly C[], labels: Record<C, string>): CatalogItem<C>[] => codes.map((code) => ({ code, name: labels[code] }));

/** The catalogue from shared/src/enums, in the order listed there. */
export function buildCatalog(): CatalogDto {
  return {
    domains: DOMAINS.map((d) => ({ code: d.code, name: d.name })),
    categories: items(DISCLOSURE_CATEGORIES, DISCLOSURE_CATEGORY_LABELS),
    kinds: items(NOTICE_KINDS, NOTICE_KIND_LABELS),
    channels: items(CHANNELS, CHANNEL_LABELS),
    methods: items(DISCLOSURE_METHODS, DISCLOSURE_METHOD_LABELS),
    audiences: items(AUDIENCES, AUDIENCE_LABELS),
    statuses: items(NOTICE_STATUSES, NOTICE_STATUS_LABELS),
  };
}
