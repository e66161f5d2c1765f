import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/env.schema';
import { seedDemoIfEmpty } from './database/seeds/seed-demo-if-empty';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const app = await createApp(config);
  if (config.seedDemo) await seedDemoIfEmpty(app.get(DataSource));
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // The one line `npm start` and the tests wait for.
  process.stdout.write(`SUNBOARD_LISTENING port=${port} db=${config.database.type}\n`);
}

main().catch((err) => {
  process.stderr.write(`Sunboard failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
