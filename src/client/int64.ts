/**
 * How 64-bit integers reach the caller. The wire decoder always yields exact decimal strings; this
 * module turns them into the representation the client was configured with. Never JS numbers.
 */

/** `'string'` (default): int64 values as decimal strings. `'bigint'`: as `bigint`. */
export type Int64Mode = 'string' | 'bigint';

/** An int64 value as returned to the caller: a decimal string or a bigint, depending on {@link Int64Mode}. */
export type Int64 = string | bigint;

/**
 * An int64 as a request takes it (an id, a timestamp, a task): a safe-integer number, or a value exactly as
 * a response gave it ({@link Int64}), so a response's id can be passed straight back.
 */
export type Int64Input = number | Int64;

/** Converts one exact decimal string to the configured representation. */
export function int64Out(value: string, mode: Int64Mode): Int64 {
  return mode === 'bigint' ? BigInt(value) : value;
}

/** Converts a list of exact decimal strings to the configured representation. */
export function int64ListOut(values: readonly string[], mode: Int64Mode): Int64[] {
  return mode === 'bigint' ? values.map((v) => BigInt(v)) : values.slice();
}
