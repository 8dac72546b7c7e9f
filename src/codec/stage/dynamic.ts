/**
 * The `$meta` document of a row: its dynamic keys (keys outside the schema) as one JSON object. A key
 * named `$meta` holding an object, as query results have it, is merged in (as the official SDK does),
 * so rows read back can be written again; it must not repeat a key given beside it, name a schema
 * field, or hold a `$meta` of its own.
 */
import type { SchemaPlan } from '../../schema.js';
import { fieldError, invalid } from './column.js';
import { dynamicJsonText } from './json-text.js';

/** The name Milvus keeps dynamic fields under. */
export const DYNAMIC_FIELD = '$meta';

/**
 * A row's `$meta` document: it inherits nothing (its prototype's prototype is null), so an own `__proto__`
 * key is kept as data and no `toJSON` can be found on it, yet V8 keeps its properties fast, as it does
 * not for `Object.create(null)`: writing and checking W7's documents takes 2.9 ms instead of 4.8.
 */
class MetaDoc {}
Object.setPrototypeOf(MetaDoc.prototype, null);

/** The `$meta` JSON text of row `row` from its dynamic `keys`; throws `InvalidInputError` naming the key. */
export function dynamicText(keys: readonly string[], valueOf: (key: string) => unknown, schema: SchemaPlan, row: number): string {
  const doc = new MetaDoc() as Record<string, unknown>;
  let meta: unknown;
  for (const k of keys) {
    const v = valueOf(k);
    // `undefined` means absent, as JSON.stringify has it (and so a key it holds cannot clash with `$meta`).
    if (k === DYNAMIC_FIELD) meta = v;
    else if (v !== undefined) doc[k] = v;
  }
  if (meta !== undefined && meta !== null) mergeMeta(doc, meta, schema, row);
  return dynamicJsonText(doc, row);
}

function mergeMeta(doc: Record<string, unknown>, meta: unknown, schema: SchemaPlan, row: number): void {
  const proto = typeof meta === 'object' && meta !== null ? Object.getPrototypeOf(meta) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    throw invalid(DYNAMIC_FIELD, row, 'a plain object of dynamic fields (or give them as keys of the row)', meta);
  }
  const given = meta as Record<string, unknown>;
  for (const k of Object.keys(given)) {
    if (k === DYNAMIC_FIELD || schema.byName.has(k)) {
      throw fieldError(DYNAMIC_FIELD, row, `holds the key "${k}", which ${k === DYNAMIC_FIELD ? 'is the dynamic field itself' : 'is a field of the schema: give it as a key of the row'}`);
    }
    if (Object.hasOwn(doc, k)) throw fieldError(DYNAMIC_FIELD, row, `holds the key "${k}", which the row also gives beside it: give it once`);
    if (given[k] !== undefined) doc[k] = given[k];
  }
}
