import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { NoticeDetailDto, NoticeRefDto, NoticeVersionDto, NoticeVersionSummaryDto } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { RegionsService } from '../regions/regions.service';
import { contentOf, publicityEnded } from './notice-content';
import { NoticeLinksService } from './notice-links.service';
import { NoticeReadsService } from './notice-reads.service';
import { parseSnapshot, toVersionDto, toVersionSummaryDto } from './notice-versions';
import { NoticeVersion } from './notice-version.entity';
import { Notice } from './notice.entity';
import { toNoticeDetailDto } from './notice.mapper';

/**
 * What residents read of one notice: the published detail (with attachments, the 公示 table and the
 * linked interpretations) and its earlier published versions. Anything not published — and a 公示
 * whose period has ended, even before the expiry job has marked it — is 404 to them.
 */
@Injectable()
export class NoticeReaderService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly regions: RegionsService,
    private readonly links: NoticeLinksService,
    private readonly reads: NoticeReadsService,
  ) {}

  async detail(id: number, user: AuthUser | undefined): Promise<NoticeDetailDto> {
    const notice = await this.current(id);
    const [, refs, attachments, table, interpretation, interprets] = await Promise.all([
      user ? this.reads.record(user.id, id) : Promise.resolve(),
      this.regions.refs([notice.regionId]),
      this.links.attachmentsOf([id]).then((m) => m.get(id) ?? []),
      this.links.tableOf(id),
      notice.interpretationId ? this.publishedRef(notice.interpretationId) : Promise.resolve(null),
      this.publishedInterprets(id),
    ]);
    return toNoticeDetailDto(notice, refs, { attachments, table, interpretation, interprets });
  }

  /** The published versions, oldest first (a notice published before versions were kept lists just its current one). */
  async versions(id: number): Promise<{ items: NoticeVersionSummaryDto[] }> {
    const notice = await this.current(id);
    const rows = await this.db.getRepository(NoticeVersion).find({
      select: { version: true, createdAt: true },
      where: { noticeId: id },
      order: { version: 'ASC' },
    });
    const items = rows.map((r) => toVersionSummaryDto(r, notice.version));
    if (!rows.some((r) => r.version === notice.version)) {
      items.push(toVersionSummaryDto({ version: notice.version, createdAt: notice.publishedAt ?? notice.updatedAt }, notice.version));
    }
    return { items };
  }

  async version(id: number, version: number): Promise<NoticeVersionDto> {
    const notice = await this.current(id);
    const row = await this.db.getRepository(NoticeVersion).findOneBy({ noticeId: id, version });
    if (version === notice.version) {
      const links = (await this.links.linksOf([id])).get(id)!;
      return toVersionDto(id, version, row?.createdAt ?? notice.publishedAt ?? notice.updatedAt, true, contentOf(notice, links));
    }
    const content = row ? parseSnapshot(row.snapshot) : null;
    if (!row || !content) throw AppError.notFound('版本');
    return toVersionDto(id, version, row.createdAt, false, content);
  }

  /** A published notice that is still current, or 404. */
  private async current(id: number): Promise<Notice> {
    const notice = await this.db.getRepository(Notice).findOneBy({ id, status: 'published' });
    if (!notice) throw AppError.notFound('公告');
    if (publicityEnded(notice)) throw new AppError('NOT_FOUND', '该公示的公示期已满，已不再公开');
    return notice;
  }

  private async publishedRef(id: number): Promise<NoticeRefDto | null> {
    const n = await this.db.getRepository(Notice).findOne({ select: { id: true, title: true }, where: { id, status: 'published' } });
    return n ? { id: n.id, title: n.title } : null;
  }

  private async publishedInterprets(id: number): Promise<NoticeRefDto[]> {
    const rows = await this.db.getRepository(Notice).find({
      select: { id: true, title: true },
      where: { interpretationId: id, status: 'published' },
      order: { id: 'ASC' },
      take: 50,
    });
    return rows.map((r) => ({ id: r.id, title: r.title }));
  }
}
