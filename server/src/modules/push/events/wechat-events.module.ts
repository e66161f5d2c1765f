import { Module } from '@nestjs/common';
import { PushModule } from '../push.module';
import { WechatEventsRawBody } from './raw-body.hook';
import { WechatEventsController } from './wechat-events.controller';
import { WechatEventsService } from './wechat-events.service';

/** Receipts from WeChat's message push (issue 4, item 6): `GET|POST /api/wechat/events`. */
@Module({
  imports: [PushModule],
  controllers: [WechatEventsController],
  providers: [WechatEventsService, WechatEventsRawBody],
})
export class WechatEventsModule {}
