/**
 * Builds the `pk in [...]` filter behind `get`, `query({ ids })` and `delete({ ids })`, checking each id
 * against the primary key's type first so a bad id is reported here rather than as a server parse error.
 */
import { DataType } from '../data-type.js';
import { describeValue, InvalidInputError } from '../errors.js';
import { int64Of } from '../int64-value.js';
import type { FieldSchema } from './describe.js';

/** The filter selecting `ids` by primary key. Int64 ids may be bigints, safe integers, decimal strings or `Long`s. */
export function pkInFilter(pk: FieldSchema, ids: readonly unknown[]): string {
  const literals = ids.map((id, i) => (pk.dataType === DataType.VarChar ? varcharLiteral(pk, id, i) : int64Literal(pk, id, i)));
  return `${pk.name} in [${literals.join(',')}]`;
}

function int64Literal(pk: FieldSchema, id: unknown, index: number): string {
  const value = int64Of(typeof id === 'string' ? id.trim() : id);
  if (value === undefined) {
    const hint = typeof id === 'number' && Number.isInteger(id) ? ' (beyond 2^53 a number is inexact: pass a string or bigint)' : '';
    throw new InvalidInputError(`ids[${index}]: primary key "${pk.name}" is Int64, expected an int64 integer, got ${describeValue(id)}${hint}`, { field: pk.name, row: index });
  }
  return value.toString();
}

function varcharLiteral(pk: FieldSchema, id: unknown, index: number): string {
  if (typeof id !== 'string') {
    throw new InvalidInputError(`ids[${index}]: primary key "${pk.name}" is VarChar, expected a string, got ${describeValue(id)}`, { field: pk.name, row: index });
  }
  return JSON.stringify(id);
}

/** The primary-key field of a described schema; `InvalidInputError` if it has none. */
export function primaryField(fields: readonly FieldSchema[], collection: string): FieldSchema {
  const pk = fields.find((f) => f.is_primary_key);
  if (!pk) throw new InvalidInputError(`collection "${collection}" has no primary key field`);
  return pk;
}
