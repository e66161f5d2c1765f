import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegionsModule } from '../regions/regions.module';
import { Notice } from './notice.entity';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';
import { NoticeWorkflowModule } from './notice-workflow.module';
import { NoticeEtagHook } from './notice-etag.hook';
import { NoticeFeedService } from './notice-feed.service';
import { NoticeSearchService } from './search/notice-search.service';
import { NoticeSearchBootstrap } from './search/notice-search.bootstrap';

@Module({
  imports: [TypeOrmModule.forFeature([Notice]), RegionsModule, NoticeWorkflowModule],
  controllers: [NoticesController],
  providers: [NoticesService, NoticeFeedService, NoticeSearchService, NoticeEtagHook, NoticeSearchBootstrap],
  exports: [NoticesService],
})
export class NoticesModule {}
