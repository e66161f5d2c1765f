import { join } from 'node:path';
import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { Notice } from '../notices/notice.entity';
import { RegionsModule } from '../regions/regions.module';
import { WechatModule } from '../wechat/wechat.module';
import { CjkFontProvider } from './cjk-font';
import { NoticeCodeService } from './notice-code.service';
import { NoticeFileCache } from './notice-file-cache';
import { PostersController } from './posters.controller';
import { PostersService } from './posters.service';

/** The notice board's mini-program code and A4 poster (issue 3, item 9). */
@Module({
  imports: [TypeOrmModule.forFeature([Notice]), RegionsModule, WechatModule],
  controllers: [PostersController],
  providers: [
    PostersService,
    NoticeCodeService,
    {
      provide: NoticeFileCache,
      useFactory: (config: AppConfig) => new NoticeFileCache(join(config.uploadDir, 'cache')),
      inject: [APP_CONFIG],
    },
    {
      provide: CjkFontProvider,
      useFactory: (config: AppConfig) => new CjkFontProvider(config.cjkFontPath, new Logger('Posters')),
      inject: [APP_CONFIG],
    },
  ],
})
export class PostersModule {}
