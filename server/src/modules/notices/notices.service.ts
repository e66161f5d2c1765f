import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { NoticeCardDto, NoticeFeedQuery, Page } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { RegionsService } from '../regions/regions.service';
import { NoticeFeedService } from './notice-feed.service';
import { Notice } from './notice.entity';
import { type NoticeDetailResponse, toNoticeDetailDto } from './notice.mapper';

/** What residents read: the published notices of a region and of every region above it. */
@Injectable()
export class NoticesService {
  constructor(
    @InjectRepository(Notice) private readonly notices: Repository<Notice>,
    private readonly regions: RegionsService,
    private readonly feedService: NoticeFeedService,
  ) {}

  /** One page of the feed, or of search results with `q`: see NoticeFeedService. */
  feed(query: NoticeFeedQuery, user: AuthUser | undefined): Promise<Page<NoticeCardDto>> {
    return this.feedService.feed(query, user);
  }

  /** A published notice with its eight elements; anything else (draft, pending, withdrawn…) is 404 to the public. */
  async detail(id: number): Promise<NoticeDetailResponse> {
    const notice = await this.notices.findOneBy({ id, status: 'published' });
    if (!notice) throw AppError.notFound('公告');
    return toNoticeDetailDto(notice, await this.regions.refs([notice.regionId]));
  }
}
