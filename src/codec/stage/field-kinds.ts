/**
 * The one table from a field's data type to how it is staged: its staging kind (the column layout the
 * cores read, `F_KIND`) and the field number of its data inside `ScalarField` / `VectorField`
 * (`F_WIRE_FIELD`). Staging writes both into every descriptor from here; a packed vector staged from
 * numbers refines its kind (the cores convert them), never its wire field.
 */
import { DataType } from '../../data-type.js';
import * as L from '../layout.js';

/** How one data type is staged. */
export interface FieldKind {
  /** Staging kind (`K_*`). */
  readonly kind: number;
  /** Field number inside ScalarField / VectorField (`SCALAR_*` / `VECTOR_*`). */
  readonly wire: number;
}

const kind = (k: number, wire: number): FieldKind => ({ kind: k, wire });

const FIELD_KINDS: Readonly<Partial<Record<DataType, FieldKind>>> = {
  [DataType.Bool]: kind(L.K_BOOL, L.SCALAR_BOOL),
  [DataType.Int8]: kind(L.K_INT32, L.SCALAR_INT),
  [DataType.Int16]: kind(L.K_INT32, L.SCALAR_INT),
  [DataType.Int32]: kind(L.K_INT32, L.SCALAR_INT),
  [DataType.Int64]: kind(L.K_INT64, L.SCALAR_LONG),
  [DataType.Float]: kind(L.K_FLOAT, L.SCALAR_FLOAT),
  [DataType.Double]: kind(L.K_DOUBLE, L.SCALAR_DOUBLE),
  [DataType.VarChar]: kind(L.K_STRING, L.SCALAR_STRING),
  [DataType.String]: kind(L.K_STRING, L.SCALAR_STRING),
  [DataType.Text]: kind(L.K_STRING, L.SCALAR_STRING),
  [DataType.Timestamptz]: kind(L.K_STRING, L.SCALAR_STRING),
  [DataType.Geometry]: kind(L.K_STRING, L.SCALAR_GEOMETRY_WKT),
  [DataType.JSON]: kind(L.K_STRING, L.SCALAR_JSON),
  [DataType.Array]: kind(L.K_ARRAY, L.SCALAR_ARRAY),
  [DataType.FloatVector]: kind(L.K_FLOAT_VEC, L.VECTOR_FLOAT),
  [DataType.BinaryVector]: kind(L.K_BYTES_VEC, L.VECTOR_BINARY),
  [DataType.Float16Vector]: kind(L.K_BYTES_VEC, L.VECTOR_FLOAT16),
  [DataType.BFloat16Vector]: kind(L.K_BYTES_VEC, L.VECTOR_BFLOAT16),
  [DataType.Int8Vector]: kind(L.K_BYTES_VEC, L.VECTOR_INT8),
  [DataType.SparseFloatVector]: kind(L.K_SPARSE, L.VECTOR_SPARSE),
};

/** How `type` is staged, or `undefined` for a type that cannot be written. */
export function fieldKind(type: DataType): FieldKind | undefined {
  return FIELD_KINDS[type];
}

/** The staging kind of an Array field's elements of `type` (a string-like element is staged as a string). */
export function elementKind(type: DataType): number {
  const k = FIELD_KINDS[type]?.kind ?? L.K_STRING;
  return k === L.K_BOOL || k === L.K_INT32 || k === L.K_INT64 || k === L.K_FLOAT || k === L.K_DOUBLE ? k : L.K_STRING;
}
