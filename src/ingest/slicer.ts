/**
 * Views of a row range of the caller's input without copying values: `data.slice` for rows (copies
 * references only), `subarray` for typed-array columns. A flat vector column holds `stride` values per row.
 */
import type { Columns, Row } from '../codec/types.js';
import type { FieldPlan, SchemaPlan } from '../schema.js';
import { flatValuesPerRow } from '../codec/stage/request.js';
import { setOwn } from '../own-property.js';

/** Rows or columns, as `encodeInsertRequest` takes them. */
export type RowsOrColumns = { data: Row | Row[] } | { columns: Columns };

/** An input that can be cut into row ranges. */
export interface Slicer {
  readonly rows: number;
  /** The rows `[from, to)` in the input's own form. */
  slice(from: number, to: number): RowsOrColumns;
}

/**
 * A slicer for `input`, or `undefined` when its shape is not a well-formed table (columns of different
 * lengths, a column that is not an array): such input is encoded whole, and the encoder reports the problem.
 */
export function createSlicer(input: { data?: Row | Row[]; columns?: Columns }, schema: SchemaPlan): Slicer | undefined {
  if (input.columns !== undefined) return columnSlicer(input.columns, schema);
  const data = input.data;
  if (!Array.isArray(data)) return data === undefined ? undefined : { rows: 1, slice: () => ({ data }) };
  return { rows: data.length, slice: (from, to) => ({ data: from === 0 && to === data.length ? data : data.slice(from, to) }) };
}

function columnSlicer(columns: Columns, schema: SchemaPlan): Slicer | undefined {
  if (typeof columns !== 'object' || columns === null) return undefined;
  const names = Object.keys(columns);
  const strides: number[] = [];
  let rows = -1;
  for (const name of names) {
    const column = columns[name];
    const stride = strideOf(column, schema.byName.get(name));
    if (stride === undefined) return undefined;
    const length = (column as ArrayLike<unknown>).length;
    if (length % stride !== 0) return undefined;
    if (rows !== -1 && length / stride !== rows) return undefined;
    rows = length / stride;
    strides.push(stride);
  }
  if (rows === -1) return undefined;
  return {
    rows,
    slice(from, to) {
      if (from === 0 && to === rows) return { columns };
      const out: Columns = {};
      for (let i = 0; i < names.length; i++) {
        const column = columns[names[i]] as unknown[] | Float32Array;
        const s = strides[i];
        setOwn(out, names[i], Array.isArray(column) ? column.slice(from * s, to * s) : column.subarray(from * s, to * s));
      }
      return { columns: out };
    },
  };
}

/**
 * Values per row of a column: 1, or for one flat typed array of a dense vector field the encoder's own
 * per-row length. `undefined` for something that is not a column.
 */
function strideOf(column: unknown, f: FieldPlan | undefined): number | undefined {
  if (Array.isArray(column)) return 1;
  if (!ArrayBuffer.isView(column) || column instanceof DataView) return undefined;
  if (f === undefined || f.dim <= 0) return 1;
  return flatValuesPerRow(column, f);
}
