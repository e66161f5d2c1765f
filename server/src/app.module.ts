import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { ClockModule } from './common/clock/clock.module';
import { CryptoModule } from './common/crypto/crypto.module';
import { AuthUserLoader } from './common/auth/auth-user.loader';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { AuthGuard } from './common/guards/auth.guard';
import { loggerOptions } from './common/logging/logger.options';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/env.schema';
import { buildDataSourceOptions } from './database/database-options';
import { serializeSqliteTransactions } from './database/sqlite-transactions';
import { AuthModule } from './modules/auth/auth.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { CasesModule } from './modules/cases/cases.module';
import { ConsultationsModule } from './modules/consultations/consultations.module';
import { RatingsModule } from './modules/ratings/ratings.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { YearlyReportModule } from './modules/yearly-report/yearly-report.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { HealthModule } from './modules/health/health.module';
import { NoticesModule } from './modules/notices/notices.module';
import { PostersModule } from './modules/posters/posters.module';
import { PushModule } from './modules/push/push.module';
import { SubscriptionsModule } from './modules/subscriptions/subscriptions.module';
import { InboxModule } from './modules/inbox/inbox.module';
import { DispatcherModule } from './modules/push/dispatcher/dispatcher.module';
import { WechatEventsModule } from './modules/push/events/wechat-events.module';
import { RegionsModule } from './modules/regions/regions.module';
import { StaffModule } from './modules/staff/staff.module';
import { UploadsModule } from './modules/uploads/uploads.module';
import { UsersModule } from './modules/users/users.module';
import { WechatModule } from './modules/wechat/wechat.module';

/** The whole server, built from a validated config (tests build it with their own). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...buildDataSourceOptions(config), migrationsRun: true }),
          dataSourceFactory: async (options) => serializeSqliteTransactions(await new DataSource(options!).initialize()),
        }),
        JwtModule.register({ global: true, secret: config.jwt.secret, signOptions: { expiresIn: config.jwt.ttlSeconds } }),
        ThrottlerModule.forRoot([{ ttl: config.loginRateLimit.windowSeconds * 1000, limit: config.loginRateLimit.limit }]),
        ClockModule,
        CryptoModule,
        CalendarModule,
        WechatModule,
        HealthModule,
        RegionsModule,
        NoticesModule,
        CatalogModule,
        UsersModule,
        AuthModule,
        StaffModule,
        PostersModule,
        UploadsModule,
        PushModule,
        SubscriptionsModule,
        InboxModule,
        DispatcherModule,
        WechatEventsModule,
        CasesModule,
        ConsultationsModule,
        RatingsModule,
        DashboardModule,
        YearlyReportModule,
      ],
      providers: [
        AuthUserLoader,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
