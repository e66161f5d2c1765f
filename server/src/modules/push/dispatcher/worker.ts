import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../config/env.schema';
import { DispatcherService } from './dispatcher.service';
import { WorkerModule } from './worker.module';

/** Exit code of a worker started before the migrations it needs have run. */
export const EXIT_SCHEMA_BEHIND = 75;

/**
 * Runs a dispatcher-only process (`node server/dist/main.js --role=worker`): no HTTP listener.
 * Prints `SUNBOARD_WORKER_READY worker=<id> db=<type>` once it is claiming; on SIGTERM/SIGINT it
 * stops claiming, lets the sends in flight finish, gives back rows it had claimed but not started
 * and writes every result before exiting. A SIGKILL loses nothing either: its rows return to the
 * queue when their lease ends. Logs a line of totals every minute it did something.
 */
export async function runWorker(config: AppConfig): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  // Not enableShutdownHooks(): Nest re-raises the signal after closing, and a clean stop should exit 0.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second signal: give up at once (the leases will bring the rows back)
    stopping = true;
    app.get(Logger).log(`${signal}: stopping the dispatcher (sends in flight finish, results are written)`);
    app.close().then(
      () => process.exit(0),
      (err: Error) => {
        process.stderr.write(`Sunboard worker: stopping failed: ${err.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (await app.get(DataSource).showMigrations()) {
    process.stderr.write('Sunboard worker: the database has migrations that have not run; run `npm run db:migrate` (or start the API) first\n');
    await app.close();
    process.exit(EXIT_SCHEMA_BEHIND);
  }
  const service = app.get(DispatcherService);
  service.start();
  const dispatcher = service.dispatcher;
  let last = JSON.stringify(dispatcher.stats());
  const logger = app.get(Logger);
  setInterval(() => {
    const now = dispatcher.stats();
    const text = JSON.stringify(now);
    if (text !== last) logger.log({ dispatcher: now }, 'dispatcher totals');
    last = text;
  }, 60_000).unref();
  process.stdout.write(`SUNBOARD_WORKER_READY worker=${dispatcher.workerId} db=${config.database.type}\n`);
}
