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
}

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
