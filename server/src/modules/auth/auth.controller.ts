import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { wechatLoginSchema, type LoginResultDto, type WechatLoginInput } from '@sunboard/shared';
import { Public } from '../../common/decorators/public.decorator';
import { ApiZodBody } from '../../common/openapi/api-zod-body.decorator';
import { ZodPipe } from '../../common/pipes/zod-validation.pipe';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Exchanges a wx.login code for a Sunboard token. Rate-limited per client address. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('wechat')
  @HttpCode(200)
  @ApiZodBody(wechatLoginSchema)
  login(@Body(new ZodPipe(wechatLoginSchema)) body: WechatLoginInput): Promise<LoginResultDto> {
    return this.auth.loginWithWechat(body.code);
  }
}
