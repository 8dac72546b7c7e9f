/**
 * Milvus field data types, with the numeric values of `milvus.proto.schema.DataType`.
 * A schema may name a type by value (`DataType.Int64`, `5`) or by name (`'Int64'`, case-insensitive).
 */
export enum DataType {
  None = 0,
  Bool = 1,
  Int8 = 2,
  Int16 = 3,
  Int32 = 4,
  Int64 = 5,
  Float = 10,
  Double = 11,
  String = 20,
  VarChar = 21,
  Array = 22,
  JSON = 23,
  Geometry = 24,
  Text = 25,
  Timestamptz = 26,
  BinaryVector = 100,
  FloatVector = 101,
  Float16Vector = 102,
  BFloat16Vector = 103,
  SparseFloatVector = 104,
  Int8Vector = 105,
  /** A vector field inside an Array-of-Struct field (an embedding list): one list of vectors per row. */
  ArrayOfVector = 106,
  /** The element type of an Array-of-Struct field. */
  Struct = 201,
}

/** The official Node SDK's type-name → value table (no `String`). */
export const DataTypeMap: { readonly [name: string]: number } = Object.freeze({
  None: 0, Bool: 1, Int8: 2, Int16: 3, Int32: 4, Int64: 5, Float: 10, Double: 11, VarChar: 21, Array: 22, JSON: 23,
  Geometry: 24, Text: 25, Timestamptz: 26, BinaryVector: 100, FloatVector: 101, Float16Vector: 102, BFloat16Vector: 103,
  SparseFloatVector: 104, Int8Vector: 105, ArrayOfVector: 106, Struct: 201,
});

/** Type names as a string enum (the official Node SDK's `DataTypeStringEnum`). */
export enum DataTypeStringEnum {
  None = 'None',
  Bool = 'Bool',
  Int8 = 'Int8',
  Int16 = 'Int16',
  Int32 = 'Int32',
  Int64 = 'Int64',
  Float = 'Float',
  Double = 'Double',
  VarChar = 'VarChar',
  Array = 'Array',
  JSON = 'JSON',
  Geometry = 'Geometry',
  Text = 'Text',
  Timestamptz = 'Timestamptz',
  BinaryVector = 'BinaryVector',
  FloatVector = 'FloatVector',
  Float16Vector = 'Float16Vector',
  BFloat16Vector = 'BFloat16Vector',
  SparseFloatVector = 'SparseFloatVector',
  Int8Vector = 'Int8Vector',
  ArrayOfVector = 'ArrayOfVector',
  Struct = 'Struct',
}

/** The vector types a field can have. */
export const VectorDataTypes: readonly DataType[] = [
  DataType.BinaryVector, DataType.FloatVector, DataType.Float16Vector, DataType.BFloat16Vector,
  DataType.SparseFloatVector, DataType.Int8Vector,
];

const BY_LOWER_NAME = new Map<string, DataType>(
  Object.entries(DataType)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => [k.toLowerCase(), v as DataType]),
);

/** Resolves a data type given as enum value, number or name; `undefined` when it is not one. */
export function parseDataType(value: unknown): DataType | undefined {
  if (typeof value === 'number') return DataType[value] === undefined ? undefined : (value as DataType);
  if (typeof value === 'string') return BY_LOWER_NAME.get(value.toLowerCase());
  return undefined;
}

/** True for the dense and sparse vector types. */
export function isVectorType(type: DataType): boolean {
  return type >= DataType.BinaryVector && type <= DataType.Int8Vector;
}
