/** File sizes, names and URLs of uploads. */

/** `856 KB`, `1.2 MB`, `320 B`. */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/** An API path (`/api/uploads/1/file`) on the API origin; absolute URLs and local paths pass through. */
export function absoluteUrl(base: string, path: string): string {
  if (/^(https?:|blob:|data:|wxfile:)/i.test(path) || !path.startsWith('/')) return path;
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** The file name's extension in lower case, without the dot ('' when there is none). */
export function fileExtension(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim());
  return m ? m[1].toLowerCase() : '';
}

/** The last part of a path or URL (temp paths carry no real name). */
export function baseName(path: string): string {
  const clean = path.split(/[?#]/)[0];
  const parts = clean.split(/[\\/]/);
  return parts[parts.length - 1] || clean;
}

/** Kind words for a document link. */
export function documentLabel(kind: 'image' | 'pdf' | 'xlsx'): string {
  if (kind === 'pdf') return 'PDF 文档';
  if (kind === 'xlsx') return 'Excel 表格';
  return '图片';
}

/** Upload limits the server applies (checked first on the phone, to save a long upload). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** A reason to refuse a picked photo before uploading, or null. */
export function imageTooLarge(size: number | undefined): string | null {
  if (typeof size === 'number' && size > MAX_IMAGE_BYTES) return `照片不能超过 10 MB（这张 ${formatFileSize(size)}）`;
  return null;
}
