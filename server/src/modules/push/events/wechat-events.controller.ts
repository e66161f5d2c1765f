import { Controller, Get, Header, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../common/errors/app-error';
import { Public } from '../../../common/decorators/public.decorator';
import { rawBodyOf } from './raw-body.hook';
import { WechatEventsService } from './wechat-events.service';

/**
 * WeChat's message push (消息推送) endpoint: configure `https://<host>/api/wechat/events`, the Token
 * (WECHAT_PUSH_TOKEN), plaintext mode and JSON in the mini program's console.
 */
@ApiTags('wechat')
@Controller('wechat/events')
export class WechatEventsController {
  constructor(private readonly events: WechatEventsService) {}

  /** WeChat checks the URL when it is configured: a signed GET whose `echostr` must come back as is. */
  @Public()
  @Get()
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiOperation({ summary: "WeChat's URL check: echoes `echostr` when the signature is right" })
  echo(@Query() query: Record<string, unknown>): string {
    this.events.verify(query);
    const echostr = query.echostr;
    if (typeof echostr !== 'string' || !echostr) throw AppError.field('echostr', '缺少 echostr');
    return echostr;
  }

  /** Delivery receipts and subscription switches; answers `success` as WeChat expects. */
  @Public()
  @Post()
  @HttpCode(200)
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiOperation({ summary: 'WeChat pushes subscribe_msg_sent_event / subscribe_msg_change_event (signed); answers "success"' })
  async receive(@Query() query: Record<string, unknown>, @Req() req: FastifyRequest): Promise<string> {
    this.events.verify(query);
    await this.events.handle(rawBodyOf(req), req.body);
    return 'success';
  }
}
