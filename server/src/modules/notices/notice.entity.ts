import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, type ValueTransformer } from 'typeorm';
import type { Audience, Channel, DisclosureCategory, DisclosureMethod, Domain, NoticeKind, NoticeStatus } from '@sunboard/shared';

/** The 办事指南 fields of a service-guide notice (stored as JSON in `guide`). */
export interface NoticeGuide {
  /** 办理条件 */
  conditions: string;
  /** 所需材料, one item per entry */
  materials: string[];
  /** 办理流程, one step per entry */
  steps: string[];
  /** 办理地点和时间 */
  placeAndTime: string;
  /** 咨询电话 */
  consultPhone: string;
  /** 监督举报电话 */
  complaintPhone: string;
}

/** JSON in a text column; a value that does not parse reads as `fallback` rather than failing the whole query. */
function jsonText<T>(fallback: T): ValueTransformer {
  return {
    to: (value: T | null | undefined) => (value === null || value === undefined ? null : JSON.stringify(value)),
    from: (raw: string | null): T => {
      if (raw === null || raw === undefined) return fallback;
      try {
        return JSON.parse(raw) as T;
      } catch {
        return fallback;
      }
    },
  };
}

/**
 * One disclosure item: the eight standard elements plus domain, 五公开 category, kind, region scope,
 * document/index numbers, validity, 公示 period and workflow status (draft → pending_review →
 * published → withdrawn | expired). `body` is HTML that is sanitised on write and again on output.
 * `version` is a plain counter (a correction after publishing is a new version); it is not TypeORM's
 * optimistic-lock @VersionColumn, so saves never bump it implicitly.
 */
@Entity({ name: 'notice' })
export class Notice {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  /** 名称 */
  @Column({ name: 'title', type: 'varchar', length: 120 })
  title: string;

  /** 内容 (HTML) */
  @Column({ name: 'body', type: 'text' })
  body: string;

  /** 依据 */
  @Column({ name: 'basis', type: 'text' })
  basis: string;

  /** 时限 */
  @Column({ name: 'time_limit', type: 'varchar', length: 100 })
  timeLimit: string;

  /** 主体 */
  @Column({ name: 'publisher', type: 'varchar', length: 100 })
  publisher: string;

  /** 方式 */
  @Column({ name: 'method', type: 'varchar', length: 20 })
  method: DisclosureMethod;

  /** 渠道 */
  @Column({ name: 'channels', type: 'text', transformer: jsonText<Channel[]>([]) })
  channels: Channel[];

  /** 公开对象 */
  @Column({ name: 'audience', type: 'varchar', length: 20 })
  audience: Audience;

  @Column({ name: 'domain', type: 'varchar', length: 40 })
  domain: Domain;

  /** 五公开 */
  @Column({ name: 'category', type: 'varchar', length: 20 })
  category: DisclosureCategory;

  @Column({ name: 'kind', type: 'varchar', length: 30 })
  kind: NoticeKind;

  @Column({ name: 'region_id', type: 'integer' })
  regionId: number;

  /** 文号 */
  @Column({ name: 'doc_no', type: 'varchar', length: 100, nullable: true })
  docNo: string | null;

  /** 索引号 */
  @Column({ name: 'index_no', type: 'varchar', length: 100, nullable: true })
  indexNo: string | null;

  @Column({ name: 'valid_from', type: 'datetime', precision: 3, nullable: true })
  validFrom: Date | null;

  @Column({ name: 'valid_until', type: 'datetime', precision: 3, nullable: true })
  validUntil: Date | null;

  /** The 政策解读 notice that explains this one. */
  @Column({ name: 'interpretation_id', type: 'integer', nullable: true })
  interpretationId: number | null;

  @Column({ name: 'publicity_starts_at', type: 'datetime', precision: 3, nullable: true })
  publicityStartsAt: Date | null;

  @Column({ name: 'publicity_ends_at', type: 'datetime', precision: 3, nullable: true })
  publicityEndsAt: Date | null;

  @Column({ name: 'pinned', type: 'boolean', default: false })
  pinned: boolean;

  @Column({ name: 'urgent', type: 'boolean', default: false })
  urgent: boolean;

  @Column({ name: 'status', type: 'varchar', length: 20, default: 'draft' })
  status: NoticeStatus;

  @Column({ name: 'author_id', type: 'integer', nullable: true })
  authorId: number | null;

  @Column({ name: 'reviewer_id', type: 'integer', nullable: true })
  reviewerId: number | null;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'version', type: 'integer', default: 1 })
  version: number;

  /** 办事指南 fields; null for other kinds. */
  @Column({ name: 'guide', type: 'text', nullable: true, transformer: jsonText<NoticeGuide | null>(null) })
  guide: NoticeGuide | null;
}
