import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { loggerOptions } from '../../../common/logging/logger.options';
import { ConfigModule } from '../../../config/config.module';
import type { AppConfig } from '../../../config/env.schema';
import { buildDataSourceOptions } from '../../../database/database-options';
import { serializeSqliteTransactions } from '../../../database/sqlite-transactions';
import { DispatcherModule } from './dispatcher.module';

/**
 * What a `--role=worker` process runs: the settings, the logger, the database and the dispatcher —
 * no HTTP server, no other module. It does not run migrations (two processes migrating at once
 * would collide): the API or `npm run db:migrate` does; a worker started on an older schema stops
 * with a message instead (see main.ts).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...buildDataSourceOptions(config), migrationsRun: false }),
          dataSourceFactory: async (options) => serializeSqliteTransactions(await new DataSource(options!).initialize()),
        }),
        DispatcherModule,
      ],
    };
  }
}
