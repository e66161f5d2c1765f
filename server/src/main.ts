import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { FieldCipher } from './common/crypto/field-cipher';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/env.schema';
import { seedDemoIfEmpty } from './database/seeds/seed-demo-if-empty';
import { runWorker } from './modules/push/dispatcher/worker';

/**
 * `--role=api`: the HTTP API only (no dispatcher, whatever PUSH_DISPATCHER says); `--role=worker`:
 * the push dispatcher only, no HTTP listener (docs/operations.md, "Push workers"); no flag (or
 * `--role=all`): the API, with the dispatcher unless PUSH_DISPATCHER=false.
 */
type Role = 'all' | 'api' | 'worker';

function roleFromArgs(argv: string[]): Role {
  const arg = argv.find((a) => a === '--role' || a.startsWith('--role='));
  if (!arg) return 'all';
  const value = arg === '--role' ? argv[argv.indexOf(arg) + 1] : arg.slice('--role='.length);
  if (value === 'all' || value === 'api' || value === 'worker') return value;
  process.stderr.write(`Unknown --role "${value ?? ''}": use --role=api, --role=worker or --role=all\n`);
  process.exit(64);
}

async function main(): Promise<void> {
  const role = roleFromArgs(process.argv.slice(2));
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
  if (role === 'worker') return runWorker(config);
  if (role === 'api') config = { ...config, dispatcher: { ...config.dispatcher, enabled: false } };
  const app = await createApp(config);
  if (config.seedDemo) await seedDemoIfEmpty(app.get(DataSource), app.get(FieldCipher));
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
