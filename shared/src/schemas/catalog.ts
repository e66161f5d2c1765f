import type { Audience, Channel, DisclosureCategory, DisclosureMethod, NoticeKind, NoticeStatus } from '../enums/notice';
import type { Domain } from '../enums/domains';

/** A catalogue entry: the code the API uses and the Chinese name people read. */
export interface CatalogItem<C extends string = string> {
  code: C;
  name: string;
}

/** `GET /api/catalog`: every code list a client needs, so none is hard-coded in the app. */
export interface CatalogDto {
  /** The 26 pilot domains. */
  domains: CatalogItem<Domain>[];
  /** 五公开 */
  categories: CatalogItem<DisclosureCategory>[];
  kinds: CatalogItem<NoticeKind>[];
  /** 渠道 */
  channels: CatalogItem<Channel>[];
  /** 方式 */
  methods: CatalogItem<DisclosureMethod>[];
  /** 公开对象 */
  audiences: CatalogItem<Audience>[];
  statuses: CatalogItem<NoticeStatus>[];
}
