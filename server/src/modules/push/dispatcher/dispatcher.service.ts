import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/env.schema';
import { CreditsService } from '../credits.service';
import { type DispatcherSettings, dispatcherSettings } from './dispatcher-settings';
import { PushDispatcher } from './push-dispatcher';
import { formatQuietHours } from './quiet-hours';
import type { SubscribeSender } from './subscribe-sender';

/** The dispatcher's SubscribeSender (keep-alive sends, its own WechatClient for tokens: cached reads, no internal busy retries). */
export const DISPATCHER_SENDER = Symbol('DISPATCHER_SENDER');

/**
 * This process's dispatcher. Started at bootstrap when PUSH_DISPATCHER is on (the default) outside
 * NODE_ENV=test — tests call `dispatcher.runOnce()` / `drain()` — and by `--role=worker` always;
 * stopped cleanly on shutdown (sends in flight finish, their results are written).
 */
@Injectable()
export class DispatcherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PushDispatcher');
  readonly settings: DispatcherSettings;
  readonly dispatcher: PushDispatcher;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DISPATCHER_SENDER) private readonly sender: SubscribeSender,
    private readonly credits: CreditsService,
  ) {
    this.settings = dispatcherSettings(config);
    this.dispatcher = this.create();
  }

  /** Another dispatcher on the same database (as a second worker would be), e.g. with other settings. */
  create(overrides: Partial<DispatcherSettings> = {}, workerId?: string): PushDispatcher {
    const log = {
      log: (m: string) => this.logger.log(m),
      warn: (m: string) => this.logger.warn(m),
      error: (m: string) => this.logger.error(m),
    };
    return new PushDispatcher(this.db, this.sender, this.credits, { ...this.settings, ...overrides }, log, workerId);
  }

  onApplicationBootstrap(): void {
    if (this.settings.enabled && this.config.nodeEnv !== 'test') this.start();
  }

  start(): void {
    if (this.settings.quietHours) this.logger.log(`quiet hours ${formatQuietHours(this.settings.quietHours)} Asia/Shanghai: only urgent messages go out`);
    this.dispatcher.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
    this.sender.close();
  }
}
