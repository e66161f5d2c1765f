import type { FakeWechatState } from './state';

/** The fake's options after defaults are applied. */
export interface ResolvedFakeOptions {
  appid: string;
  secret: string;
  tokenTtlSeconds: number;
  codeTtlSeconds: number;
}

/** What every route module gets: the state, the options, and the waits `close()` must release. */
export interface FakeContext {
  state: FakeWechatState;
  options: ResolvedFakeOptions;
  /** Release callbacks of held requests and latency waits, so closing the fake never hangs. */
  pauses: Set<() => void>;
}
