import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * A background pass run every `intervalMs` once the application has started — but not under
 * NODE_ENV=test, where tests call the pass themselves. One pass at a time (a tick while one runs is
 * skipped), a failed pass is logged and the next tick tries again, and shutdown waits for the running
 * pass. The timer is unref'd so it never keeps the process alive.
 */
export abstract class PeriodicJob implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  protected constructor(
    name: string,
    private readonly intervalMs: number,
    private readonly enabled: boolean,
  ) {
    this.logger = new Logger(name);
  }

  /** One pass; its result is for tests and the log, the timer ignores it. */
  protected abstract pass(): Promise<unknown>;

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.pass().catch((err: Error) => this.logger.error({ err: err.message }, 'pass failed'));
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }
}
