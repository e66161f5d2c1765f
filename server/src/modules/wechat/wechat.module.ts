import { Logger, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { type TokenStore, TypeormTokenStore } from './token-store';
import { WechatClient } from './wechat.client';

/** Injection token of the TokenStore the client uses (the shared `wechat_token` row). */
export const WECHAT_TOKEN_STORE = Symbol('WECHAT_TOKEN_STORE');

/** Provides WechatClient built from `config.wechat`, with its token in the database. */
@Module({
  providers: [
    {
      provide: WECHAT_TOKEN_STORE,
      useFactory: (dataSource: DataSource): TokenStore => new TypeormTokenStore(dataSource),
      inject: [getDataSourceToken()],
    },
    {
      provide: WechatClient,
      useFactory: (config: AppConfig, store: TokenStore) =>
        new WechatClient({ ...config.wechat, logger: new Logger(WechatClient.name) }, store),
      inject: [APP_CONFIG, WECHAT_TOKEN_STORE],
    },
  ],
  exports: [WechatClient],
})
export class WechatModule {}
