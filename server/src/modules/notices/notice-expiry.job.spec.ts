import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/env.schema';
import type { AuditService } from '../audit/audit.service';
import { NoticeExpiryJob } from './notice-expiry.job';
import type { NoticeLinksService } from './notice-links.service';

describe('NoticeExpiryJob scheduling', () => {
  const make = (nodeEnv: AppConfig['nodeEnv']) =>
    new NoticeExpiryJob({} as DataSource, { nodeEnv } as AppConfig, {} as AuditService, {} as NoticeLinksService);

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs a pass every minute once the application starts, and stops on shutdown', async () => {
    const job = make('production');
    const run = jest.spyOn(job, 'runOnce').mockResolvedValue(0);
    job.onApplicationBootstrap();
    expect(job.started).toBe(true);
    await jest.advanceTimersByTimeAsync(59_999);
    expect(run).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(run).toHaveBeenCalledTimes(3);
    await job.onApplicationShutdown();
    expect(job.started).toBe(false);
    await jest.advanceTimersByTimeAsync(600_000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('never overlaps two passes, and survives a failing one', async () => {
    const job = make('production');
    let finish!: (n: number) => void;
    const run = jest.spyOn(job, 'runOnce').mockImplementationOnce(() => new Promise<number>((r) => (finish = r)));
    const first = job.tick();
    expect(await job.tick()).toBe(0);
    expect(run).toHaveBeenCalledTimes(1);
    finish(2);
    expect(await first).toBe(2);
    run.mockRejectedValueOnce(new Error('database gone'));
    expect(await job.tick()).toBe(0);
    run.mockResolvedValueOnce(1);
    expect(await job.tick()).toBe(1);
  });

  it('is not started under NODE_ENV=test', () => {
    const job = make('test');
    job.onApplicationBootstrap();
    expect(job.started).toBe(false);
  });
});
