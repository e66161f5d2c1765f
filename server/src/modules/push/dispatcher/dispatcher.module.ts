import { Logger, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/env.schema';
import { TypeormTokenStore } from '../../wechat/token-store';
import { WechatClient } from '../../wechat/wechat.client';
import { PushModule } from '../push.module';
import { CachedTokenStore } from './cached-token-store';
import { DISPATCHER_SENDER, DispatcherService } from './dispatcher.service';
import { SubscribeSender } from './subscribe-sender';

/**
 * The push dispatcher (issue 4, items 5 and 10): drains `push_outbox` to WeChat. Imported by the API
 * (AppModule) and by the `--role=worker` process (WorkerModule).
 */
@Module({
  imports: [PushModule],
  providers: [
    {
      provide: DISPATCHER_SENDER,
      // The same shared token row as every other client, read through a 10 s cache; -1 is retried by
      // the dispatcher's own backoff (next_attempt_at), not inside the call, so no send slot waits.
      useFactory: (config: AppConfig, db: DataSource) => {
        const tokens = new CachedTokenStore(new TypeormTokenStore(db));
        const client = new WechatClient({ ...config.wechat, busyRetry: { attempts: 1 }, logger: new Logger('PushDispatcher') }, tokens);
        return new SubscribeSender({ ...config.wechat, maxSockets: config.dispatcher.concurrency * 2 }, client, tokens);
      },
      inject: [APP_CONFIG, getDataSourceToken()],
    },
    DispatcherService,
  ],
  exports: [DispatcherService],
})
export class DispatcherModule {}
