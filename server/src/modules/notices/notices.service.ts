import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { NoticeCardDto, NoticeFeedQuery, Page } from '@sunboard/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { RegionsService } from '../regions/regions.service';
import { NoticeFeedService } from './notice-feed.service';
import { NoticeReaderService } from './notice-reader.service';
import { Notice } from './notice.entity';
import type { NoticeDetailResponse } from './notice.mapper';

/** What residents read: the published notices of a region and of every region above it. */
@Injectable()
export class NoticesService {
  constructor(
    @InjectRepository(Notice) private readonly notices: Repository<Notice>,
    private readonly regions: RegionsService,
    private readonly feedService: NoticeFeedService,
    private readonly reader: NoticeReaderService,
  ) {}

  /** One page of the feed, or of search results with `q`: see NoticeFeedService. */
  feed(query: NoticeFeedQuery, user: AuthUser | undefined): Promise<Page<NoticeCardDto>> {
    return this.feedService.feed(query, user);
  }

  /**
   * A published notice with its eight elements, attachments, 公示 table and linked interpretations;
   * anything else (draft, pending, withdrawn, an ended 公示…) is 404 to the public. A logged-in
   * caller's first view is recorded (知晓率). See NoticeReaderService.
   */
  detail(id: number, user?: AuthUser): Promise<NoticeDetailResponse> {
    return this.reader.detail(id, user);
  }
}
