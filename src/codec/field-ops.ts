/**
 * The `field_ops` of an UpsertRequest (field 11: repeated `schema.FieldPartialUpdateOp { string
 * field_name = 1; Op op = 2; }`), encoded by hand: a few bytes appended after the encoder's request, which
 * protobuf reads as the same message (fields may come in any order).
 */
import { describeValue, InvalidInputError } from '../errors.js';

/** One partial-update operation: a field and `REPLACE` (0), `ARRAY_APPEND` (1) or `ARRAY_REMOVE` (2). */
export interface FieldOp {
  field_name: string;
  op: number;
}

const UTF8 = new TextEncoder();

/** The bytes of `field_ops` entries, to append to an encoded UpsertRequest. */
export function encodeFieldOps(ops: readonly FieldOp[]): Uint8Array {
  const parts: number[] = [];
  for (const { field_name, op } of ops) {
    if (!Number.isInteger(op) || op < 0 || op > 2) throw new InvalidInputError(`field_ops: op of "${field_name}" must be 0, 1 or 2, got ${describeValue(op)}`, { field: field_name });
    const name = UTF8.encode(field_name);
    const body = [0x0a, ...varint(name.length), ...name, ...(op === 0 ? [] : [0x10, op])];
    parts.push(0x5a, ...varint(body.length), ...body);
  }
  return Uint8Array.from(parts);
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
