import { createFakeWechat } from './fake-wechat';

/**
 * Runs the fake WeChat server on its own: `npm run fake-wechat`.
 * A development tool, so it reads its few settings straight from the environment.
 */
async function main(): Promise<void> {
  const env = process.env;
  const csv = (s: string | undefined) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const port = Number(env.FAKE_WECHAT_PORT ?? 3001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`FAKE_WECHAT_PORT is not a port: ${env.FAKE_WECHAT_PORT}`);
  const fake = await createFakeWechat({
    port,
    host: '127.0.0.1',
    appid: env.WECHAT_APPID || 'wx_sunboard_dev',
    secret: env.WECHAT_SECRET || 'sunboard-dev-wechat-secret',
    longTermTemplateIds: csv(env.FAKE_WECHAT_LONG_TERM_TEMPLATES),
    callbackUrl: env.FAKE_WECHAT_CALLBACK_URL || undefined,
    callbackToken: env.FAKE_WECHAT_CALLBACK_TOKEN || undefined,
  });
  console.log(`fake WeChat listening on ${fake.url} (phone page: ${fake.url}/phone)`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping fake WeChat`);
    fake.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
