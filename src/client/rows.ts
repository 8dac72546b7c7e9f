/**
 * Assembles decoded columns into row objects, merging dynamic-field (`$meta`) keys into each row the way
 * pymilvus does: all of them when the dynamic field itself (or `*`) was requested, otherwise only the
 * requested names that are not schema fields.
 */
import type { WireFieldData } from '../proto/messages.js';
import { decodeColumn } from './columns.js';
import type { Int64Mode } from './int64.js';

/** One entity of a query or search answer: field name to value. */
export type RowData = Record<string, unknown>;

/**
 * Turns `fields_data` into rows. `outputFields` is the server's echo of the requested names (it lists
 * requested dynamic keys, which have no column of their own).
 */
export function columnsToRows(fieldsData: readonly WireFieldData[], outputFields: readonly string[], mode: Int64Mode): RowData[] {
  const columns = fieldsData.map((fd) => ({ fd, values: decodeColumn(fd, mode) }));
  const rowCount = columns.reduce((n, c) => Math.max(n, c.values.length), 0);
  const rows: RowData[] = Array.from({ length: rowCount }, () => ({}));
  let dynamic: unknown[] | undefined;
  for (const { fd, values } of columns) {
    if (fd.is_dynamic) {
      dynamic = values;
      continue;
    }
    for (let i = 0; i < rowCount; i++) rows[i]![fd.field_name] = values[i] ?? null;
  }
  if (dynamic) mergeDynamic(rows, dynamic, wantedDynamicKeys(fieldsData, outputFields));
  return rows;
}

/** `undefined` means every key; otherwise the requested dynamic keys. */
function wantedDynamicKeys(fieldsData: readonly WireFieldData[], outputFields: readonly string[]): Set<string> | undefined {
  const columnNames = new Set(fieldsData.map((fd) => fd.field_name));
  const dynamicName = fieldsData.find((fd) => fd.is_dynamic)?.field_name;
  const keys = new Set<string>();
  for (const name of outputFields) {
    if (name === dynamicName || name === '*') return undefined;
    if (!columnNames.has(name)) keys.add(name);
  }
  return keys.size > 0 ? keys : undefined;
}

function mergeDynamic(rows: RowData[], metas: readonly unknown[], keys: Set<string> | undefined): void {
  rows.forEach((row, i) => {
    const meta = metas[i];
    if (!meta || typeof meta !== 'object' || Array.isArray(meta)) return;
    for (const [k, v] of Object.entries(meta)) if (!keys || keys.has(k)) row[k] = v;
  });
}
