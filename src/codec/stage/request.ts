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
import { fieldKind } from './field-kinds.js';
import { halfNumbers, stageFloatVectors, stagePackedVectors } from './vectors.js';

/** The staged request: where its header is and the inputs of the fields it sends. */
export interface StagedRequest {
  readonly header: number;
  readonly numRows: number;
  readonly fields: readonly FieldInput[];
  /**
   * The vector fields given as numbers whose payloads the core left out, for `copyOutFilled`
   * (vector-fill.ts), in wire order: every FloatVector field given as rows, and every Float16Vector or
   * BFloat16Vector field given as rows of numbers or as a flat Float32Array. Empty when there are none.
   */
  readonly fills: readonly FieldInput[];
}

/**
 * A write's input checked for shape once, before any row range is staged: row objects and their keys
 * (or column names and lengths), the fields it sends, and the request's names and timestamp.
 */
export interface PlannedInput {
  readonly numRows: number;
  /** The number of the input's first row in the caller's whole input (or stream). */
  readonly firstRow: number;
  readonly kind: number;
  readonly partialUpdate: boolean;
  /** The fields sent, in wire order. */
  readonly sent: readonly FieldPlan[];
  readonly source: Source;
  readonly request: Pick<InsertRequestInput, 'collection_name' | 'db_name' | 'partition_name' | 'schema_timestamp'>;
}

/** Whether a field takes a value from the caller in an insert. */
const acceptedOnInsert = (f: FieldPlan): boolean => f.isInput;
/** An upsert names the rows it replaces, so it sends an auto-id primary key too (as pymilvus does). */
const acceptedOnUpsert = (f: FieldPlan): boolean => f.isInput || f.autoID;

const META_PLAN: FieldPlan = {
  name: DYNAMIC_FIELD, type: DataType.JSON, isPrimary: false, autoID: false, nullable: false, hasDefault: false,
  dim: 0, maxLength: 0, elementType: DataType.None, maxCapacity: 0, isInput: true, isFunctionOutput: false,
};

/**
 * Checks the shape of `input` against `schema` (rows are objects with known keys, or columns of equal
 * length) and fixes which fields are sent. Throws `InvalidInputError` naming the caller's row
 * (`firstRow` + its index). Values are checked when a range is staged.
 */
export function planInput(input: InsertRequestInput, schema: SchemaPlan, kind: number, partialUpdate: boolean, firstRow: number): PlannedInput {
  if (typeof input.collection_name !== 'string' || input.collection_name === '') {
    throw new InvalidInputError('collection_name must be a non-empty string');
  }
  const accepts = kind === L.REQUEST_UPSERT ? acceptedOnUpsert : acceptedOnInsert;
  const source = input.columns !== undefined ? columnSource(input.columns, schema, accepts, firstRow) : rowSource(input.data, schema, accepts, firstRow);
  const inputs = schema.fields.filter(accepts);
  const planned = partialUpdate ? inputs.filter((f) => source.present(f.name)) : inputs;
  if (partialUpdate) for (const f of planned) source.requireEverywhere(f.name);
  // pymilvus' order: the schema's fields, then `$meta`, then the Array-of-Struct fields.
  const structs = planned.filter((f) => f.members);
  const sent = [...planned.filter((f) => !f.members), ...(schema.enableDynamic ? [META_PLAN] : []), ...structs];
  const { collection_name, db_name, partition_name, schema_timestamp } = input;
  return { numRows: source.numRows, firstRow, kind, partialUpdate, sent, source, request: { collection_name, db_name, partition_name, schema_timestamp } };
}

/** Stages rows `[from, to)` of a planned input; throws `InvalidInputError` on the first bad value. */
export function stageRange(heap: Heap, planned: PlannedInput, from: number, to: number): StagedRequest {
  const { sent, source } = planned;
  const numRows = to - from;
  const header = heap.alloc(L.HEADER_WORDS * 4 + L.ERROR_RECORD_BYTES);
  const fieldsPtr = heap.alloc(sent.length * L.FD_WORDS * 4);
  heap.u8.fill(0, header, header + L.HEADER_WORDS * 4 + L.ERROR_RECORD_BYTES);
  heap.u8.fill(0, fieldsPtr, fieldsPtr + sent.length * L.FD_WORDS * 4);
  const fields = sent.map((plan, i): FieldInput => ({
    plan,
    values: plan === META_PLAN ? source.dynamicValues(from, to) : source.values(plan.name, from, to),
    column: plan === META_PLAN ? undefined : source.column(plan.name, from, to),
    numRows,
    rowBase: planned.firstRow + from,
    desc: fieldsPtr + i * L.FD_WORDS * 4,
  }));
  // Row vectors are converted once, straight into the request bytes, rather than staged and copied twice.
  const fills = fields.filter((f) => (f.plan.type === DataType.FloatVector && f.column === undefined) || halfNumbers(f));
  for (const field of fields) stageField(heap, field, field.plan === META_PLAN, fills.includes(field));
  writeHeader(heap, header, fieldsPtr, fields.length, numRows, planned.request, planned.kind, planned.partialUpdate);
  return { header, numRows, fields, fills };
}

function writeHeader(heap: Heap, header: number, fieldsPtr: number, numFields: number, numRows: number, input: PlannedInput['request'], kind: number, partialUpdate: boolean): void {
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

function stageField(heap: Heap, field: FieldInput, isDynamic: boolean, fillLater: boolean): void {
  const { plan, desc } = field;
  const name = plan.name;
  writeFieldName(heap, desc, name);
  setWord(heap, desc, L.F_DATA_TYPE, plan.type);
  setWord(heap, desc, L.F_IS_DYNAMIC, isDynamic ? 1 : 0);
  const count = stageValidity(heap, field);
  const staging = fieldKind(plan.type);
  if (staging) {
    setWord(heap, desc, L.F_KIND, staging.kind);
    setWord(heap, desc, L.F_WIRE_FIELD, staging.wire);
  }
  switch (plan.type) {
    case DataType.Bool:
      return stageBool(heap, field, count);
    case DataType.Int8:
    case DataType.Int16:
    case DataType.Int32:
    case DataType.Float:
    case DataType.Double:
      return stageNumbers(heap, field, count);
    case DataType.Int64:
      return stageInt64(heap, field, count);
    case DataType.VarChar:
    case DataType.String:
    case DataType.Text:
    case DataType.Timestamptz:
    case DataType.Geometry:
    case DataType.JSON:
      setWord(heap, desc, L.F_LIMIT, plan.type === DataType.VarChar ? plan.maxLength : 0);
      return stageStringLike(heap, field, count);
    case DataType.Array:
      if (plan.members) return stageStruct(heap, field, count, (d, memberName) => writeFieldName(heap, d, memberName));
      setWord(heap, desc, L.F_LIMIT, plan.maxCapacity);
      return stageArray(heap, field, count, plan.maxLength);
    case DataType.FloatVector:
      return stageFloatVectors(heap, field, count, fillLater);
    case DataType.BinaryVector:
    case DataType.Float16Vector:
    case DataType.BFloat16Vector:
    case DataType.Int8Vector:
      return stagePackedVectors(heap, field, count, fillLater);
    case DataType.SparseFloatVector:
      return stageSparse(heap, field, count);
    default:
      throw new InvalidInputError(`field "${name}": inserting ${DataType[plan.type] ?? plan.type} fields is not supported`, { field: name });
  }
}

/** Where a request's values come from: rows or columns. Ranges are `[from, to)` of the input's rows. */
interface Source {
  readonly numRows: number;
  present(name: string): boolean;
  /** One value per row of the range (for a flat vector column, placeholders: its rows are in `column`). */
  values(name: string, from: number, to: number): ArrayLike<unknown>;
  /** The caller's column for the range as given (a view, for typed arrays), or undefined for rows. */
  column(name: string, from: number, to: number): unknown;
  dynamicValues(from: number, to: number): ArrayLike<unknown>;
  /** Partial updates: a field given in one row must be given (maybe as null) in every row. */
  requireEverywhere(name: string): void;
}

function rowSource(data: Row | Row[] | undefined, schema: SchemaPlan, accepts: (f: FieldPlan) => boolean, firstRow: number): Source {
  if (data === undefined || data === null) throw new InvalidInputError('give the rows to insert as `data` (one row object or an array of them), or `columns`');
  const rows: Row[] = Array.isArray(data) ? data : [data];
  const n = rows.length;
  for (let r = 0; r < n; r++) {
    const row = rows[r];
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new InvalidInputError(`row ${firstRow + r}: expected an object of field values, got ${row === null ? 'null' : Array.isArray(row) ? 'an array' : typeof row}`, { row: firstRow + r });
    }
  }
  const { extras, complete } = checkKeys(rows, schema, accepts, firstRow);
  return {
    numRows: n,
    present: (name) => rows.some((row) => isOwnKey(row, name)),
    values: (name, from, to) => {
      const out = new Array<unknown>(to - from);
      // Own enumerable keys only: a value reached through the row's prototype was not given for this row.
      for (let r = from; r < to; r++) {
        const row = rows[r];
        out[r - from] = complete[r] === 1 || isOwnKey(row, name) ? row[name] : undefined;
      }
      return out;
    },
    column: () => undefined,
    dynamicValues: extras,
    requireEverywhere: (name) => {
      const r = rows.findIndex((row) => !isOwnKey(row, name));
      if (r >= 0) {
        throw new InvalidInputError(`row ${firstRow + r}: field "${name}" is missing; a partial update must give each of its fields in every row (null clears a nullable field)`, { field: name, row: firstRow + r });
      }
    },
  };
}

/** What {@link checkKeys} learnt of the rows' keys. */
interface RowKeys {
  /** Each row's `$meta` JSON for a range of rows (`'{}'` for a row without dynamic keys). */
  extras: (from: number, to: number) => string[];
  /** 1 for a row that has every input field among its own enumerable keys: its fields are read without a check. */
  complete: Uint8Array;
}

/**
 * Rejects keys that are not input fields (auto-id primary keys, function outputs, or unknown keys
 * without dynamic fields); with dynamic fields a function output's value is dropped, as the SDK does.
 */
function checkKeys(rows: Row[], schema: SchemaPlan, accepts: (f: FieldPlan) => boolean, firstRow: number): RowKeys {
  const n = rows.length;
  const extraKeys: (string[] | undefined)[] = new Array(n);
  const complete = new Uint8Array(n);
  // One set lookup per key on the common path (every key an input field), rather than a lookup and a call.
  const inputNames = new Set(schema.fields.filter(accepts).map((f) => f.name));
  for (let r = 0; r < n; r++) {
    const row = rows[r];
    let extras: string[] | undefined;
    let inputs = 0;
    for (const key of Object.keys(row)) {
      if (inputNames.has(key)) {
        inputs++;
        continue;
      }
      const f = schema.byName.get(key);
      // With dynamic fields the official SDK drops a value given for a function output; so do we.
      if (f?.isFunctionOutput && schema.enableDynamic) continue;
      if (f !== undefined) throw notAnInput(f, firstRow + r);
      if (!schema.enableDynamic) {
        throw new InvalidInputError(`row ${firstRow + r}: field "${key}" is not in the collection schema, and the collection does not enable dynamic fields`, { field: key, row: firstRow + r });
      }
      (extras ??= []).push(key);
    }
    extraKeys[r] = extras;
    if (inputs === inputNames.size) complete[r] = 1;
  }
  const extras = (from: number, to: number) => {
    const out = new Array<string>(to - from);
    for (let r = from; r < to; r++) {
      const keys = extraKeys[r];
      if (keys === undefined) {
        out[r - from] = '{}';
        continue;
      }
      const row = rows[r];
      out[r - from] = dynamicText(keys, (k) => row[k], schema, firstRow + r);
    }
    return out;
  };
  return { extras, complete };
}

const isEnumerable = Object.prototype.propertyIsEnumerable;

/** Whether `name` is one of the row's own enumerable keys, the only ones a row is read by. */
function isOwnKey(row: Row, name: string): boolean {
  return isEnumerable.call(row, name);
}

function notAnInput(f: FieldPlan, row: number | undefined): InvalidInputError {
  const why = f.autoID ? 'it is an auto_id primary key, generated by the server: omit it' : 'it is generated by the server (a function output or the dynamic field): omit it';
  return new InvalidInputError(`${row === undefined ? '' : `row ${row}: `}field "${f.name}" must not be given: ${why}`, { field: f.name, row });
}

function columnSource(columns: Columns, schema: SchemaPlan, accepts: (f: FieldPlan) => boolean, firstRow: number): Source {
  if (typeof columns !== 'object' || columns === null) throw new InvalidInputError('`columns` must be an object of field name to column');
  let numRows = -1;
  let lengthFrom = '';
  const extras: string[] = [];
  /** Values per row of each flat vector column (one typed array holding every row's vector). */
  const strides = new Map<string, number>();
  for (const name of Object.keys(columns)) {
    const f = schema.byName.get(name);
    if (f !== undefined && !accepts(f)) throw notAnInput(f, undefined);
    if (f === undefined) {
      if (!schema.enableDynamic) throw new InvalidInputError(`column "${name}" is not in the collection schema, and the collection does not enable dynamic fields`, { field: name });
      extras.push(name);
    }
    const col = columns[name];
    const n = columnRows(col, f, name);
    if (isFlatVectorColumn(col, f)) strides.set(name, flatValuesPerRow(col as ArrayBufferView, f!));
    if (numRows === -1) {
      numRows = n;
      lengthFrom = name;
    } else if (n !== numRows) {
      throw new InvalidInputError(`column "${name}" has ${n} rows but column "${lengthFrom}" has ${numRows}: all columns must have the same number of rows`, { field: name });
    }
  }
  if (numRows === -1) throw new InvalidInputError('`columns` is empty');
  const rowsCount = numRows;
  const whole = (from: number, to: number) => from === 0 && to === rowsCount;
  return {
    numRows: rowsCount,
    present: (name) => name in columns,
    values: (name, from, to) => {
      const col = columns[name];
      if (col === undefined) return new Array(to - from);
      // A flat vector column's rows are read from `column`; its values only say that no row is null.
      if (strides.has(name)) return new Array(to - from).fill(0);
      return whole(from, to) ? (col as ArrayLike<unknown>) : rangeOf(col, from, to, 1);
    },
    column: (name, from, to) => {
      const col = columns[name];
      return col === undefined || whole(from, to) ? col : rangeOf(col, from, to, strides.get(name) ?? 1);
    },
    requireEverywhere: () => undefined,
    dynamicValues: (from, to) => {
      const out = new Array<string>(to - from);
      for (let r = from; r < to; r++) {
        out[r - from] = dynamicText(extras, (k) => {
          const v = (columns[k] as ArrayLike<unknown>)[r];
          return typeof v === 'bigint' ? v.toString() : v;
        }, schema, firstRow + r);
      }
      return out;
    },
  };
}

/** Rows `[from, to)` of a column holding `stride` values per row: a view of a typed array, a copy of an array's references. */
function rangeOf(col: unknown, from: number, to: number, stride: number): ArrayLike<unknown> {
  if (Array.isArray(col)) return col.slice(from * stride, to * stride);
  return (col as Float32Array).subarray(from * stride, to * stride);
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
function flatValuesPerRow(col: ArrayBufferView, f: FieldPlan): number {
  if (f.type === DataType.BinaryVector) return f.dim / 8;
  if ((f.type === DataType.Float16Vector || f.type === DataType.BFloat16Vector) && col instanceof Uint8Array) return f.dim * 2;
  return f.dim;
}

/** A single flat typed array holding every row's vector. */
function isFlatVectorColumn(col: unknown, f: FieldPlan | undefined): boolean {
  return f !== undefined && f.dim > 0 && ArrayBuffer.isView(col) && !(col instanceof DataView);
}

function columnRows(col: unknown, f: FieldPlan | undefined, name: string): number {
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

