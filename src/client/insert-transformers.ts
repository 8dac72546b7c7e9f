/**
 * The SDK's insert `transformers`: float16/bfloat16 values given as number arrays are converted to bytes by
 * the caller's functions instead of the encoder's own rounding, in top-level fields and in the members of
 * Array-of-Struct fields, as the SDK's `buildFieldData` does. The caller's rows are never changed: a row
 * with a value to convert is copied (shallowly), and the others are passed on as they are. Pure: no I/O.
 */
import type { Row } from '../codec/types.js';
import { DataType } from '../data-type.js';
import type { FieldPlan } from '../schema.js';
import type { InsertTransformers } from './field-values.js';

type Convert = (values: number[]) => Uint8Array;

/** The caller's conversion for values of `field`, when it is a half-precision vector (or a list of them). */
function conversionOf(field: FieldPlan, transformers: InsertTransformers): Convert | undefined {
  const type = field.type;
  if (type === DataType.Float16Vector) return transformers[DataType.Float16Vector];
  if (type === DataType.BFloat16Vector) return transformers[DataType.BFloat16Vector];
  return undefined;
}

/** `row` with every number-array value of a field in `convert` converted; the row itself if there is none. */
function convertRow(row: Row, convert: ReadonlyMap<string, Convert>, structs: ReadonlyMap<string, ReadonlyMap<string, Convert>>): Row {
  let out: Row | undefined;
  for (const [name, fn] of convert) {
    const value = row[name];
    if (Array.isArray(value)) (out ??= { ...row })[name] = fn(value);
  }
  for (const [name, members] of structs) {
    const elements = row[name];
    if (!Array.isArray(elements)) continue;
    const converted = elements.map((element: unknown) => (element && typeof element === 'object' ? convertRow(element as Row, members, new Map()) : element));
    if (converted.some((element, i) => element !== elements[i])) (out ??= { ...row })[name] = converted;
  }
  return out ?? row;
}

/**
 * The rows with the caller's `transformers` applied, for a collection with these (described) `fields`:
 * `rows` itself when no field has a transformer.
 */
export function applyInsertTransformers(rows: readonly Row[], fields: readonly FieldPlan[], transformers: InsertTransformers): readonly Row[] {
  const convert = new Map<string, Convert>();
  const structs = new Map<string, Map<string, Convert>>();
  for (const field of fields) {
    const own = conversionOf(field, transformers);
    if (own) convert.set(field.name, own);
    const members = new Map<string, Convert>();
    for (const member of field.members ?? []) {
      const fn = conversionOf(member, transformers);
      if (fn) members.set(member.name, fn);
    }
    if (members.size > 0) structs.set(field.name, members);
  }
  if (convert.size === 0 && structs.size === 0) return rows;
  return rows.map((row) => (row && typeof row === 'object' ? convertRow(row, convert, structs) : row));
}
