import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';

export interface UploadedFile {
  bytes: Buffer;
  /** The name the client sent (untrusted: clean it before use). */
  filename: string;
  fields: Record<string, string>;
}

const MB = 1024 * 1024;

function tooLarge(maxBytes: number): AppError {
  const reason = `文件不能超过 ${maxBytes / MB} MB`;
  return new AppError('PAYLOAD_TOO_LARGE', reason, [{ path: 'file', reason }]);
}

/**
 * Reads a multipart request with one file in the field `file` (at most `maxBytes`) and the named
 * text fields, in any order. The file is held in memory only. Errors are 4xx naming the field.
 */
export async function readUpload(req: FastifyRequest, opts: { maxBytes: number; fields?: readonly string[] }): Promise<UploadedFile> {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）', [
      { path: 'file', reason: '请求不是文件上传（multipart/form-data）' },
    ]);
  }
  const wanted = new Set(opts.fields ?? []);
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; filename: string } | null = null;
  try {
    const parts = req.parts({ limits: { fileSize: opts.maxBytes, files: 1, fields: 10, fieldSize: 4096, parts: 12 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw AppError.field('file', `文件应放在字段 file 中（收到的是 ${part.fieldname.slice(0, 40)}）`);
        }
        const bytes = await part.toBuffer();
        if (part.file.truncated) throw tooLarge(opts.maxBytes);
        file = { bytes, filename: part.filename ?? '' };
      } else if (wanted.has(part.fieldname) && typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(opts.maxBytes);
    if (code === 'FST_FILES_LIMIT') throw AppError.field('file', '一次只能上传一个文件');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw AppError.field('(body)', '表单字段太多');
    if (code === 'FST_PROTO_VIOLATION' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw AppError.field('(body)', '上传内容格式有误');
    throw err;
  }
  if (!file) throw AppError.field('file', '请选择要上传的文件（字段名 file）');
  if (file.bytes.length === 0) throw AppError.field('file', '文件是空的');
  return { ...file, fields };
}
