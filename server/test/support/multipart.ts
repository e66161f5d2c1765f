import { randomBytes } from 'node:crypto';

export interface MultipartFile {
  /** The form field name (the import routes read `file`). */
  field?: string;
  filename: string;
  contentType?: string;
  content: Buffer | string;
}

/**
 * A multipart/form-data body built by hand, for `t.request(..., { payload, headers })`:
 * `const { payload, headers } = multipart([{ filename: 'a.csv', content: '...' }])`.
 */
export function multipart(files: MultipartFile[], fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----sunboard${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    const head =
      `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.filename}"; filename*=UTF-8''${encodeURIComponent(f.filename)}\r\n` +
      `Content-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`;
    parts.push(Buffer.from(head), Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
