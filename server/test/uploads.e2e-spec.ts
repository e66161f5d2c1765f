import { promises as fsp, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { AttachmentDto, ErrorBody } from '@sunboard/shared';
import { inTransaction } from '../src/database/transaction';
import { Notice } from '../src/modules/notices/notice.entity';
import { AttachmentsService } from '../src/modules/uploads/attachments.service';
import { makeNotice } from './factories/notices';
import { makeRegionTree, type RegionTree } from './factories/regions';
import { multipart, type MultipartFile } from './support/multipart';
import { startTestApp, type TestApp } from './support/test-app';
import { type Member, staffCast } from './support/staff-cast';

/** Every file under a directory, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

/** A JPEG as a phone takes it: camera make, GPS position, and rotated by the EXIF orientation (6: 90° clockwise). */
async function phoneJpeg(width = 2000, height = 1500): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#33aa66' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'SunboardPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 44/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '113/1 18/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

function pdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('Sunboard test PDF');
    doc.end();
  });
}

/** The GPS IFD pointer tag (0x8825, little-endian) as it appears in a TIFF/EXIF block. */
const GPS_TAG = Buffer.from([0x25, 0x88]);

describe('uploads from a phone: POST/GET/DELETE /api/uploads', () => {
  let t: TestApp;
  let tree: RegionTree;
  let worker: Member;
  let colleague: Member;
  let reviewer: Member;
  let outsider: Member;
  let resident: Member;

  beforeAll(async () => {
    t = await startTestApp();
    tree = await makeRegionTree(t.db);
    ({ worker, colleague, reviewer, outsider, resident } = await staffCast(t, tree, 'up'));
  });
  afterAll(() => t?.close());

  const upload = (token: string | undefined, file: MultipartFile) => {
    const { payload, headers } = multipart([file]);
    return t.request<AttachmentDto & ErrorBody>('POST', '/api/uploads', { token, payload, headers });
  };
  /** GET as raw bytes (the harness's body is text). */
  const fetchBytes = async (url: string, token?: string, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
  };
  const attachmentCount = async () => Number((await t.db.query('SELECT COUNT(*) AS n FROM attachment'))[0].n);
  const claim = (noticeId: number, userId: number, ids: number[]) =>
    inTransaction(t.db, (tx) => t.app.get(AttachmentsService).claimForNotice(tx, noticeId, userId, ids));

  describe('photos', () => {
    it('strips EXIF and GPS, turns the photo upright, and makes a display copy and a thumbnail', async () => {
      const original = await phoneJpeg();
      const before = await sharp(original).metadata();
      expect(before.exif?.includes(GPS_TAG)).toBe(true);
      expect(before.exif?.toString('latin1')).toContain('SunboardPhone');

      const res = await upload(worker.token, { filename: '光明社区公示栏.jpg', contentType: 'image/jpeg', content: original });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'image', name: '光明社区公示栏.jpg', mime: 'image/jpeg', width: 1500, height: 2000 });
      const a = res.body;
      expect(a.url).toBe(`/api/uploads/${a.id}/file`);
      expect(a.displayUrl).toBe(`/api/uploads/${a.id}/display`);
      expect(a.thumbUrl).toBe(`/api/uploads/${a.id}/thumb`);

      const stored = await fetchBytes(a.url, worker.token);
      expect(stored.status).toBe(200);
      expect(stored.bytes.length).toBe(a.size);
      const meta = await sharp(stored.bytes).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect([meta.width, meta.height]).toEqual([1500, 2000]);
      expect(stored.bytes.includes(Buffer.from('SunboardPhone'))).toBe(false);

      const display = await sharp((await fetchBytes(a.displayUrl!, worker.token)).bytes).metadata();
      expect([display.width, display.height]).toEqual([960, 1280]);
      expect(display.exif).toBeUndefined();
      const thumb = await sharp((await fetchBytes(a.thumbUrl!, worker.token)).bytes).metadata();
      expect([thumb.width, thumb.height]).toEqual([240, 320]);
      expect(thumb.exif).toBeUndefined();

      // The files on disk carry generated keys, not the user's file name, and hold no EXIF either.
      const files = filesUnder(t.config.uploadDir);
      expect(files).toHaveLength(3);
      expect(files.join()).not.toMatch(/光明|\.jpg/);
      for (const f of files) expect((await sharp(join(t.config.uploadDir, f)).metadata()).exif).toBeUndefined();
    });

    it('accepts PNG and WebP, keeping their format, dropping their EXIF and never enlarging small images', async () => {
      const gps = { IFD0: { Make: 'SunboardPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 44/1 0/1' } };
      const png = await sharp({ create: { width: 400, height: 300, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0.5 } } })
        .png()
        .withExif(gps)
        .toBuffer();
      expect((await sharp(png).metadata()).exif?.includes(GPS_TAG)).toBe(true);
      const p = await upload(worker.token, { filename: 'chart.png', content: png });
      expect(p.status).toBe(201);
      expect(p.body).toMatchObject({ kind: 'image', mime: 'image/png', width: 400, height: 300, name: 'chart.png' });
      const pDisplay = await sharp((await fetchBytes(p.body.displayUrl!, worker.token)).bytes).metadata();
      expect([pDisplay.format, pDisplay.width, pDisplay.height, pDisplay.hasAlpha]).toEqual(['png', 400, 300, true]);

      for (const url of [p.body.url, p.body.thumbUrl!]) {
        const bytes = (await fetchBytes(url, worker.token)).bytes;
        expect((await sharp(bytes).metadata()).exif).toBeUndefined();
        expect(bytes.includes(Buffer.from('SunboardPhone'))).toBe(false);
      }

      const webp = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: '#123456' } }).webp().withExif(gps).toBuffer();
      const w = await upload(worker.token, { filename: 'wide.webp', content: webp });
      expect(w.status).toBe(201);
      const wFile = (await fetchBytes(w.body.url, worker.token)).bytes;
      expect((await sharp(wFile).metadata()).exif).toBeUndefined();
      expect(wFile.includes(Buffer.from('SunboardPhone'))).toBe(false);
      expect(w.body).toMatchObject({ mime: 'image/webp', width: 3000, height: 1000 });
      const wThumb = await sharp((await fetchBytes(w.body.thumbUrl!, worker.token)).bytes).metadata();
      expect([wThumb.format, wThumb.width, wThumb.height]).toEqual(['webp', 320, 107]);
    });

    it('takes the type from the bytes: a PNG named .jpg is a PNG, and its name says so', async () => {
      const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).png().toBuffer();
      const res = await upload(worker.token, { filename: '照片.jpg', contentType: 'image/jpeg', content: png });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ mime: 'image/png', name: '照片.png' });
    });

    it('refuses a .jpg that is really a web page or script: 415 naming the detected type', async () => {
      const before = await attachmentCount();
      const html = await upload(worker.token, { filename: 'photo.jpg', contentType: 'image/jpeg', content: '<html><script>alert(document.cookie)</script></html>' });
      expect(html.status).toBe(415);
      expect(html.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(html.body.message).toContain('text/html');
      expect(html.body.details).toEqual([expect.objectContaining({ path: 'file', reason: expect.stringContaining('text/html') })]);
      const sh = await upload(worker.token, { filename: 'photo.jpg', contentType: 'image/jpeg', content: '#!/bin/sh\nrm -rf /\n' });
      expect(sh.status).toBe(415);
      expect(sh.body.message).toContain('text/plain');
      expect(await attachmentCount()).toBe(before);
    });

    it('refuses other known types (GIF, zip) and unknown bytes with 415', async () => {
      const gif = await sharp({ create: { width: 5, height: 5, channels: 3, background: '#fff' } }).gif().toBuffer();
      const g = await upload(worker.token, { filename: 'a.jpg', content: gif });
      expect(g.status).toBe(415);
      expect(g.body.message).toContain('image/gif');
      const unknown = await upload(worker.token, { filename: 'a.bin', content: Buffer.from([0x00, 0x13, 0x37, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00]) });
      expect(unknown.status).toBe(415);
      expect(unknown.body.message).toContain('未知');
    });

    it('refuses an image over 10 MB with 413, and a decompression bomb', async () => {
      const small = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).jpeg().toBuffer();
      const big = Buffer.concat([small, Buffer.alloc(11 * 1024 * 1024, 0x20)]);
      const res = await upload(worker.token, { filename: 'big.jpg', content: big });
      expect(res.status).toBe(413);
      expect(res.body.details).toEqual([{ path: 'file', reason: expect.stringContaining('10 MB') }]);

      // A tiny PNG whose header claims 30000×30000 pixels: refused before decoding.
      const png = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer());
      png.writeUInt32BE(30000, 16);
      png.writeUInt32BE(30000, 20);
      const { crc32 } = await import('node:zlib');
      png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
      const bomb = await upload(worker.token, { filename: 'bomb.png', content: png });
      expect(bomb.status).toBe(413);
      expect(bomb.body.details).toEqual([{ path: 'file', reason: expect.stringContaining('像素') }]);
    });

    it('refuses a corrupt image with 400 naming file', async () => {
      const jpegHead = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
      const res = await upload(worker.token, { filename: 'broken.jpg', content: Buffer.concat([jpegHead, Buffer.alloc(200, 7)]) });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ path: 'file', reason: expect.stringContaining('图片无法读取') }]);
    });
  });

  describe('documents', () => {
    it('accepts a PDF (inline) and an xlsx (download), served with nosniff and RFC 5987 names', async () => {
      const p = await upload(worker.token, { filename: '2026年低保政策.pdf', contentType: 'application/octet-stream', content: await pdf() });
      expect(p.status).toBe(201);
      expect(p.body).toMatchObject({ kind: 'pdf', mime: 'application/pdf', name: '2026年低保政策.pdf', displayUrl: null, thumbUrl: null, width: null });
      const got = await fetchBytes(p.body.url, worker.token);
      expect(got.status).toBe(200);
      expect(got.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers['content-disposition']).toBe(
        `inline; filename="2026_____.pdf"; filename*=UTF-8''2026%E5%B9%B4%E4%BD%8E%E4%BF%9D%E6%94%BF%E7%AD%96.pdf`,
      );
      expect(got.headers['cache-control']).toBe('private, no-cache');
      expect((await fetchBytes(`/api/uploads/${p.body.id}/thumb`, worker.token)).status).toBe(404);

      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('a').addRow(['姓名']);
      const x = await upload(worker.token, { filename: '名单.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) });
      expect(x.status).toBe(201);
      expect(x.body).toMatchObject({ kind: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      const xg = await fetchBytes(x.body.url, worker.token);
      expect(xg.headers['content-disposition']).toMatch(/^attachment; /);
    });

    it('refuses an xlsx attachment holding unmasked personal data, naming where (公示 lists go through the import), and a zip bomb', async () => {
      const before = await attachmentCount();
      const filesBefore = filesUnder(t.config.uploadDir).length;
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('说明').addRow(['2026年低保名单']);
      const ws = wb.addWorksheet('名单');
      ws.addRow(['姓名', '身份证号', '联系电话']);
      ws.addRow(['张三', '350102199001010012', '13812341234']);
      const res = await upload(worker.token, { filename: '低保名单.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        expect.objectContaining({
          path: 'file',
          reason: expect.stringContaining('工作表「名单」第 2 行第 2 列（身份证号）、工作表「名单」第 2 行第 3 列（手机号码）'),
        }),
      ]);
      expect((res.body.details as Array<{ reason: string }>)[0].reason).toContain('导入公示表');

      const bombBook = new ExcelJS.Workbook();
      bombBook.addWorksheet('a').addRow(['x'.repeat(40 * 1024 * 1024)]);
      const bomb = await upload(worker.token, { filename: 'bomb.xlsx', content: Buffer.from(await bombBook.xlsx.writeBuffer()) });
      expect(bomb.status).toBe(413);
      expect(await attachmentCount()).toBe(before);
      expect(filesUnder(t.config.uploadDir)).toHaveLength(filesBefore);
    });

    it('cleans path tricks and control characters out of names', async () => {
      const res = await upload(worker.token, { filename: '../../etc/passwd.jpg', content: await phoneJpeg(20, 10) });
      expect(res.status).toBe(201);
      expect(res.body.name).toBe('passwd.jpg');
      const row = (await t.db.query('SELECT name, storage_key FROM attachment WHERE id = ?', [res.body.id]))[0];
      expect(row.name).toBe('passwd.jpg');
      expect(row.storage_key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
      const ctl = await upload(worker.token, { filename: '..\\公示\u0000照片\u202e.pdf', content: await pdf() });
      expect(ctl.body.name).toBe('公示照片.pdf');
    });

    it('reads a Chinese file name sent as raw UTF-8 (as browsers and WeChat send it)', async () => {
      const boundary = '----sunboardRawUtf8';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="光明社区公示.pdf"\r\nContent-Type: application/pdf\r\n\r\n`, 'utf8'),
        await pdf(),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await t.request<AttachmentDto>('POST', '/api/uploads', {
        token: worker.token,
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(res.status).toBe(201);
      expect(res.body.name).toBe('光明社区公示.pdf');
    });

    it('shows the name given in the `name` field rather than WeChat\'s temporary file name', async () => {
      const { payload, headers } = multipart([{ filename: 'wxfile://tmp_8f3a2b1c.jpg', content: await phoneJpeg(20, 10) }], { name: '光明社区/公示栏.jpg' });
      const res = await t.request<AttachmentDto>('POST', '/api/uploads', { token: worker.token, payload, headers });
      expect(res.status).toBe(201);
      expect(res.body.name).toBe('公示栏.jpg');
      const plain = await upload(worker.token, { filename: 'wxfile://tmp_8f3a2b1c.jpg', content: await phoneJpeg(20, 10) });
      expect(plain.body.name).toBe('tmp_8f3a2b1c.jpg');
    });

    it('answers 400 naming file when there is no file, and 415 when the body is not multipart', async () => {
      const { payload, headers } = multipart([], { title: 'x' });
      const none = await t.request('POST', '/api/uploads', { token: worker.token, payload, headers });
      expect(none.status).toBe(400);
      expect(none.body.details).toEqual([{ path: 'file', reason: expect.any(String) }]);
      const json = await t.request('POST', '/api/uploads', { token: worker.token, body: { file: 'x' } });
      expect(json.status).toBe(415);
    });
  });

  describe('who may upload and read', () => {
    it('refuses residents (403) and anonymous callers (401)', async () => {
      const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).png().toBuffer();
      expect((await upload(resident.token, { filename: 'a.png', content: png })).status).toBe(403);
      expect((await upload(undefined, { filename: 'a.png', content: png })).status).toBe(401);
    });

    it('keeps an unattached upload to its owner: another worker, a reviewer, a resident and the public get 404', async () => {
      const a = (await upload(worker.token, { filename: 'mine.jpg', content: await phoneJpeg(40, 30) })).body;
      expect((await fetchBytes(a.url, worker.token)).status).toBe(200);
      for (const token of [colleague.token, reviewer.token, resident.token, undefined]) {
        const res = await fetchBytes(a.thumbUrl!, token);
        expect(res.status).toBe(404);
        expect(res.bytes.includes(Buffer.from([0xff, 0xd8]))).toBe(false);
      }
    });

    it('opens it to covering staff once on a draft, and to everyone once the notice is published', async () => {
      const a = (await upload(worker.token, { filename: 'on-notice.jpg', content: await phoneJpeg(40, 30) })).body;
      const notice = await makeNotice(t.db, { regionId: tree.communityA1.id, status: 'draft', authorId: worker.id });
      await claim(notice.id, worker.id, [a.id]);
      expect((await fetchBytes(a.url, reviewer.token)).status).toBe(200);
      expect((await fetchBytes(a.url, colleague.token)).status).toBe(200);
      expect((await fetchBytes(a.url, outsider.token)).status).toBe(404);
      expect((await fetchBytes(a.url, resident.token)).status).toBe(404);
      expect((await fetchBytes(a.url)).status).toBe(404);

      await t.db.getRepository(Notice).update(notice.id, { status: 'published', publishedAt: new Date() });
      const pub = await fetchBytes(a.displayUrl!);
      expect(pub.status).toBe(200);
      expect(pub.headers['content-type']).toBe('image/jpeg');
      expect(pub.headers['cache-control']).toBe('public, max-age=3600');
      expect(pub.headers['content-disposition']).toMatch(/^inline; filename="on-notice-display\.jpg"/);
      const again = await fetchBytes(a.displayUrl!, undefined, { 'if-none-match': String(pub.headers.etag) });
      expect(again.status).toBe(304);
      expect(again.bytes.length).toBe(0);

      await t.db.getRepository(Notice).update(notice.id, { status: 'withdrawn' });
      expect((await fetchBytes(a.displayUrl!)).status).toBe(404);
    });

    it('404s unknown ids and variants, and 400s a bad id', async () => {
      expect((await fetchBytes('/api/uploads/999999/file', worker.token)).status).toBe(404);
      const a = (await upload(worker.token, { filename: 'v.jpg', content: await phoneJpeg(40, 30) })).body;
      expect((await fetchBytes(`/api/uploads/${a.id}/original`, worker.token)).status).toBe(404);
      expect((await t.request('GET', '/api/uploads/abc/file', { token: worker.token })).status).toBe(400);
    });
  });

  describe('DELETE /api/uploads/:id', () => {
    it('lets the owner delete an unattached upload (files and row), never someone else or an attached one', async () => {
      const a = (await upload(worker.token, { filename: 'del.jpg', content: await phoneJpeg(40, 30) })).body;
      const key = (await t.db.query('SELECT storage_key FROM attachment WHERE id = ?', [a.id]))[0].storage_key as string;
      expect(filesUnder(t.config.uploadDir).filter((f) => f.startsWith(key))).toHaveLength(3);
      expect((await t.request('DELETE', `/api/uploads/${a.id}`, { token: colleague.token })).status).toBe(404);

      const notice = await makeNotice(t.db, { regionId: tree.communityA1.id, status: 'draft', authorId: worker.id });
      await claim(notice.id, worker.id, [a.id]);
      const attached = await t.request('DELETE', `/api/uploads/${a.id}`, { token: worker.token });
      expect(attached.status).toBe(409);
      await claim(notice.id, worker.id, []);

      const ok = await t.request('DELETE', `/api/uploads/${a.id}`, { token: worker.token });
      expect(ok.status).toBe(204);
      expect((await t.db.query('SELECT id FROM attachment WHERE id = ?', [a.id])).length).toBe(0);
      expect(filesUnder(t.config.uploadDir).filter((f) => f.startsWith(key))).toEqual([]);
      expect((await fetchBytes(a.url, worker.token)).status).toBe(404);
    });
  });

  describe('storage failures', () => {
    it('answers 507 STORAGE_FULL when the disk is full, leaving neither a row nor any file', async () => {
      const before = await attachmentCount();
      const filesBefore = filesUnder(t.config.uploadDir);
      const realRename = fsp.rename;
      let calls = 0;
      const spy = jest.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
        // The second of the three image files fails as a full disk would.
        if (++calls === 2) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return realRename(from, to);
      });
      try {
        const res = await upload(worker.token, { filename: 'full.jpg', content: await phoneJpeg(400, 300) });
        expect(res.status).toBe(507);
        expect(res.body.code).toBe('STORAGE_FULL');
        expect(res.body.message).toContain('存储空间已满');
      } finally {
        spy.mockRestore();
      }
      expect(calls).toBe(3);
      expect(await attachmentCount()).toBe(before);
      expect(filesUnder(t.config.uploadDir).sort()).toEqual(filesBefore.sort());
    });

    it('answers 503 STORAGE_UNAVAILABLE for other write errors', async () => {
      const before = await attachmentCount();
      const spy = jest.spyOn(fsp, 'open').mockRejectedValueOnce(Object.assign(new Error('EACCES'), { code: 'EACCES' }));
      try {
        const res = await upload(worker.token, { filename: 'doc.pdf', content: await pdf() });
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('STORAGE_UNAVAILABLE');
      } finally {
        spy.mockRestore();
      }
      expect(await attachmentCount()).toBe(before);
    });
  });

  describe('for the notices workflow: claimForNotice and listForNotices', () => {
    it('attaches exactly the listed uploads, detaches the rest, and refuses bad ids naming attachmentIds', async () => {
      const mk = async (token: string) => (await upload(token, { filename: 'c.pdf', content: await pdf() })).body.id;
      const [a1, a2, a3] = [await mk(worker.token), await mk(worker.token), await mk(worker.token)];
      const others = await mk(colleague.token);
      const n1 = await makeNotice(t.db, { regionId: tree.communityA1.id, status: 'draft', authorId: worker.id });
      const n2 = await makeNotice(t.db, { regionId: tree.communityA1.id, status: 'draft', authorId: worker.id });
      const svc = t.app.get(AttachmentsService);

      await claim(n1.id, worker.id, [a1, a2, a2]);
      let lists = await svc.listForNotices([n1.id, n2.id]);
      expect(lists.get(n1.id)!.map((a) => a.id)).toEqual([a1, a2]);
      expect(lists.get(n2.id)).toEqual([]);

      await claim(n1.id, worker.id, [a2, a3]);
      lists = await svc.listForNotices([n1.id]);
      expect(lists.get(n1.id)!.map((a) => a.id)).toEqual([a2, a3]);

      const noticeIdOf = async (id: number) => (await t.db.query('SELECT notice_id FROM attachment WHERE id = ?', [id]))[0].notice_id;
      for (const bad of [[a1, others], [a2], [a1, 987654]]) {
        const err = await claim(n2.id, worker.id, bad).then(
          () => null,
          (e) => e,
        );
        expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
        expect(err.details[0].path).toBe('attachmentIds');
        expect(err.details[0].ids).toEqual(bad.filter((id) => id !== a1));
      }
      // Nothing changed by the refused claims.
      expect(Number(await noticeIdOf(a1))).toBe(0);
      expect(Number(await noticeIdOf(a2))).toBe(n1.id);

      // A reviewer correcting the notice keeps the author's attachments and adds their own,
      // but cannot take the author's unattached uploads.
      const reviewers = (await upload(reviewer.token, { filename: 'r.pdf', content: await pdf() })).body.id;
      await claim(n1.id, reviewer.id, [a2, a3, reviewers]);
      expect((await svc.listForNotices([n1.id])).get(n1.id)!.map((a) => a.id)).toEqual([a2, a3, reviewers]);
      const taken = await claim(n1.id, reviewer.id, [a2, a3, reviewers, a1]).then(
        () => null,
        (e) => e,
      );
      expect(taken?.details?.[0]).toMatchObject({ path: 'attachmentIds', ids: [a1] });

      await claim(n1.id, worker.id, []);
      expect((await svc.listForNotices([n1.id])).get(n1.id)).toEqual([]);
    });
  });
});
