import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An xlsx download: an ASCII fallback name and the Chinese name URL-encoded (RFC 5987), never cached. */
export function sendXlsx(reply: FastifyReply, bytes: Buffer, asciiName: string, fileName: string): StreamableFile {
  void reply.header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${rfc5987(fileName)}`);
  void reply.header('cache-control', 'no-store');
  return new StreamableFile(bytes, { type: XLSX_TYPE, length: bytes.length });
}
