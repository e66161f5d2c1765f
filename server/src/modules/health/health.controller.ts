import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { isFakeWechat, type AppConfig } from '../../config/env.schema';
import { APP_CONFIG } from '../../config/config.module';
import { Public } from '../../common/decorators/public.decorator';

const startedAt = Date.now();

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** 200 when the database answers, 503 otherwise; load balancers and `npm start` poll it. */
  @Public()
  @Get('health')
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const t0 = process.hrtime.bigint();
    let ok = true;
    let error: string | undefined;
    try {
      await this.db.query('SELECT 1');
    } catch (err) {
      ok = false;
      error = (err as Error).message.slice(0, 200);
    }
    const latencyMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!ok) void reply.status(503);
    return {
      status: ok ? 'ok' : 'unavailable',
      database: { type: this.config.database.type, ok, latencyMs: Math.round(latencyMs * 100) / 100, ...(error ? { error } : {}) },
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
  }

  /** What a client build needs to know at run time. `devLogin` only when WeChat is the loopback fake. */
  @Public()
  @Get('client-config')
  clientConfig() {
    return {
      devLogin: isFakeWechat(this.config) ? { codeUrl: `${this.config.wechat.apiBase}/__test/login-code` } : null,
    };
  }
}
