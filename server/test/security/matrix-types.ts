import type { ActorName } from './actors';
import type { SecurityWorld } from './fixtures';
import type { TestApp } from '../support/test-app';

/**
 * What a caller must get: a status; `'200+'` a 200 whose list holds the row's item, `'200-'` a 200
 * whose list does not (a list route that answers everyone but must scope what it shows).
 */
export type Outcome = number | '200+' | '200-';
export type Expectations = Record<ActorName, Outcome>;

/** One request, as a row builds it for a caller. */
export interface RequestSpec {
  /** Values for the route's `:params`. */
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** A raw payload (multipart): `headers` then carries its content-type. */
  payload?: Buffer | string;
  headers?: Record<string, string>;
  /** Instead of filling the route's path: the URL to call (pattern rows, e.g. static files). */
  url?: string;
  /** Ignore the actor's token (routes that authenticate otherwise, e.g. WeChat's signature). */
  noToken?: boolean;
  /** For '200+' / '200-': the id looked for in `items` (or the array answered). */
  item?: number;
}

export interface RowContext {
  t: TestApp;
  w: SecurityWorld;
  actor: ActorName;
}

export interface MatrixRow {
  /** `METHOD /path` exactly as registered, or a pattern over `METHOD /path` (pattern rows need `request` to return `url`). */
  route: string | RegExp;
  /** Tells rows of one route apart. */
  label?: string;
  /**
   * Builds the call for one caller. Rows whose allowed call changes its target make a fresh
   * target here (through `w.make`), so every caller meets the same state.
   */
  request: (c: RowContext) => Promise<RequestSpec> | RequestSpec;
  /** After each caller's call (e.g. undo a role an invite gave). */
  after?: (c: RowContext, res: { status: number; body: any }) => Promise<void>;
  expect: Expectations;
  /** More to check on each answer: a problem to report, or null. */
  check?: (c: RowContext, res: { status: number; body: any; headers: Record<string, unknown> }) => string | null;
  /** Why an outcome other than 2xx/304/401/403/404 is right for this row. */
  note?: string;
}

/** Statuses that prove a refusal (a 400 from validation proves nothing about access). */
export const REFUSALS = [401, 403, 404] as const;
