/**
 * Small request-building helpers shared by several operations: consistency levels and
 * `KeyValuePair` lists.
 */
import { describeValue, InvalidInputError } from '../errors.js';
import { enumValue } from '../proto/index.js';
import type { KeyValuePair } from '../schema.js';

/** A consistency level by name (`'Strong'`, `'Session'`, `'Bounded'`, `'Eventually'`, `'Customized'`) or number. */
export type ConsistencyLevel = 'Strong' | 'Session' | 'Bounded' | 'Eventually' | 'Customized' | number;

/** Request fields for an optional consistency level: the given one, or the collection's default. */
export function consistencyFields(level: ConsistencyLevel | undefined): { consistency_level?: number; use_default_consistency: boolean } {
  if (level === undefined) return { use_default_consistency: true };
  return { consistency_level: consistencyValue(level), use_default_consistency: false };
}

/** The numeric value of a consistency level. Throws `InvalidInputError` for an unknown level. */
export function consistencyValue(level: ConsistencyLevel): number {
  const value = typeof level === 'number' ? level : enumValue('milvus.proto.common.ConsistencyLevel', level);
  if (value === undefined || !Number.isInteger(value) || value < 0 || value > 4) {
    throw new InvalidInputError(`consistency_level must be Strong, Session, Bounded, Eventually or Customized, got ${describeValue(level)}`);
  }
  return value;
}

/** `{ a: 1, b: { c: 2 } }` → `[{ key: 'a', value: '1' }, { key: 'b', value: '{"c":2}' }]`; `undefined` values are skipped. */
export function toKeyValuePairs(params: Readonly<Record<string, unknown>> | undefined): KeyValuePair[] {
  if (!params) return [];
  return Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => ({ key, value: typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v) }));
}

/** Checks that a request names a collection; `InvalidInputError` otherwise (also for a missing request). */
export function requireCollection(req: { collection_name?: unknown } | undefined, operation: string): void {
  const name = req?.collection_name;
  if (typeof name !== 'string' || name === '') {
    throw new InvalidInputError(`${operation}: collection_name must be a non-empty string, got ${describeValue(name)}`);
  }
}
