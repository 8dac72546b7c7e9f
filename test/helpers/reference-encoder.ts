/**
 * A slow, obvious Insert/UpsertRequest encoder for differential tests: it builds the request as a
 * plain object with the layout pymilvus 3.0.2 sends (see `test/oracle/FINDINGS.md`) and lets
 * protobufjs encode it from the official descriptor. It shares no code with `src/`: it reads the schema
 * itself (`reference-schema.ts`) and takes only types from there.
 *
 * Deliberate differences from pymilvus, shared with our encoder:
 * - Float16/BFloat16 vectors given as numbers are converted here (round to nearest even) and sent as
 *   `float16_vector`/`bfloat16_vector` bytes; pymilvus sends them as `float_vector` for the server to convert.
 * - `db_name`, when given, is written into the request; pymilvus sends it as the `dbname` gRPC header.
 * - Invalid input throws `ReferenceInputError` where pymilvus would send a misaligned request
 *   (e.g. `null` for a field that is neither nullable nor defaulted).
 */
import type { InsertRequestInput, Row, UpsertRequestInput } from '../../src/codec/types.js';
import { milvusType } from './milvus-proto.js';
import { isVector, readSchema, ReferenceInputError, T, type RefField, type RefSchema } from './reference-schema.js';
import { byteVector, floatVector, jsonBytes, scalar, sparseRow, type Site } from './reference-values.js';

const SCALAR_SLOT: Record<number, string> = {
  [T.Bool!]: 'bool_data',
  [T.Int8!]: 'int_data',
  [T.Int16!]: 'int_data',
  [T.Int32!]: 'int_data',
  [T.Int64!]: 'long_data',
  [T.Float!]: 'float_data',
  [T.Double!]: 'double_data',
  [T.String!]: 'string_data',
  [T.VarChar!]: 'string_data',
  [T.Text!]: 'string_data',
  [T.Timestamptz!]: 'string_data',
  [T.Geometry!]: 'geometry_wkt_data',
  [T.JSON!]: 'json_data',
  [T.Array!]: 'array_data',
};

const BYTE_VECTOR_SLOT: Record<number, string> = {
  [T.BinaryVector!]: 'binary_vector',
  [T.Float16Vector!]: 'float16_vector',
  [T.BFloat16Vector!]: 'bfloat16_vector',
  [T.Int8Vector!]: 'int8_vector',
};

type Op = 'insert' | 'upsert';

/** Encodes an InsertRequest the pymilvus way. Throws `ReferenceInputError` for input pymilvus would not send. */
export function referenceEncodeInsert(input: InsertRequestInput): Uint8Array {
  const type = milvusType('milvus.proto.milvus.InsertRequest');
  return type.encode(type.fromObject(referenceRequestObject(input, 'insert'))).finish();
}

/** Encodes an UpsertRequest the pymilvus way (`partial_update` only when true). */
export function referenceEncodeUpsert(input: UpsertRequestInput): Uint8Array {
  const type = milvusType('milvus.proto.milvus.UpsertRequest');
  return type.encode(type.fromObject(referenceRequestObject(input, 'upsert'))).finish();
}

/** The request as the plain object handed to protobufjs `fromObject` (exported for debugging). */
export function referenceRequestObject(input: UpsertRequestInput, op: Op): Record<string, unknown> {
  const plan = readSchema(input.schema);
  const rows = inputRows(input, plan);
  if (rows.length === 0) throw new ReferenceInputError('expected at least one row, got none');
  const partial = op === 'upsert' && input.partial_update === true;
  const fields = sentFields(plan, rows, op, partial);
  const fieldsData = fields.filter((f) => !f.members).map((f) => fieldData(f, rows));
  if (plan.enableDynamic) fieldsData.push(dynamicField(rows, new Set(fields.map((f) => f.name))));
  else rejectUnknownKeys(rows, plan);
  // pymilvus sends Array-of-Struct fields last, after `$meta`.
  for (const f of fields.filter((x) => x.members)) fieldsData.push(structField(f, rows));
  const request: Record<string, unknown> = { collection_name: input.collection_name, fields_data: fieldsData, num_rows: rows.length };
  if (input.db_name) request.db_name = input.db_name;
  if (input.partition_name) request.partition_name = input.partition_name;
  const ts = input.schema_timestamp;
  if (ts !== undefined && BigInt(ts) !== 0n) request.schema_timestamp = BigInt(ts).toString();
  if (partial) request.partial_update = true;
  return request;
}

function inputRows(input: InsertRequestInput, plan: RefSchema): Row[] {
  if (input.columns !== undefined) return columnsToRows(input.columns, plan);
  const data = input.data;
  if (Array.isArray(data)) return data;
  if (data !== null && typeof data === 'object') return [data];
  throw new ReferenceInputError(`expected \`data\` (rows) or \`columns\`, got ${typeof data}`);
}

/** Input fields in the order pymilvus sends them. */
function sentFields(plan: RefSchema, rows: Row[], op: Op, partial: boolean): RefField[] {
  const has = (row: Row, name: string) => Object.prototype.hasOwnProperty.call(row, name) && row[name] !== undefined;
  const candidates = plan.fields.filter((f) => !f.isDynamic && !f.isFunctionOutput);
  let fields = candidates.filter((f) => op === 'upsert' || !f.autoID);
  // pymilvus sends an auto-id primary key on insert only if the first row has it, after the other fields.
  const autoPk = candidates.find((f) => f.autoID);
  if (op === 'insert' && autoPk && has(rows[0], autoPk.name)) fields.push(autoPk);
  if (partial) {
    fields = fields.filter((f) => rows.some((r) => has(r, f.name)));
    for (const f of fields) {
      const missing = rows.findIndex((r) => !has(r, f.name));
      if (missing >= 0) throw new ReferenceInputError(`partial update: field "${f.name}" is missing in row ${missing} but given in others`, { field: f.name, row: missing });
    }
  }
  for (const f of plan.fields) {
    if (fields.includes(f)) continue;
    // pymilvus would put such a key into `$meta` (dynamic on) or reject it; we always reject it.
    const row = rows.findIndex((r) => has(r, f.name));
    if (row >= 0) {
      throw new ReferenceInputError(`field "${f.name}" must not be given (auto id or function output), found in row ${row}`, { field: f.name, row });
    }
  }
  return fields;
}

/** The valid values of one field (compact) and the validity bitmap when the field is nullable or defaulted. */
function collect(field: RefField, rows: Row[]): { values: unknown[]; sites: Site[]; valid?: boolean[] } {
  const withValidity = field.nullable || field.hasDefault;
  const values: unknown[] = [];
  const sites: Site[] = [];
  const valid: boolean[] = [];
  rows.forEach((row, i) => {
    const v = row[field.name];
    const isNull = v === null || v === undefined;
    if (isNull && !withValidity) {
      throw new ReferenceInputError(`field "${field.name}", row ${i}: expected a value (the field is neither nullable nor defaulted), got ${v === null ? 'null' : 'nothing'}`, { field: field.name, row: i });
    }
    valid.push(!isNull);
    if (!isNull) {
      values.push(v);
      sites.push({ field: field.name, row: i });
    }
  });
  return withValidity ? { values, sites, valid } : { values, sites };
}

function fieldData(field: RefField, rows: Row[]): Record<string, unknown> {
  const { values, sites, valid } = collect(field, rows);
  const out: Record<string, unknown> = { type: field.type, field_name: field.name };
  if (isVector(field.type)) {
    const vectors = vectorField(field, values, sites);
    if (vectors) out.vectors = vectors;
  } else {
    out.scalars = { [SCALAR_SLOT[field.type]!]: scalarArray(field, values, sites) };
  }
  if (valid) out.valid_data = valid;
  return out;
}

function scalarArray(field: RefField, values: unknown[], sites: Site[]): Record<string, unknown> {
  if (field.type === T.JSON) return { data: values.map((v, i) => jsonBytes(v, sites[i])) };
  if (field.type === T.Array) {
    const slot = SCALAR_SLOT[field.elementType]!;
    return {
      data: values.map((v, i) => {
        if (!Array.isArray(v)) throw new ReferenceInputError(`field "${field.name}", row ${sites[i].row}: expected an array`, { ...sites[i] });
        return { [slot]: { data: v.map((e) => scalar(field.elementType, e, sites[i])) } };
      }),
    };
  }
  return { data: values.map((v, i) => scalar(field.type, v, sites[i])) };
}

/** `undefined` when pymilvus sends no `vectors` at all (an all-null sparse field). */
function vectorField(field: RefField, values: unknown[], sites: Site[]): Record<string, unknown> | undefined {
  if (field.type === T.SparseFloatVector) {
    return values.length === 0 ? undefined : { sparse_float_vector: { contents: values.map((v, i) => sparseRow(v, sites[i])) } };
  }
  const out: Record<string, unknown> = { dim: field.dim };
  if (values.length === 0) return out;
  if (field.type === T.FloatVector) {
    out.float_vector = { data: values.flatMap((v, i) => floatVector(v, field.dim, sites[i])) };
  } else {
    out[BYTE_VECTOR_SLOT[field.type]!] = Buffer.concat(values.map((v, i) => byteVector(field.type, v, field.dim, sites[i])));
  }
  return out;
}

/**
 * An Array-of-Struct field as pymilvus sends it: type ArrayOfStruct, and per member one FieldData holding,
 * for every row, that member's values of all the row's structs: an Array of the member's type, or for a
 * vector member an ArrayOfVector whose VectorArray has one VectorField (dim + vectors) per row.
 */
function structField(field: RefField, rows: Row[]): Record<string, unknown> {
  const lists = rows.map((row, i) => {
    const v = row[field.name];
    if (!Array.isArray(v)) throw new ReferenceInputError(`field "${field.name}", row ${i}: expected a list of structs`, { field: field.name, row: i });
    return v as Record<string, unknown>[];
  });
  const members = field.members!.map((m) => {
    const perRow = lists.map((list) => list.map((element) => element[m.name]));
    const site = (i: number): Site => ({ field: `${field.name}[${m.name}]`, row: i });
    if (!isVector(m.type)) {
      const slot = SCALAR_SLOT[m.type]!;
      return { type: T.Array, field_name: m.name, scalars: { array_data: { data: perRow.map((values, i) => ({ [slot]: { data: values.map((e) => scalar(m.type, e, site(i))) } })) } } };
    }
    const rowField = (values: unknown[], i: number) => (m.type === T.FloatVector
      ? { dim: m.dim, float_vector: { data: values.flatMap((v) => floatVector(v, m.dim, site(i))) } }
      : { dim: m.dim, [BYTE_VECTOR_SLOT[m.type]!]: Buffer.concat(values.map((v) => byteVector(m.type, v, m.dim, site(i)))) });
    return { type: T.ArrayOfVector, field_name: m.name, vectors: { vector_array: { dim: m.dim, data: perRow.map(rowField), element_type: m.type } } };
  });
  return { type: T.ArrayOfStruct, field_name: field.name, struct_arrays: { fields: members } };
}

function dynamicField(rows: Row[], sent: Set<string>): Record<string, unknown> {
  const data = rows.map((row, i) => {
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (!sent.has(k) && v !== undefined) extra[k] = v;
    return jsonBytes(extra, { field: '$meta', row: i });
  });
  return { type: T.JSON, field_name: '$meta', scalars: { json_data: { data } }, is_dynamic: true };
}

function rejectUnknownKeys(rows: Row[], plan: RefSchema): void {
  rows.forEach((row, i) => {
    for (const k of Object.keys(row)) {
      if (!plan.byName.has(k)) throw new ReferenceInputError(`row ${i}: unknown field "${k}" (dynamic fields are off)`, { field: k, row: i });
    }
  });
}

/** Columnar input as rows: flat vector columns are cut every `dim` values (bytes for byte vectors). */
export function columnsToRows(columns: Record<string, unknown>, plan: RefSchema): Row[] {
  const split: [string, unknown[]][] = Object.entries(columns).map(([name, column]) => [name, splitColumn(plan.byName.get(name), column)]);
  const n = split.length === 0 ? 0 : split[0][1].length;
  for (const [name, values] of split) {
    if (values.length !== n) throw new ReferenceInputError(`column "${name}" has ${values.length} rows, expected ${n}`, { field: name });
  }
  return Array.from({ length: n }, (_, i) => Object.fromEntries(split.map(([name, values]) => [name, values[i]])));
}

const BYTES_PER_ROW: Record<number, (dim: number) => number> = {
  [T.BinaryVector!]: (d) => d / 8,
  [T.Float16Vector!]: (d) => d * 2,
  [T.BFloat16Vector!]: (d) => d * 2,
  [T.Int8Vector!]: (d) => d,
};

function splitColumn(field: RefField | undefined, column: unknown): unknown[] {
  if (field && isVector(field.type) && ArrayBuffer.isView(column) && !(column instanceof DataView)) {
    const perRow = field.type === T.FloatVector || !(column instanceof Uint8Array) ? field.dim : BYTES_PER_ROW[field.type]!(field.dim);
    const flat = column as unknown as { length: number; subarray(a: number, b: number): unknown };
    const rows: unknown[] = [];
    for (let at = 0; at < flat.length; at += perRow) rows.push(flat.subarray(at, at + perRow));
    return rows;
  }
  if (Array.isArray(column)) return column;
  if (ArrayBuffer.isView(column) && !(column instanceof DataView)) return Array.from(column as unknown as ArrayLike<unknown>);
  throw new ReferenceInputError(`column "${field?.name ?? '?'}": expected an array or typed array`, { field: field?.name });
}
