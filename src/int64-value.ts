/**
 * The one reading of an int64 value as callers give it: a `bigint`, a safe-integer number, a decimal
 * string, or a `Long` (long.js, as the official Node SDK and protobufjs use). Shared by the insert
 * encoder and the client's filters, so both accept and refuse exactly the same values.
 */

const INT64_TEXT = /^[+-]?\d{1,20}$/;

/** A long.js `Long`, recognised by shape (any copy of long.js, or a plain `{ low, high, unsigned }`). */
export interface LongLike {
  low: number;
  high: number;
  unsigned?: boolean;
}

/** Whether `v` is a long.js `Long` (or an object of the same shape). */
export function isLongLike(v: unknown): v is LongLike {
  return typeof v === 'object' && v !== null && Number.isInteger((v as LongLike).low) && Number.isInteger((v as LongLike).high)
    && ((v as { __isLong__?: unknown }).__isLong__ === true || 'unsigned' in v);
}

/**
 * The exact value of an int64 given in any accepted form, or `undefined` when `v` is none of them or is
 * outside -2^63..2^63-1. A number must be a safe integer: beyond 2^53 it may already have been rounded.
 */
export function int64Of(v: unknown): bigint | undefined {
  let b: bigint;
  if (typeof v === 'bigint') b = v;
  else if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) return undefined;
    return BigInt(v);
  } else if (typeof v === 'string') {
    if (!INT64_TEXT.test(v)) return undefined;
    b = BigInt(v);
  } else if (isLongLike(v)) {
    const bits = (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
    b = v.unsigned ? bits : BigInt.asIntN(64, bits);
  } else return undefined;
  return BigInt.asIntN(64, b) === b ? b : undefined;
}
