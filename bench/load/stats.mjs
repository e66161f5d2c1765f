/**
 * Counting and timing: every request of the run goes through `Recorder.call`, which times it (request
 * written → whole body read) under its operation's name. Latencies are kept for the measured window
 * only (after the warm-up); requests and errors are counted over the whole run as well.
 */
import { performance } from 'node:perf_hooks';
import { request } from './http.mjs';

export const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

export class Recorder {
  constructor() {
    /** performance.now() from which latencies are kept (set when the warm-up ends). */
    this.measureFrom = Infinity;
    /** performance.now() after which nothing is counted as measured (set when the run ends). */
    this.measureTo = Infinity;
    this.ops = new Map();
    this.errors = new Map();
    this.samples = [];
  }

  op(name) {
    let o = this.ops.get(name);
    if (!o) {
      o = { total: 0, measured: 0, latencies: [] };
      this.ops.set(name, o);
    }
    return o;
  }

  /** Times one request as `op`; a status outside 2xx/3xx or a transport failure is an error. */
  async call(op, base, method, path, opts) {
    const t0 = performance.now();
    const r = await request(base, method, path, opts);
    const ms = performance.now() - t0;
    const o = this.op(op);
    o.total++;
    if (t0 >= this.measureFrom && t0 < this.measureTo) {
      o.measured++;
      o.latencies.push(ms);
    }
    if (!r.ok) {
      const key = `${op} → ${r.status}`;
      this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
      // A few examples to look into (server error bodies carry a code, a Chinese message and the request id).
      if (this.samples.length < 12) this.samples.push(`${method} ${path.replace(/\?.*/, '?…')} → ${r.status}: ${String(r.text).slice(0, 300)}`);
    }
    return r;
  }

  get total() {
    let n = 0;
    for (const o of this.ops.values()) n += o.total;
    return n;
  }

  get errorCount() {
    let n = 0;
    for (const v of this.errors.values()) n += v;
    return n;
  }

  /** Rows per operation, measured window: count, p50/p90/p99/max in ms. */
  table() {
    const rows = [];
    for (const [name, o] of [...this.ops.entries()].sort((a, b) => b[1].measured - a[1].measured)) {
      const s = Float64Array.from(o.latencies).sort();
      rows.push({ name, total: o.total, measured: o.measured, p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), max: s.length ? s[s.length - 1] : NaN });
    }
    const all = Float64Array.from([...this.ops.values()].flatMap((o) => o.latencies)).sort();
    rows.push({ name: 'all', total: rows.reduce((n, r) => n + r.total, 0), measured: all.length, p50: pct(all, 50), p90: pct(all, 90), p99: pct(all, 99), max: all.length ? all[all.length - 1] : NaN });
    return rows;
  }
}
