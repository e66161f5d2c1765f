import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { FieldCipher } from './field-cipher';

/** The FieldCipher built from DATA_KEY and DATA_KEYS_OLD (global: any module may inject it). */
@Global()
@Module({
  providers: [{ provide: FieldCipher, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new FieldCipher(config.dataKey, config.dataKeysOld) }],
  exports: [FieldCipher],
})
export class CryptoModule {}
