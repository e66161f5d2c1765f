import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { maskPersonalData, NOTICE_TABLE_LIMITS, type NoticeStatus, type NoticeTableDto, noticeTableImportSchema } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { Notice } from '../notices/notice.entity';
import { Region } from '../regions/region.entity';
import { chunks, uniqueIds } from './in-chunks';
import { maskTable } from './mask-table';
import type { UploadedFile } from './multipart-upload';
import { NoticeTable } from './notice-table.entity';
import { toNoticeTableDto } from './notice-table.mapper';
import { mayRead } from './upload-access';
import { sniffBytes, XLSX_MIME } from './upload-types';
import { readXlsxTable } from './xlsx-table';

/** The masked rows as stored may take at most this much JSON (the column is MEDIUMTEXT on MySQL). */
export const MAX_TABLE_JSON_BYTES = 4 * 1024 * 1024;

/**
 * 公示 lists imported from xlsx: read in memory, personal-data columns masked, only the masked
 * table stored (the raw file never touches disk or database). A table belongs to its importer
 * until a notice claims it; residents see it while its notice is published and its 公示 period runs.
 */
@Injectable()
export class NoticeTablesService {
  constructor(@InjectRepository(NoticeTable) private readonly tables: Repository<NoticeTable>) {}

  async import(user: AuthUser, file: UploadedFile): Promise<NoticeTableDto> {
    const fields = noticeTableImportSchema.safeParse(file.fields);
    if (!fields.success) throw new AppError('VALIDATION_FAILED', undefined, fields.error.issues.map((i) => ({ path: i.path.join('.') || 'title', reason: i.message })));
    const sniffed = await sniffBytes(file.bytes);
    if (sniffed.mime !== XLSX_MIME) {
      const hint = sniffed.mime === 'application/x-cfb' ? '旧版 .xls 请在 Excel 或 WPS 中另存为 .xlsx' : '请上传 Excel 表格（.xlsx）';
      const reason = `文件内容是${sniffed.description}，${hint}`;
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `不支持的文件类型：${sniffed.description}`, [{ path: 'file', reason, detected: sniffed.mime }]);
    }
    const raw = await readXlsxTable(file.bytes);
    const masked = maskTable(raw);
    const rowsJson = JSON.stringify(masked.rows);
    if (Buffer.byteLength(rowsJson) > MAX_TABLE_JSON_BYTES) {
      const reason = `表格内容过多（超过 ${MAX_TABLE_JSON_BYTES / 1024 / 1024} MB 文字），请只保留需要公示的列`;
      throw new AppError('PAYLOAD_TOO_LARGE', reason, [{ path: 'file', reason }]);
    }
    const title = fields.data.title ?? (raw.title ? [...raw.title].slice(0, NOTICE_TABLE_LIMITS.maxTitleChars).join('') : null);
    const saved = await this.tables.save(
      this.tables.create({
        ownerId: user.id,
        noticeId: null,
        title: title === null ? null : maskPersonalData(title),
        columns: masked.columns,
        rows: masked.rows,
        rowCount: masked.rows.length,
      }),
    );
    return toNoticeTableDto(saved);
  }

  /** A table, when the caller may see it; 404 otherwise (existence is not revealed). */
  async get(user: AuthUser | undefined, id: number): Promise<NoticeTableDto> {
    const { entities, raw } = await this.tables
      .createQueryBuilder('t')
      .leftJoin(Notice, 'n', 'n.id = t.noticeId')
      .leftJoin(Region, 'r', 'r.id = n.regionId')
      .addSelect('n.status', 'notice_status')
      .addSelect('r.path', 'region_path')
      .addSelect('CASE WHEN n.publicityEndsAt IS NULL OR n.publicityEndsAt > :now THEN 1 ELSE 0 END', 'notice_current')
      .where('t.id = :id', { id, now: new Date() })
      .getRawAndEntities<{ notice_status: NoticeStatus | null; region_path: string | null; notice_current: number | string }>();
    const table = entities[0];
    if (!table) throw AppError.notFound('公示表');
    const notice = { status: raw[0].notice_status ?? null, regionPath: raw[0].region_path ?? null, current: Number(raw[0].notice_current) === 1 };
    if (!mayRead(user, table.ownerId, notice, { requireCurrent: true })) throw AppError.notFound('公示表');
    return toNoticeTableDto(table);
  }

  /** Deletes the caller's own table while no notice uses it. */
  async remove(user: AuthUser, id: number): Promise<void> {
    const table = await this.tables.findOne({ where: { id }, select: { id: true, ownerId: true, noticeId: true } });
    if (!table || table.ownerId !== user.id) throw AppError.notFound('公示表');
    const result = await this.tables
      .createQueryBuilder()
      .delete()
      .from(NoticeTable)
      .where('id = :id AND owner_id = :owner AND notice_id IS NULL', { id, owner: user.id })
      .execute();
    if (!result.affected) throw new AppError('CONFLICT', '公示表已用在公告中，请先在公告中移除它再删除');
  }

  /**
   * Within the notice's transaction: the notice's table becomes `tableId` (null: none). The table
   * must exist and be either already on this notice or an unattached table imported by `userId`,
   * else 400 naming `tableId`. A table the notice had before is detached.
   */
  async claimForNotice(manager: EntityManager, noticeId: number, userId: number, tableId: number | null): Promise<void> {
    const repo = manager.getRepository(NoticeTable);
    if (tableId !== null) {
      const qb = repo.createQueryBuilder('t').select(['t.id', 't.ownerId', 't.noticeId']).where('t.id = :id', { id: tableId });
      if (manager.connection.options.type === 'mysql') qb.setLock('pessimistic_write');
      const table = await qb.getOne();
      if (!table || (table.noticeId !== noticeId && (table.noticeId !== null || table.ownerId !== userId))) {
        throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'tableId', reason: `公示表 ${tableId} 不存在、不是您导入的或已用在其他公告中` }]);
      }
    }
    const detach = repo.createQueryBuilder().update(NoticeTable).set({ noticeId: null }).where('notice_id = :noticeId', { noticeId });
    if (tableId !== null) detach.andWhere('id <> :tableId', { tableId });
    await detach.execute();
    if (tableId !== null) await repo.update({ id: tableId }, { noticeId });
  }

  /** The id of each notice's table (notices without one are absent): one query, no table contents. */
  async tableIdsForNotices(noticeIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const part of chunks(uniqueIds(noticeIds))) {
      const rows = await this.tables.find({ select: { id: true, noticeId: true }, where: { noticeId: In(part) }, order: { id: 'ASC' } });
      for (const r of rows) out.set(Number(r.noticeId), r.id);
    }
    return out;
  }

  /** The table attached to a notice, whatever the notice's state (callers decide who sees it). */
  async forNotice(noticeId: number): Promise<NoticeTableDto | null> {
    const table = await this.tables.findOne({ where: { noticeId }, order: { id: 'DESC' } });
    return table ? toNoticeTableDto(table) : null;
  }
}
