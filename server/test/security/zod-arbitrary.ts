import fc from 'fast-check';
import type { z } from 'zod';
import { hostileString } from './hostile-values';

/**
 * A fast-check arbitrary of the inputs a zod 4 schema describes, walked from the schema's own
 * definition (`_zod.def`): objects with their required and optional keys, strings within their
 * lengths (including the `不能超过 N 个字` limits the shared `text()` helper states in a refinement),
 * regex and ISO datetime formats, integers within bounds, enums, literals, arrays, unions, records.
 * zod-fast-check does not support zod 4, hence this walker.
 *
 * `overrides` replaces the arbitrary at a dotted path (`regionId`, `applicant.userId`,
 * `answers.*.commentId`) — ids mostly, which random numbers would never hit. `hostile` is the
 * share of string leaves drawn from the hostile strings instead (0–1).
 */
export interface ArbitraryOptions {
  overrides?: Record<string, fc.Arbitrary<unknown>>;
  hostile?: number;
}

type Def = { type: string; [key: string]: any };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

export function arbitraryOf(schema: z.ZodType, opts: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  return walk(schema, '', opts);
}

function walk(schema: unknown, path: string, opts: ArbitraryOptions): fc.Arbitrary<unknown> {
  const override = opts.overrides?.[path];
  if (override) return override;
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      const required: string[] = [];
      for (const [key, child] of Object.entries(shape)) {
        fields[key] = walk(child, path ? `${path}.${key}` : key, opts);
        if (!['optional', 'default'].includes(defOf(child).type)) required.push(key);
      }
      return fc.record(fields, { requiredKeys: required });
    }
    case 'optional':
    case 'default':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return walk(def.innerType, path, opts);
    case 'nullable':
      return fc.option(walk(def.innerType, path, opts), { nil: null, freq: 5 });
    case 'pipe':
      return walk(def.in, path, opts);
    case 'lazy':
      return walk(def.getter(), path, opts);
    case 'string':
      return stringOf(def, opts);
    case 'number':
      return numberOf(def);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'array': {
      const { min, max } = lengths(def);
      return fc.array(walk(def.element, `${path}.*`, opts), { minLength: min, maxLength: Math.max(min, Math.min(max, 4)) });
    }
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((o) => walk(o, path, opts)));
    case 'record':
      return fc.dictionary(walk(def.keyType, `${path}.<key>`, opts) as fc.Arbitrary<string>, walk(def.valueType, `${path}.*`, opts), { minKeys: 1, maxKeys: 3 });
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map((item, i) => walk(item, `${path}.${i}`, opts)));
    default:
      return fc.anything();
  }
}

/** Lengths from min_length/max_length checks and from the refinements' Chinese messages. */
function lengths(def: Def): { min: number; max: number } {
  let min = 0;
  let max = 200;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'min_length') min = Math.max(min, c.minimum);
    if (c.check === 'max_length') max = Math.min(max, c.maximum);
    if (c.check === 'custom' && typeof c.error === 'function') {
      const message = String(c.error() ?? '');
      const most = /不能超过 ?(\d+)/.exec(message);
      const least = /至少 ?(\d+) ?个字/.exec(message);
      if (most) max = Math.min(max, Number(most[1]));
      if (least) min = Math.max(min, Number(least[1]));
      if (/不能为空/.test(message)) min = Math.max(min, 1);
    }
  }
  return { min, max: Math.max(min, max) };
}

function stringOf(def: Def, opts: ArbitraryOptions): fc.Arbitrary<string> {
  const formatted = (def.checks ?? []).map((c: any) => c._zod.def).find((c: any) => c.check === 'string_format');
  const format: string | undefined = def.format ?? formatted?.format;
  let plain: fc.Arbitrary<string>;
  if (format === 'datetime') {
    plain = fc
      .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => new Date(d.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00'));
  } else if (format === 'regex' && formatted?.pattern) {
    plain = fc.stringMatching(formatted.pattern as RegExp);
  } else {
    const { min, max } = lengths(def);
    plain = fc.string({ unit: 'grapheme', minLength: Math.max(min, 1), maxLength: Math.min(max, 80) }).filter((s) => s.trim().length >= min);
  }
  const hostile = opts.hostile ?? 0.3;
  if (hostile <= 0) return plain;
  const weight = Math.max(1, Math.round(hostile * 10));
  return fc.oneof({ weight: 10 - weight + 1, arbitrary: plain }, { weight, arbitrary: hostileString });
}

function numberOf(def: Def): fc.Arbitrary<number> {
  let min = -1e9;
  let max = 1e9;
  let integer = false;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'number_format' && /int/.test(c.format)) integer = true;
    if (c.check === 'greater_than') min = c.inclusive ? c.value : c.value + (integer ? 1 : Number.EPSILON);
    if (c.check === 'less_than') max = c.inclusive ? c.value : c.value - (integer ? 1 : Number.EPSILON);
  }
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
}
