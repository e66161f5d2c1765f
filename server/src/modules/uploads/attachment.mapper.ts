import type { AttachmentDto } from '@sunboard/shared';
import type { Attachment } from './attachment.entity';

/** The variants a stored attachment can be read as: `GET /api/uploads/:id/<variant>`. */
export const ATTACHMENT_VARIANTS = ['file', 'display', 'thumb'] as const;
export type AttachmentVariant = (typeof ATTACHMENT_VARIANTS)[number];

export const attachmentUrl = (id: number, variant: AttachmentVariant) => `/api/uploads/${id}/${variant}`;

export function toAttachmentDto(a: Attachment): AttachmentDto {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    mime: a.mime,
    size: Number(a.size),
    url: attachmentUrl(a.id, 'file'),
    displayUrl: a.displayKey ? attachmentUrl(a.id, 'display') : null,
    thumbUrl: a.thumbKey ? attachmentUrl(a.id, 'thumb') : null,
    width: a.width === null ? null : Number(a.width),
    height: a.height === null ? null : Number(a.height),
    createdAt: a.createdAt.toISOString(),
  };
}
