import {
  AUDIENCE_LABELS,
  CHANNEL_LABELS,
  DISCLOSURE_CATEGORY_LABELS,
  DISCLOSURE_METHOD_LABELS,
  DOMAIN_LABELS,
  NOTICE_KIND_LABELS,
  NOTICE_STATUS_LABELS,
  type CatalogDto,
  type CatalogItem,
} from '@sunboard/shared';

/**
 * Chinese names of the catalogue codes. The server's `GET /api/catalog` is the source; until it
 * has arrived (or when it cannot be fetched) the names built into @sunboard/shared stand in.
 */
export type CatalogList = Exclude<keyof CatalogDto, never>;

export type CatalogLabels = Record<CatalogList, (code: string) => string>;

const BUILT_IN: Record<CatalogList, Record<string, string>> = {
  domains: DOMAIN_LABELS,
  categories: DISCLOSURE_CATEGORY_LABELS,
  kinds: NOTICE_KIND_LABELS,
  channels: CHANNEL_LABELS,
  methods: DISCLOSURE_METHOD_LABELS,
  audiences: AUDIENCE_LABELS,
  statuses: NOTICE_STATUS_LABELS,
};

export function catalogLabels(catalog: CatalogDto | null | undefined): CatalogLabels {
  const lookup = (list: CatalogList) => {
    const fromServer = new Map<string, string>((catalog?.[list] as CatalogItem[] | undefined)?.map((i) => [i.code, i.name]) ?? []);
    return (code: string) => fromServer.get(code) ?? BUILT_IN[list][code] ?? code;
  };
  return {
    domains: lookup('domains'),
    categories: lookup('categories'),
    kinds: lookup('kinds'),
    channels: lookup('channels'),
    methods: lookup('methods'),
    audiences: lookup('audiences'),
    statuses: lookup('statuses'),
  };
}

/** The options of a list (code + name), from the server's catalogue or the built-in names. */
export function catalogOptions(catalog: CatalogDto | null | undefined, list: CatalogList): CatalogItem[] {
  const fromServer = catalog?.[list] as CatalogItem[] | undefined;
  if (fromServer && fromServer.length) return fromServer;
  return Object.entries(BUILT_IN[list]).map(([code, name]) => ({ code, name }));
}
