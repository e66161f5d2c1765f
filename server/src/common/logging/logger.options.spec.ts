import { loadConfig } from '../../config/env.schema';
import { loggerOptions, logsRequests } from './logger.options';

describe('loggerOptions', () => {
  it('mounts the per-request logger only when request lines are written (info or finer)', () => {
    expect(['trace', 'debug', 'info'].map(logsRequests)).toEqual([true, true, true]);
    expect(['warn', 'error', 'fatal', 'silent'].map(logsRequests)).toEqual([false, false, false, false]);
    expect(loggerOptions(loadConfig({ LOG_LEVEL: 'info' })).forRoutes).toHaveLength(1);
    expect(loggerOptions(loadConfig({ LOG_LEVEL: 'warn' })).forRoutes).toEqual([]);
  });
});
