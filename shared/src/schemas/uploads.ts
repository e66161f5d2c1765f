import { z } from 'zod';
import type { PersonalDataKind } from '../helpers/personal-data';

export const ATTACHMENT_KINDS = ['image', 'pdf', 'xlsx'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** An uploaded photo or document. Belongs to its uploader until attached to a notice. */
export interface AttachmentDto {
  id: number;
  kind: AttachmentKind;
  /** The file name as uploaded (cleaned of path parts). */
  name: string;
  mime: string;
  size: number;
  /** The original (for images: re-encoded without EXIF). */
  url: string;
  /** Images only: a resized display copy and a thumbnail. */
  displayUrl: string | null;
  thumbUrl: string | null;
  width: number | null;
  height: number | null;
  createdAt: string;
}

export interface NoticeTableColumnDto {
  key: string;
  title: string;
  /** Set when the column held personal data and was masked on import. */
  masked: PersonalDataKind | null;
}

/** A 公示 list imported from xlsx: personal-data columns masked on import, the raw file never kept. */
export interface NoticeTableDto {
  id: number;
  title: string | null;
  columns: NoticeTableColumnDto[];
  rows: string[][];
  rowCount: number;
  createdAt: string;
}

/** Limits of `POST /api/notice-tables/import`, shown to staff before they pick a file. */
export const NOTICE_TABLE_LIMITS = { maxFileBytes: 5 * 1024 * 1024, maxRows: 2000, maxColumns: 50, maxTitleChars: 120 } as const;

/** The text fields of `POST /api/notice-tables/import` (multipart, beside the `file`). */
export const noticeTableImportSchema = z.object({
  title: z
    .string({ message: '标题必须是文字' })
    .trim()
    .refine((s) => [...s].length <= NOTICE_TABLE_LIMITS.maxTitleChars, { message: `标题不能超过 ${NOTICE_TABLE_LIMITS.maxTitleChars} 个字` })
    .optional()
    .transform((s) => (s ? s : undefined)),
});
export type NoticeTableImportInput = z.infer<typeof noticeTableImportSchema>;
