import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Attachment } from './attachment.entity';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { NoticeTable } from './notice-table.entity';
import { NoticeTablesController } from './notice-tables.controller';
import { NoticeTablesService } from './notice-tables.service';
import { LocalDiskStorage } from './storage/local-disk.storage';
import { StorageService } from './storage/storage.service';

/**
 * Uploads from a phone (photos, PDF, xlsx) and 公示 tables imported from xlsx. The notices workflow
 * attaches them with `AttachmentsService.claimForNotice` / `NoticeTablesService.claimForNotice`
 * inside its own transaction and reads them with `listForNotices` / `forNotice`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Attachment, NoticeTable])],
  controllers: [AttachmentsController, NoticeTablesController],
  providers: [AttachmentsService, NoticeTablesService, { provide: StorageService, useClass: LocalDiskStorage }],
  exports: [AttachmentsService, NoticeTablesService, StorageService],
})
export class UploadsModule {}
