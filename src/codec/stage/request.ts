/**
 * Stages a whole insert/upsert request into the heap: the header, one descriptor per field sent
 * (schema order, then `$meta` when dynamic fields are on, as pymilvus sends them) and every column.
 */
import { DataType } from '../../data-type.js';
import { InvalidInputError, describeValue } from '../../errors.js';
import type { FieldPlan, SchemaPlan } from '../../schema.js';
import type { Heap } from '../heap.js';
import * as L from '../layout.js';
import type { Columns, InsertRequestInput, Row } from '../types.js';
import { stageArray } from './arrays.js';
import { invalid, setWord, stageValidity, type FieldInput } from './column.js';
import { DYNAMIC_FIELD, dynamicText } from './dynamic.js';
import { stageBool, stageInt64, stageNumbers, stageStringLike } from './scalars.js';
import { stageSparse } from './sparse.js';
import { stageStruct } from './struct.js';
import { writeStrings } from './utf8.js';
import { stageFloatVectors, stagePackedVectors } from './vectors.js';

/** The staged request: where its header is and the inputs of the fields it sends. */
export interface StagedRequest {
  readonly header: number;
  readonly numRows: number;
  readonly fields: readonly FieldInput[];
}

const META_PLAN: FieldPlan = {
  name: DYNAMIC_FIELD, type: DataType.JSON, isPrimary: false, autoID: false, nullable: false, hasDefault: false,
  dim: 0, maxLength: 0, elementType: DataType.None, maxCapacity: 0, isInput: true, isFunctionOutput: false,
};

/** Stages `input` against `schema`; throws `InvalidInputError` on the first bad value. */
export function stageRequest(heap: Heap, input: InsertRequestInput, schema: SchemaPlan, kind: number, partialUpdate: boolean): StagedRequest {
  if (typeof input.collection_name !== 'string' || input.collection_name === '') {
    throw new InvalidInputError('collection_name must be a non-empty string');
  }
  // An upsert names the rows it replaces, so it sends an auto-id primary key too (as pymilvus does).
  const accepts = (f: FieldPlan): boolean => f.isInput || (kind === L.REQUEST_UPSERT && f.autoID);
  const source = input.columns !== undefined ? columnSource(input.columns, schema, accepts) : rowSource(input.data, schema, accepts);
  const inputs = schema.fields.filter(accepts);
  const planned = partialUpdate ? inputs.filter((f) => source.present(f.name)) : inputs;
  if (partialUpdate) for (const f of planned) source.requireEverywhere(f.name);
  // pymilvus' order: the schema's fields, then `$meta`, then the Array-of-Struct fields.
  const structs = planned.filter((f) => f.members);
  const sent = [...planned.filter((f) => !f.members), ...(schema.enableDynamic ? [META_PLAN] : []), ...structs];
  const header = heap.alloc(L.HEADER_WORDS * 4 + L.ERROR_RECORD_BYTES);
  const fieldsPtr = heap.alloc(sent.length * L.FD_WORDS * 4);
  heap.u8.fill(0, header, header + L.HEADER_WORDS * 4 + L.ERROR_RECORD_BYTES);
  heap.u8.fill(0, fieldsPtr, fieldsPtr + sent.length * L.FD_WORDS * 4);
  const fields = sent.map((plan, i): FieldInput => ({
    plan,
    values: plan === META_PLAN ? source.dynamicValues() : source.values(plan.name),
    column: plan === META_PLAN ? undefined : source.column(plan.name),
    numRows: source.numRows,
    desc: fieldsPtr + i * L.FD_WORDS * 4,
  }));
  for (const field of fields) stageField(heap, field, field.plan === META_PLAN);
  writeHeader(heap, header, fieldsPtr, fields.length, source.numRows, input, kind, partialUpdate);
  return { header, numRows: source.numRows, fields };
}

function writeHeader(heap: Heap, header: number, fieldsPtr: number, numFields: number, numRows: number, input: InsertRequestInput, kind: number, partialUpdate: boolean): void {
  const strings = [input.db_name ?? '', input.collection_name, input.partition_name ?? ''];
  for (const s of strings) if (typeof s !== 'string') throw new InvalidInputError(`db_name, collection_name and partition_name must be strings, got ${typeof s}`);
  const bound = strings.reduce((n, s) => n + s.length * 3, 0);
  const offsets = heap.alloc(16);
  const data = heap.alloc(bound);
  writeStrings(heap, offsets, data, strings, () => new InvalidInputError('collection, database and partition names must be well-formed Unicode'));
  const at = (i: number) => data + heap.u32[(offsets >> 2) + i];
  const len = (i: number) => heap.u32[(offsets >> 2) + i + 1] - heap.u32[(offsets >> 2) + i];
  const ts = schemaTimestamp(input.schema_timestamp);
  const h = header >> 2;
  const i32 = heap.i32;
  i32[h + L.H_KIND] = kind;
  i32[h + L.H_NUM_ROWS] = numRows;
  i32[h + L.H_NUM_FIELDS] = numFields;
  i32[h + L.H_FIELDS_PTR] = fieldsPtr;
  i32[h + L.H_DB_PTR] = at(0);
  i32[h + L.H_DB_LEN] = len(0);
  i32[h + L.H_COLL_PTR] = at(1);
  i32[h + L.H_COLL_LEN] = len(1);
  i32[h + L.H_PART_PTR] = at(2);
  i32[h + L.H_PART_LEN] = len(2);
  i32[h + L.H_TS_LO] = Number(ts & 0xffffffffn) | 0;
  i32[h + L.H_TS_HI] = Number(ts >> 32n) | 0;
  i32[h + L.H_PARTIAL_UPDATE] = partialUpdate ? 1 : 0;
  i32[h + L.H_ERROR_PTR] = header + L.HEADER_WORDS * 4;
}

function schemaTimestamp(v: unknown): bigint {
  if (v === undefined || v === null || v === '' || v === 0) return 0n;
  const b = typeof v === 'bigint' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : typeof v === 'string' && /^\d+$/.test(v) ? BigInt(v) : -1n;
  if (b < 0n || BigInt.asUintN(64, b) !== b) throw new InvalidInputError(`schema_timestamp must be an unsigned 64-bit integer, got ${describeValue(v)}`);
  return b;
}

/** Writes a descriptor's field name as UTF-8. */
function writeFieldName(heap: Heap, desc: number, name: string): void {
  const nameOffsets = heap.alloc(8);
  const namePtr = heap.alloc(name.length * 3);
  writeStrings(heap, nameOffsets, namePtr, [name], () => new InvalidInputError(`field name ${JSON.stringify(name)} is not well-formed Unicode`));
  setWord(heap, desc, L.F_NAME_PTR, namePtr);
  setWord(heap, desc, L.F_NAME_LEN, heap.u32[(nameOffsets >> 2) + 1]);
}

function stageField(heap: Heap, field: FieldInput, isDynamic: boolean): void {
  const { plan, desc } = field;
  const name = plan.name;
  writeFieldName(heap, desc, name);
  setWord(heap, desc, L.F_DATA_TYPE, plan.type);
  setWord(heap, desc, L.F_IS_DYNAMIC, isDynamic ? 1 : 0);
  const count = stageValidity(heap, field);
  switch (plan.type) {
    case DataType.Bool:
      setWord(heap, desc, L.F_KIND, L.K_BOOL);
      return stageBool(heap, field, count);
    case DataType.Int8:
    case DataType.Int16:
    case DataType.Int32:
      setWord(heap, desc, L.F_KIND, L.K_INT32);
      return stageNumbers(heap, field, count);
    case DataType.Float:
      setWord(heap, desc, L.F_KIND, L.K_FLOAT);
      return stageNumbers(heap, field, count);
    case DataType.Double:
      setWord(heap, desc, L.F_KIND, L.K_DOUBLE);
      return stageNumbers(heap, field, count);
    case DataType.Int64:
      setWord(heap, desc, L.F_KIND, L.K_INT64);
      return stageInt64(heap, field, count);
    case DataType.VarChar:
    case DataType.String:
    case DataType.Text:
    case DataType.Timestamptz:
    case DataType.Geometry:
    case DataType.JSON:
      setWord(heap, desc, L.F_KIND, L.K_STRING);
      setWord(heap, desc, L.F_WIRE_FIELD, plan.type === DataType.JSON ? L.SCALAR_JSON : plan.type === DataType.Geometry ? L.SCALAR_GEOMETRY_WKT : L.SCALAR_STRING);
      setWord(heap, desc, L.F_LIMIT, plan.type === DataType.VarChar ? plan.maxLength : 0);
      return stageStringLike(heap, field, count);
    case DataType.Array:
      if (plan.members) return stageStruct(heap, field, count, (d, memberName) => writeFieldName(heap, d, memberName));
      setWord(heap, desc, L.F_KIND, L.K_ARRAY);
      setWord(heap, desc, L.F_LIMIT, plan.maxCapacity);
      return stageArray(heap, field, count, plan.maxLength);
    case DataType.FloatVector:
      setWord(heap, desc, L.F_KIND, L.K_FLOAT_VEC);
      return stageFloatVectors(heap, field, count);
    case DataType.BinaryVector:
    case DataType.Float16Vector:
    case DataType.BFloat16Vector:
    case DataType.Int8Vector:
      return stagePackedVectors(heap, field, count);
    case DataType.SparseFloatVector:
      setWord(heap, desc, L.F_KIND, L.K_SPARSE);
      return stageSparse(heap, field, count);
    default:
      throw new InvalidInputError(`field "${name}": inserting ${DataType[plan.type] ?? plan.type} fields is not supported`, { field: name });
  }
}

/** Where a request's values come from: rows or columns. */
interface Source {
  readonly numRows: number;
  present(name: string): boolean;
  values(name: string): ArrayLike<unknown>;
  column(name: string): unknown;
  dynamicValues(): ArrayLike<unknown>;
  /** Partial updates: a field given in one row must be given (maybe as null) in every row. */
  requireEverywhere(name: string): void;
}

function rowSource(data: Row | Row[] | undefined, schema: SchemaPlan, accepts: (f: FieldPlan) => boolean): Source {
  if (data === undefined || data === null) throw new InvalidInputError('give the rows to insert as `data` (one row object or an array of them), or `columns`');
  const rows: Row[] = Array.isArray(data) ? data : [data];
  const n = rows.length;
  for (let r = 0; r < n; r++) {
    const row = rows[r];
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new InvalidInputError(`row ${r}: expected an object of field values, got ${row === null ? 'null' : Array.isArray(row) ? 'an array' : typeof row}`, { row: r });
  }
  const extras = checkKeys(rows, schema, accepts);
  return {
    numRows: n,
    present: (name) => rows.some((row) => Object.hasOwn(row, name)),
    values: (name) => {
      const out = new Array<unknown>(n);
      // A field named like an Object.prototype member must not read the inherited member.
      if (name in Object.prototype) {
        for (let r = 0; r < n; r++) out[r] = Object.hasOwn(rows[r], name) ? rows[r][name] : undefined;
      } else {
        for (let r = 0; r < n; r++) out[r] = rows[r][name];
      }
      return out;
    },
    column: () => undefined,
    dynamicValues: () => extras(),
    requireEverywhere: (name) => {
      const r = rows.findIndex((row) => !Object.hasOwn(row, name));
      if (r >= 0) {
        throw new InvalidInputError(`row ${r}: field "${name}" is missing; a partial update must give each of its fields in every row (null clears a nullable field)`, { field: name, row: r });
      }
    },
  };
}

/**
 * Rejects keys that are not input fields (auto-id primary keys, function outputs, or unknown keys
 * without dynamic fields); with dynamic fields a function output's value is dropped, as the SDK does.
 * With dynamic fields, returns a function producing each row's `$meta` JSON.
 */
function checkKeys(rows: Row[], schema: SchemaPlan, accepts: (f: FieldPlan) => boolean): () => string[] {
  const n = rows.length;
  const extraKeys: (string[] | undefined)[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row = rows[r];
    let extras: string[] | undefined;
    for (const key in row) {
      const f = schema.byName.get(key);
      if (f !== undefined && accepts(f)) continue;
      // With dynamic fields the official SDK drops a value given for a function output; so do we.
      if (f?.isFunctionOutput && schema.enableDynamic) continue;
      if (f !== undefined) throw notAnInput(f, r);
      if (!schema.enableDynamic) {
        throw new InvalidInputError(`row ${r}: field "${key}" is not in the collection schema, and the collection does not enable dynamic fields`, { field: key, row: r });
      }
      (extras ??= []).push(key);
    }
    extraKeys[r] = extras;
  }
  return () => {
    const out = new Array<string>(n);
    for (let r = 0; r < n; r++) {
      const keys = extraKeys[r];
      if (keys === undefined) {
        out[r] = '{}';
        continue;
      }
      const row = rows[r];
      out[r] = dynamicText(keys, (k) => row[k], schema, r);
    }
    return out;
  };
}

function notAnInput(f: FieldPlan, row: number | undefined): InvalidInputError {
  const why = f.autoID ? 'it is an auto_id primary key, generated by the server: omit it' : 'it is generated by the server (a function output or the dynamic field): omit it';
  return new InvalidInputError(`${row === undefined ? '' : `row ${row}: `}field "${f.name}" must not be given: ${why}`, { field: f.name, row });
}

function columnSource(columns: Columns, schema: SchemaPlan, accepts: (f: FieldPlan) => boolean): Source {
  if (typeof columns !== 'object' || columns === null) throw new InvalidInputError('`columns` must be an object of field name to column');
  let numRows = -1;
  let lengthFrom = '';
  const extras: string[] = [];
  for (const name of Object.keys(columns)) {
    const f = schema.byName.get(name);
    if (f !== undefined && !accepts(f)) throw notAnInput(f, undefined);
    if (f === undefined) {
      if (!schema.enableDynamic) throw new InvalidInputError(`column "${name}" is not in the collection schema, and the collection does not enable dynamic fields`, { field: name });
      extras.push(name);
    }
    const n = columnRows(columns[name], f, name);
    if (numRows === -1) {
      numRows = n;
      lengthFrom = name;
    } else if (n !== numRows) {
      throw new InvalidInputError(`column "${name}" has ${n} rows but column "${lengthFrom}" has ${numRows}: all columns must have the same number of rows`, { field: name });
    }
  }
  if (numRows === -1) throw new InvalidInputError('`columns` is empty');
  const rowsCount = numRows;
  return {
    numRows: rowsCount,
    present: (name) => name in columns,
    values: (name) => {
      const col = columns[name];
      if (col === undefined) return new Array(rowsCount);
      const f = schema.byName.get(name)!;
      return isFlatVectorColumn(col, f) ? new Array(rowsCount).fill(0) : (col as ArrayLike<unknown>);
    },
    column: (name) => columns[name],
    requireEverywhere: () => undefined,
    dynamicValues: () => {
      const out = new Array<string>(rowsCount);
      for (let r = 0; r < rowsCount; r++) {
        out[r] = dynamicText(extras, (k) => {
          const v = (columns[k] as ArrayLike<unknown>)[r];
          return typeof v === 'bigint' ? v.toString() : v;
        }, schema, r);
      }
      return out;
    },
  };
}

/** The typed arrays a flat (all rows in one array) vector column may be. */
const FLAT_COLUMN_TYPES: Partial<Record<DataType, Function[]>> = {
  [DataType.FloatVector]: [Float32Array],
  [DataType.BinaryVector]: [Uint8Array],
  [DataType.Float16Vector]: [Uint8Array, Float32Array],
  [DataType.BFloat16Vector]: [Uint8Array, Float32Array],
  [DataType.Int8Vector]: [Int8Array, Uint8Array],
};

/**
 * Values per row in one flat typed array holding a dense vector field's rows: bits / 8 for binary,
 * two bytes per value for half precision given as bytes, else `dim`.
 */
export function flatValuesPerRow(col: ArrayBufferView, f: FieldPlan): number {
  if (f.type === DataType.BinaryVector) return f.dim / 8;
  if ((f.type === DataType.Float16Vector || f.type === DataType.BFloat16Vector) && col instanceof Uint8Array) return f.dim * 2;
  return f.dim;
}

/** A single flat typed array holding every row's vector. */
function isFlatVectorColumn(col: unknown, f: FieldPlan | undefined): boolean {
  return f !== undefined && f.dim > 0 && ArrayBuffer.isView(col) && !(col instanceof DataView);
}

export function columnRows(col: unknown, f: FieldPlan | undefined, name: string): number {
  if (!Array.isArray(col) && !(ArrayBuffer.isView(col) && !(col instanceof DataView))) {
    throw invalid(name, undefined, 'a column: an array or a typed array', col);
  }
  const length = (col as ArrayLike<unknown>).length;
  if (!isFlatVectorColumn(col, f)) return length;
  const accepted = FLAT_COLUMN_TYPES[f!.type] ?? [];
  if (!accepted.some((t) => col instanceof t)) {
    const names = accepted.map((t) => t.name).join(' or ') || 'no typed array (give one vector per row)';
    throw invalid(name, undefined, `a flat column for a ${DataType[f!.type]} field: ${names}`, col);
  }
  const perRow = flatValuesPerRow(col as ArrayBufferView, f!);
  if (length % perRow !== 0) {
    throw invalid(name, undefined, `a flat column whose length is a multiple of ${perRow}`, col);
  }
  return length / perRow;
}

