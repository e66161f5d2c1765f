/**
 * Runs `fn` while sampling the process's resident memory every few milliseconds, and answers the
 * highest rise above where it started. The server runs in this process (inject), so memory a
 * request makes the server take shows here.
 */
export async function peakRssRise<T>(fn: () => Promise<T>): Promise<{ result: T; riseMb: number }> {
  global.gc?.();
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, riseMb: Math.round((peak - start) / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}
