import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { Notice } from '../notices/notice.entity';
import { RegionsService } from '../regions/regions.service';
import { CjkFontProvider } from './cjk-font';
import { NoticeCodeService } from './notice-code.service';
import { NoticeFileCache } from './notice-file-cache';
import { toPosterContent } from './poster-content';
import { POSTER_LAYOUT_VERSION, renderPosterPdf } from './poster-pdf';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export interface PosterFile {
  pdf: Buffer;
  noticeId: number;
  title: string;
}

/**
 * The notice-board pair for a published notice: its mini-program code and an A4 PDF poster with the
 * code. Both are public (a poster hangs on a wall) and both answer 404 for anything unpublished.
 * Rendering a poster takes a few hundred milliseconds of CPU, so each one is kept in the file cache
 * under a hash of everything printed on it (content, layout version, font, code): a correction,
 * a renamed region or a new font makes a new file; repeated downloads cost one small query and a read.
 */
@Injectable()
export class PostersService {
  private readonly logger = new Logger(PostersService.name);
  private readonly rendering = new Map<string, Promise<Buffer>>();

  constructor(
    @InjectRepository(Notice) private readonly notices: Repository<Notice>,
    private readonly regions: RegionsService,
    private readonly codes: NoticeCodeService,
    private readonly fonts: CjkFontProvider,
    private readonly cache: NoticeFileCache,
  ) {}

  /** The mini-program code PNG of a published notice. */
  async qrcode(id: number): Promise<Buffer> {
    return this.codes.png(await this.published(id));
  }

  /** The A4 poster of a published notice; 503 without a Chinese font, 502 when WeChat cannot make the code. */
  async poster(id: number): Promise<PosterFile> {
    const notice = await this.published(id);
    const font = this.fonts.get();
    const [code, refs] = await Promise.all([this.codes.png(notice), this.regions.refs([notice.regionId])]);
    const content = toPosterContent(notice, refs.get(notice.regionId) ?? null);
    const name = `${sha256(JSON.stringify([POSTER_LAYOUT_VERSION, font.fingerprint, sha256(code), content])).slice(0, 32)}.pdf`;
    const key = `${notice.id}/${name}`;
    let work = this.rendering.get(key);
    if (!work) {
      work = (async () => {
        const cached = await this.cache.read('posters', notice.id, name);
        if (cached) return cached;
        const pdf = await renderPosterPdf(content, code, font);
        await this.cache.write('posters', notice.id, name, pdf).catch((err: Error) => {
          this.logger.warn(`Could not cache the poster of notice ${notice.id}: ${err.message}`);
        });
        return pdf;
      })().finally(() => this.rendering.delete(key));
      this.rendering.set(key, work);
    }
    return { pdf: await work, noticeId: notice.id, title: content.title };
  }

  /**
   * A notice residents may read, as the notice page decides: published, and not a 公示 whose period
   * has ended (the expiry job marks those `expired` within a minute; until then the end time rules).
   */
  private async published(id: number): Promise<Notice> {
    const notice = await this.notices.findOneBy({ id, status: 'published' });
    if (!notice) throw AppError.notFound('公告');
    if (notice.kind === 'publicity' && notice.publicityEndsAt && notice.publicityEndsAt.getTime() <= Date.now()) {
      throw new AppError('NOT_FOUND', '该公示的公示期已满，已不再公开');
    }
    return notice;
  }
}
