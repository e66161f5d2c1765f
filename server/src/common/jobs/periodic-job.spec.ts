import { PeriodicJob } from './periodic-job';

class Probe extends PeriodicJob {
  calls = 0;
  private finish: (() => void) | null = null;
  constructor(enabled: boolean, private readonly fail = false) {
    super('Probe', 1000, enabled);
  }
  protected pass(): Promise<void> {
    this.calls++;
    if (this.fail) return Promise.reject(new Error('boom'));
    return new Promise<void>((resolve) => (this.finish = resolve));
  }
  done(): void {
    this.finish?.();
  }
}

const flush = () => new Promise<void>((resolve) => jest.requireActual<typeof import('timers')>('timers').setImmediate(resolve));

describe('PeriodicJob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs one pass at a time: a tick while a pass runs is skipped', async () => {
    const job = new Probe(true);
    job.onApplicationBootstrap();
    jest.advanceTimersByTime(1000);
    expect(job.calls).toBe(1);
    jest.advanceTimersByTime(1000);
    expect(job.calls).toBe(1);
    job.done();
    await flush();
    jest.advanceTimersByTime(1000);
    expect(job.calls).toBe(2);
    job.done();
    await job.onApplicationShutdown();
    jest.advanceTimersByTime(5000);
    expect(job.calls).toBe(2);
  });

  it('never starts when disabled (tests call the pass themselves)', () => {
    const job = new Probe(false);
    job.onApplicationBootstrap();
    jest.advanceTimersByTime(10_000);
    expect(job.calls).toBe(0);
  });

  it('a failed pass is logged and the next tick tries again', async () => {
    const job = new Probe(true, true);
    const logged = jest.spyOn((job as unknown as { logger: { error: () => void } }).logger, 'error').mockImplementation(() => undefined);
    job.onApplicationBootstrap();
    jest.advanceTimersByTime(1000);
    await flush();
    jest.advanceTimersByTime(1000);
    expect(job.calls).toBe(2);
    expect(logged).toHaveBeenCalledTimes(1);
    await job.onApplicationShutdown();
  });
});
