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
