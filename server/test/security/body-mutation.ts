import fc from 'fast-check';
import type { z } from 'zod';
import { hostileString, hostileValue, SHORT_HOSTILE_STRINGS } from './hostile-values';
import { arbitraryOf } from './zod-arbitrary';

/** A path into a JSON value: keys and array indexes. */
type Path = Array<string | number>;

/** Every leaf (string, number, boolean, null) of a JSON value, with its path. */
export function leaves(value: unknown, path: Path = []): Array<{ path: Path; value: unknown }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value }];
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [head, ...rest] = path;
  copy[head] = setAt(copy[head], rest, value);
  return copy;
}

function dropAt(root: unknown, path: Path): unknown {
  if (path.length === 1 && root && typeof root === 'object' && !Array.isArray(root)) {
    const copy: any = { ...(root as object) };
    delete copy[path[0]];
    return copy;
  }
  if (!path.length || !root || typeof root !== 'object') return root;
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  copy[path[0]] = dropAt(copy[path[0]], path.slice(1));
  return copy;
}

/**
 * What to do to a valid body, drawn before the body is known (rows make a fresh one per call).
 * `text`: every free-text leaf gets a short hostile string cut to about its own length, so the
 * body mostly still passes validation and the hostile text is stored; `leaves`: one to three
 * leaves of any kind get anything at all.
 */
export interface MutationPlan {
  mode: 'text' | 'leaves';
  texts: string[];
  picks: number[];
  values: unknown[];
  drop: number | null;
  extra: [string, unknown] | null;
}

export const mutationPlan: fc.Arbitrary<MutationPlan> = fc.record({
  mode: fc.constantFrom<Array<'text' | 'leaves'>>('text', 'text', 'text', 'leaves', 'leaves'),
  texts: fc.array(fc.constantFrom(...SHORT_HOSTILE_STRINGS), { minLength: 4, maxLength: 4 }),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  // Text leaves get hostile text most of the time, so the body still passes validation and reaches the service.
  values: fc.array(fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: hostileValue }), { minLength: 3, maxLength: 3 }),
  drop: fc.option(fc.nat(), { nil: null, freq: 6 }),
  extra: fc.option(fc.tuple(fc.constantFrom('isAdmin', 'role', 'authorId', 'status', 'id', 'userId', '__proto__', 'constructor'), hostileValue), { nil: null, freq: 6 }),
});

/** Text a person wrote, as opposed to a code, a date, a number or a phone (`active`, `2026-12-10`, `SB2026…`, `139…`). */
const isFreeText = (s: string) => !/^[A-Za-z0-9_:.+-]*$/.test(s);

/**
 * Applies a plan to a valid body: one to three leaves replaced, maybe one dropped, maybe a key
 * added (first, so `__proto__` stays an own key of the JSON text). Answers the JSON text to send.
 */
export function applyPlan(body: unknown, plan: MutationPlan): string | undefined {
  const all = leaves(body);
  let out = body;
  if (plan.mode === 'text') {
    all
      .filter((leaf) => typeof leaf.value === 'string' && isFreeText(leaf.value))
      .forEach((leaf, i) => {
        const hostile = plan.texts[i % plan.texts.length];
        out = setAt(out, leaf.path, [...hostile].slice(0, Math.max([...(leaf.value as string)].length, 48)).join(''));
      });
  } else if (all.length) {
    plan.picks.forEach((pick, i) => {
      const leaf = all[pick % all.length];
      out = setAt(out, leaf.path, typeof leaf.value === 'string' ? plan.values[i] : plan.values[(i + 1) % plan.values.length]);
    });
    if (plan.drop !== null) out = dropAt(out, all[plan.drop % all.length].path);
  }
  let text = JSON.stringify(out) as string | undefined;
  if (plan.mode === 'leaves' && plan.extra && text?.startsWith('{')) {
    const inner = text.slice(1, -1);
    text = `{${JSON.stringify(plan.extra[0])}:${JSON.stringify(plan.extra[1]) ?? 'null'}${inner ? `,${inner}` : ''}}`;
  }
  return text;
}

/**
 * Ids in a valid body, by the dotted path the zod walker uses (`answers.*.commentId`), so generated
 * bodies mostly name things that exist (and sometimes anything at all).
 */
export function idOverrides(body: unknown): Record<string, fc.Arbitrary<unknown>> {
  const out: Record<string, fc.Arbitrary<unknown>> = {};
  for (const leaf of leaves(body)) {
    const key = leaf.path[leaf.path.length - 1];
    if (typeof leaf.value !== 'number' || typeof key !== 'string' || !/(^id|Id)$/.test(key)) continue;
    const dotted = leaf.path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');
    out[dotted] = fc.oneof({ weight: 3, arbitrary: fc.constant(leaf.value) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 ** 31 - 1 }) });
  }
  return out;
}

/** One generated request body: a mutated valid one, one drawn from the route's zod schema, or raw text that may not even be JSON. */
export type GeneratedBody = { kind: 'mutated'; plan: MutationPlan } | { kind: 'schema'; body: unknown } | { kind: 'raw'; text: string };

export function generatedBodies(schema: z.ZodType | undefined, template: unknown): fc.Arbitrary<GeneratedBody> {
  const raw = fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.constantFrom('{', '{"a":', '[]', 'null', '"text"', '{"__proto__":{"isAdmin":true}}', '{"a":1,"a":2}', '\u0000', '{"title":"\\ud800"}'),
  ).map((text): GeneratedBody => ({ kind: 'raw', text }));
  const mutated = mutationPlan.map((plan): GeneratedBody => ({ kind: 'mutated', plan }));
  if (!schema) return fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: raw });
  const fromSchema = arbitraryOf(schema, { overrides: idOverrides(template), hostile: 0.3 }).map((body): GeneratedBody => ({ kind: 'schema', body }));
  return fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 2, arbitrary: fromSchema }, { weight: 1, arbitrary: raw });
}
