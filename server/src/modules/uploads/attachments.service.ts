import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, IsNull, type Repository } from 'typeorm';
import { type AttachmentDto, type NoticeStatus, PERSONAL_DATA_LABELS, STAFF_ROLES } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { covers } from '../../common/auth/scope';
import { AppError } from '../../common/errors/app-error';
import { Notice } from '../notices/notice.entity';
import { Region } from '../regions/region.entity';
import { Attachment } from './attachment.entity';
import { type AttachmentVariant, toAttachmentDto } from './attachment.mapper';
import { cleanFileName } from './file-name';
import { type ImageMime, processImage } from './image-processing';
import { chunks, uniqueIds } from './in-chunks';
import type { UploadedFile } from './multipart-upload';
import { newStorageKey } from './storage/storage-key';
import { StorageService, type StoredFile } from './storage/storage.service';
import { type AttachedNotice, isPublic, mayRead } from './upload-access';
import { detectUploadType } from './upload-types';
import { findPersonalDataInXlsx } from './xlsx-table';

/**
 * An xlsx attachment is published as it is, so it may not carry unmasked ID, mobile or bank numbers:
 * 400 naming `file` and where they are (a 公示 list belongs in POST /api/notice-tables/import, which masks).
 */
async function assertNoPersonalData(bytes: Buffer): Promise<void> {
  const found = await findPersonalDataInXlsx(bytes);
  if (!found.length) return;
  const places = found.map((f) => `工作表「${f.sheet}」第 ${f.row} 行第 ${f.column} 列（${PERSONAL_DATA_LABELS[f.kind]}）`).join('、');
  throw new AppError('VALIDATION_FAILED', '表格中有未打码的个人信息，不能作为附件上传', [
    { path: 'file', reason: `${places}有未打码的个人信息。公示名单请用「导入公示表」，系统会自动打码`, places: found },
  ]);
}

/** An attachment opened for reading one of its variants. */
export interface OpenedAttachment {
  attachment: Attachment;
  file: StoredFile;
  /** The key read: stable for the bytes, usable as an ETag. */
  key: string;
  /** Cacheable by shared caches (attached to a published notice). */
  public: boolean;
}

/**
 * Photos and documents uploaded from a phone. The type comes from the bytes; images are re-encoded
 * upright without metadata, with a display copy and a thumbnail. An upload belongs to its uploader
 * until a notice claims it (`claimForNotice`, inside the notice's transaction).
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger('AttachmentsService');

  constructor(
    @InjectRepository(Attachment) private readonly attachments: Repository<Attachment>,
    private readonly storage: StorageService,
  ) {}

  /** Stores an upload and records it; a storage failure leaves neither files nor a row. */
  async upload(user: AuthUser, file: UploadedFile): Promise<AttachmentDto> {
    const type = await detectUploadType(file.bytes);
    const name = cleanFileName(file.fields.name?.trim() || file.filename, type.extensions, type.kind === 'image' ? '照片' : '文件');
    const key = newStorageKey();
    const blobs: Array<[string, Buffer]> = [];
    let width: number | null = null;
    let height: number | null = null;
    if (type.kind === 'image') {
      const image = await processImage(file.bytes, type.mime as ImageMime);
      blobs.push([key, image.original], [`${key}-display`, image.display], [`${key}-thumb`, image.thumb]);
      width = image.width;
      height = image.height;
    } else {
      if (type.kind === 'xlsx') await assertNoPersonalData(file.bytes);
      blobs.push([key, file.bytes]);
    }
    const written = await this.putAll(blobs);
    try {
      const saved = await this.attachments.save(
        this.attachments.create({
          ownerId: user.id,
          noticeId: null,
          kind: type.kind,
          name,
          mime: type.mime,
          size: blobs[0][1].length,
          storageKey: key,
          displayKey: type.kind === 'image' ? `${key}-display` : null,
          thumbKey: type.kind === 'image' ? `${key}-thumb` : null,
          width,
          height,
        }),
      );
      return toAttachmentDto(saved);
    } catch (err) {
      await this.removeFiles(written);
      throw err;
    }
  }

  /** The bytes of one variant, when the caller may read them; 404 otherwise (existence is not revealed). */
  async open(user: AuthUser | undefined, id: number, variant: AttachmentVariant): Promise<OpenedAttachment> {
    const { entities, raw } = await this.attachments
      .createQueryBuilder('a')
      .leftJoin(Notice, 'n', 'n.id = a.noticeId')
      .leftJoin(Region, 'r', 'r.id = n.regionId')
      .addSelect('n.status', 'notice_status')
      .addSelect('r.path', 'region_path')
      .where('a.id = :id', { id })
      .getRawAndEntities<{ notice_status: NoticeStatus | null; region_path: string | null }>();
    const attachment = entities[0];
    if (!attachment) throw AppError.notFound('附件');
    const notice: AttachedNotice = { status: raw[0].notice_status ?? null, regionPath: raw[0].region_path ?? null, current: true };
    let consultationFile = false;
    if (attachment.caseId !== null) {
      if (!(await this.mayReadCaseFile(user, attachment.ownerId, attachment.caseId))) throw AppError.notFound('附件');
    } else if (!mayRead(user, attachment.ownerId, notice)) {
      consultationFile = await this.isConsultationFile(id);
      if (!consultationFile) throw AppError.notFound('附件');
    }
    const key = variant === 'file' ? attachment.storageKey : variant === 'display' ? attachment.displayKey : attachment.thumbKey;
    if (!key) throw AppError.notFound('附件');
    const file = await this.storage.get(key);
    if (!file) {
      this.logger.error({ attachmentId: id, variant }, 'stored file missing');
      throw AppError.notFound('附件');
    }
    return { attachment, file, key, public: consultationFile || isPublic(notice) };
  }

  /** A file of a consultation's draft: public, as the consultation itself is (its detail has no reader check). */
  private async isConsultationFile(id: number): Promise<boolean> {
    const rows: unknown[] = await this.attachments.manager.query('SELECT 1 AS x FROM consultation_attachment WHERE attachment_id = ?', [id]);
    return rows.length > 0;
  }

  /** A file on a case's progress: its uploader, the case's applicant and the staff covering the case (never public). */
  private async mayReadCaseFile(user: AuthUser | undefined, ownerId: number, caseId: number): Promise<boolean> {
    if (!user) return false;
    if (user.id === ownerId) return true;
    const rows: Array<{ applicant: number | null; path: string }> = await this.attachments.manager.query(
      'SELECT c.applicant_user_id AS applicant, r.path AS path FROM service_case c JOIN region r ON r.id = c.region_id WHERE c.id = ?',
      [caseId],
    );
    if (!rows.length) return false;
    return (rows[0].applicant !== null && Number(rows[0].applicant) === user.id) || covers(user, rows[0].path, STAFF_ROLES);
  }

  /** Deletes the caller's own upload while no notice uses it. */
  async remove(user: AuthUser, id: number): Promise<void> {
    const attachment = await this.attachments.findOneBy({ id });
    if (!attachment || attachment.ownerId !== user.id) throw AppError.notFound('附件');
    if (attachment.caseId !== null) throw new AppError('CONFLICT', '附件已记入办件进度，不能删除');
    if (attachment.noticeId !== null) throw new AppError('CONFLICT', '附件已用在公告中，请先在公告中移除它再删除');
    // Conditional, so a notice claiming it meanwhile wins.
    const result = await this.attachments.delete({ id, ownerId: user.id, noticeId: IsNull(), caseId: IsNull() });
    if (!result.affected) throw new AppError('CONFLICT', '附件已用在公告中，请先在公告中移除它再删除');
    await this.removeFiles([attachment.storageKey, attachment.displayKey, attachment.thumbKey].filter((k): k is string => !!k));
  }

  /**
   * Within the notice's transaction: the notice's attachments become exactly `ids`. Every id must
   * exist and be either already on this notice (whoever uploaded it: a reviewer correcting the
   * notice keeps the author's photos) or an unattached upload of `userId`; else 400 naming
   * `attachmentIds` with the bad ids (and nothing changes). Attachments no longer listed are detached.
   */
  async claimForNotice(manager: EntityManager, noticeId: number, userId: number, ids: number[]): Promise<void> {
    const wanted = uniqueIds(ids);
    const repo = manager.getRepository(Attachment);
    if (wanted.length) {
      const found = new Map<number, Attachment>();
      for (const part of chunks(wanted)) {
        const qb = repo.createQueryBuilder('a').select(['a.id', 'a.ownerId', 'a.noticeId', 'a.caseId']).where('a.id IN (:...ids)', { ids: part });
        // MySQL: lock the rows so a concurrent claim for another notice waits (SQLite transactions are serialised).
        if (manager.connection.options.type === 'mysql') qb.setLock('pessimistic_write');
        for (const a of await qb.getMany()) found.set(a.id, a);
      }
      const bad = wanted.filter((id) => {
        const a = found.get(id);
        return !a || a.caseId !== null || (a.noticeId !== noticeId && (a.noticeId !== null || a.ownerId !== userId));
      });
      if (bad.length) {
        throw new AppError('VALIDATION_FAILED', undefined, [
          { path: 'attachmentIds', reason: `附件 ${bad.join('、')} 不存在、不是您上传的或已用在其他公告中`, ids: bad },
        ]);
      }
    }
    const detach = repo.createQueryBuilder().update(Attachment).set({ noticeId: null }).where('notice_id = :noticeId', { noticeId });
    if (wanted.length) detach.andWhere('id NOT IN (:...ids)', { ids: wanted });
    await detach.execute();
    for (const part of chunks(wanted)) await repo.update({ id: In(part) }, { noticeId });
  }

  /** The attachments of each notice, oldest first; every requested notice has an entry (maybe empty). */
  async listForNotices(noticeIds: number[]): Promise<Map<number, AttachmentDto[]>> {
    const ids = uniqueIds(noticeIds);
    const out = new Map<number, AttachmentDto[]>(ids.map((id) => [id, []]));
    for (const part of chunks(ids)) {
      const rows = await this.attachments.find({ where: { noticeId: In(part) }, order: { id: 'ASC' } });
      for (const a of rows) out.get(Number(a.noticeId))?.push(toAttachmentDto(a));
    }
    return out;
  }

  /** Writes every blob, or none: after a failure the ones already written are removed again. */
  private async putAll(blobs: Array<[string, Buffer]>): Promise<string[]> {
    const results = await Promise.allSettled(blobs.map(([key, bytes]) => this.storage.put(key, bytes)));
    const written = blobs.filter((_, i) => results[i].status === 'fulfilled').map(([key]) => key);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await this.removeFiles(written);
      throw failed.reason;
    }
    return written;
  }

  private async removeFiles(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map((key) =>
        this.storage.delete(key).catch((err: NodeJS.ErrnoException) => this.logger.warn({ key, code: err?.code }, 'could not remove a stored file')),
      ),
    );
  }
}
