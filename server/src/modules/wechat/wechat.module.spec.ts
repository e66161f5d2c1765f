import 'reflect-metadata';
import type { TestingModule } from '@nestjs/testing';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConfigModule } from '../../config/config.module';
import { loadConfig } from '../../config/env.schema';
import { ENTITIES } from '../../database/entities';
import { MIGRATIONS } from '../../database/migrations';
import { createFakeWechat, type FakeWechat } from '../../fake-wechat/fake-wechat';
import { WechatClient } from './wechat.client';
import { WechatModule } from './wechat.module';

describe('WechatModule', () => {
  let fake: FakeWechat;
  let moduleRef: TestingModule;

  beforeAll(async () => {
    fake = await createFakeWechat({ port: 0, appid: 'wx_module_spec', secret: 'module-spec-secret' });
    const config = loadConfig({ NODE_ENV: 'test', WECHAT_API_BASE: fake.url, WECHAT_APPID: 'wx_module_spec', WECHAT_SECRET: 'module-spec-secret' });
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ type: 'better-sqlite3', database: ':memory:', entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true }),
        WechatModule,
      ],
    }).compile();
  });
  afterAll(async () => {
    await moduleRef?.close();
    await fake.close();
  });

  it('provides a WechatClient built from config.wechat that keeps its token in wechat_token', async () => {
    const client = moduleRef.get(WechatClient);
    expect(client).toBeInstanceOf(WechatClient);
    const token = await client.getAccessToken();
    const db = moduleRef.get<DataSource>(getDataSourceToken());
    expect(await db.query('SELECT appid, access_token FROM wechat_token')).toEqual([{ appid: 'wx_module_spec', access_token: token }]);
  });
});
