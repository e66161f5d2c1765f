import type { ValueTransformer } from 'typeorm';

/** JSON in a text column; a value that does not parse reads as `fallback` rather than failing the query. */
export function jsonText<T>(fallback: T): ValueTransformer {
  return {
    to: (value: T | null | undefined) => (value === null || value === undefined ? null : JSON.stringify(value)),
    from: (raw: string | null): T => {
      if (raw === null || raw === undefined) return fallback;
      try {
        return JSON.parse(raw) as T;
      } catch {
        return fallback;
      }
    },
  };
}
