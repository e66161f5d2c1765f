import type { AttachmentKind } from '@sunboard/shared';
import { AppError } from '../../common/errors/app-error';

// file-type 16 is CommonJS; its typings describe `fromBuffer` well enough for this use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FileType = require('file-type') as { fromBuffer(buf: Buffer): Promise<{ ext: string; mime: string } | undefined> };

const MB = 1024 * 1024;
export const MAX_IMAGE_BYTES = 10 * MB;
export const MAX_DOCUMENT_BYTES = 20 * MB;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A type uploads accept: what it is, its limit, and the extensions its names may carry. */
export interface UploadType {
  kind: AttachmentKind;
  mime: string;
  label: string;
  maxBytes: number;
  extensions: readonly string[];
}

const ACCEPTED: Record<string, UploadType> = {
  'image/jpeg': { kind: 'image', mime: 'image/jpeg', label: 'JPEG 图片', maxBytes: MAX_IMAGE_BYTES, extensions: ['jpg', 'jpeg'] },
  'image/png': { kind: 'image', mime: 'image/png', label: 'PNG 图片', maxBytes: MAX_IMAGE_BYTES, extensions: ['png'] },
  'image/webp': { kind: 'image', mime: 'image/webp', label: 'WebP 图片', maxBytes: MAX_IMAGE_BYTES, extensions: ['webp'] },
  'application/pdf': { kind: 'pdf', mime: 'application/pdf', label: 'PDF 文档', maxBytes: MAX_DOCUMENT_BYTES, extensions: ['pdf'] },
  [XLSX_MIME]: {
    kind: 'xlsx',
    mime: XLSX_MIME,
    label: 'Excel 表格',
    maxBytes: MAX_DOCUMENT_BYTES,
    extensions: ['xlsx'],
  },
};

export const ACCEPTED_HINT = '只能上传 JPEG、PNG、WebP 图片（不超过 10 MB），PDF 或 xlsx 文件（不超过 20 MB）';

/** What the bytes are when file-type does not know them: text (HTML, scripts, csv…) or unknown binary. */
function describeUnknown(buf: Buffer): string {
  const head = buf.subarray(0, 1024);
  if (head.includes(0)) return '未知的二进制文件';
  const text = head.toString('utf8').trimStart().toLowerCase();
  if (/^<(!doctype html|html|script|svg|\?xml)/.test(text) || /<script/.test(text)) return '网页或脚本（text/html）';
  return '文本（text/plain）';
}

/** The type the bytes are (file-type's mime, null when unknown) and how to name it to the user. */
export async function sniffBytes(buf: Buffer): Promise<{ mime: string | null; description: string }> {
  const found = await FileType.fromBuffer(buf);
  return found ? { mime: found.mime, description: `${found.mime}（.${found.ext}）` } : { mime: null, description: describeUnknown(buf) };
}

/**
 * What an upload is, judged by its bytes alone (the name and declared type are ignored), and
 * whether it is accepted: 415 naming the detected type for anything else, 413 above the type's limit.
 */
export async function detectUploadType(buf: Buffer): Promise<UploadType> {
  const sniffed = await sniffBytes(buf);
  const type = sniffed.mime ? ACCEPTED[sniffed.mime] : undefined;
  if (!type) {
    const reason = `文件内容是${sniffed.description}，${ACCEPTED_HINT}`;
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `不支持的文件类型：${sniffed.description}`, [{ path: 'file', reason, detected: sniffed.mime }]);
  }
  if (buf.length > type.maxBytes) {
    const reason = `${type.label}不能超过 ${type.maxBytes / MB} MB（这个文件 ${(buf.length / MB).toFixed(1)} MB）`;
    throw new AppError('PAYLOAD_TOO_LARGE', reason, [{ path: 'file', reason }]);
  }
  return type;
}
