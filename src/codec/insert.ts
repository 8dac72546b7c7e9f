/**
 * The write encoder's entry points. `planWrite` checks an input's shape once and returns a plan that
 * encodes any row range of it into a complete `InsertRequest` / `UpsertRequest`; `encodeInsertRequest` /
 * `encodeUpsertRequest` encode a whole input in one request.
 */
import { InvalidInputError, MilvusError, MilvusErrorCode, describeValue } from '../errors.js';
import { planSchema } from '../schema.js';
import type { EncoderCore } from './core.js';
import { coreError } from './core-error.js';
import { freshCore, selectCore } from './engine.js';
import { encodeFieldOps } from './field-ops.js';
import * as L from './layout.js';
import { planInput, stageRange, type PlannedInput } from './stage/request.js';
import { copyOutFilled, fillBytes } from './stage/vector-fill.js';
import type { EncodeOptions, Engine, InsertRequestInput, UpsertRequestInput } from './types.js';

/** How {@link planWrite} encodes. */
export interface WritePlanOptions extends EncodeOptions {
  /** Encode `UpsertRequest`s (with the input's `partial_update` and `field_ops`) instead of `InsertRequest`s. */
  upsert?: boolean;
  /**
   * The number of the input's first row in the caller's whole input or stream (default 0): errors name
   * rows by it, so a chunk of a stream reports the stream's row numbers.
   */
  firstRow?: number;
}

/** An input checked for shape, ready to encode by row range. */
export interface WritePlan {
  /** Rows in the input. */
  readonly rows: number;
  /**
   * Encodes rows `[from, to)` as one complete request. Validates every value of the range first: bad input
   * throws `InvalidInputError` naming the field and the caller's row. An empty range gives an empty array
   * (send nothing). The returned bytes are the caller's; the encoder keeps no reference to them. They may
   * start a few bytes into their `ArrayBuffer` (aligned for the vectors written in place): read them
   * through the array (or `byteOffset`/`byteLength`), not through `.buffer` alone.
   */
  encode(from: number, to: number): Uint8Array;
}

/**
 * Plans a write of `input`: checks its shape (rows are objects with known keys, or columns of equal
 * length; `partial_update` and `field_ops` for upserts) and fixes the fields sent. Throws
 * `InvalidInputError` for a bad shape; values are checked by `encode`.
 */
export function planWrite(input: UpsertRequestInput, options: WritePlanOptions = {}): WritePlan {
  if (typeof input !== 'object' || input === null) throw new InvalidInputError(`expected a request object, got ${describeValue(input)}`);
  const upsert = options.upsert === true;
  if (upsert && input.partial_update !== undefined && typeof input.partial_update !== 'boolean') {
    throw new InvalidInputError(`partial_update must be a boolean, got ${typeof input.partial_update}`);
  }
  const schema = planSchema(input.schema);
  const firstRow = options.firstRow ?? 0;
  const empty = Array.isArray(input.data) && input.data.length === 0 && input.columns === undefined;
  const planned = empty ? undefined : planInput(input, schema, upsert ? L.REQUEST_UPSERT : L.REQUEST_INSERT, upsert && input.partial_update === true, firstRow);
  const tail = upsert && input.field_ops && input.field_ops.length > 0 ? encodeFieldOps(input.field_ops) : undefined;
  const rows = planned?.numRows ?? 0;
  const engine = options.engine ?? 'auto';
  return {
    rows,
    encode(from, to) {
      if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > rows || from > to) {
        throw new RangeError(`encode(${from}, ${to}): expected 0 <= from <= to <= ${rows}`);
      }
      if (planned === undefined || from === to) return new Uint8Array(0);
      return encodeRange(engine, planned, from, to, tail);
    },
  };
}

/**
 * Encodes an insert request of the whole input. Validates every value first: bad input throws
 * `InvalidInputError` (with `field` and `row`) and nothing is encoded. With zero rows it returns an empty
 * array: send nothing (pymilvus reports `insert_count: 0` without a request).
 */
export function encodeInsertRequest(input: InsertRequestInput, options: EncodeOptions = {}): Uint8Array {
  const plan = planWrite(input, options);
  return plan.encode(0, plan.rows);
}

/** Encodes an upsert request: the insert layout plus `partial_update` and `field_ops`. Same contract as `encodeInsertRequest`. */
export function encodeUpsertRequest(input: UpsertRequestInput, options: EncodeOptions = {}): Uint8Array {
  const plan = planWrite(input, { ...options, upsert: true });
  return plan.encode(0, plan.rows);
}

/**
 * Encodes in progress on this thread. Staging runs the caller's code (`toJSON`, getters, proxies), which
 * may call the encoder again before the outer call is done with the shared core's arena: such a nested
 * call gets a core (and arena) of its own, so neither call can see the other's memory.
 */
let active = 0;
/** Nesting beyond this is refused: it is runaway recursion, each level holding an arena. */
const MAX_NESTED_ENCODES = 8;

function encodeRange(engine: Engine, planned: PlannedInput, from: number, to: number, tail: Uint8Array | undefined): Uint8Array {
  if (active > MAX_NESTED_ENCODES) {
    throw new InvalidInputError(
      `encodeInsertRequest/encodeUpsertRequest was called from inside the data it encodes (a toJSON, getter or proxy) more than ${MAX_NESTED_ENCODES} levels deep`,
    );
  }
  const core: EncoderCore = active === 0 ? selectCore(engine) : freshCore(engine);
  const heap = core.heap;
  heap.reset();
  active++;
  try {
    const staged = stageRange(heap, planned, from, to);
    const size = core.measure(staged.header);
    if (size < 0) throw coreError(heap, staged.header, staged.fields);
    // A payload filled after the write (vector-fill.ts) takes no room in the arena: only in the copy out.
    const hole = fillBytes(heap, staged);
    const out = heap.alloc(size - hole + (tail?.length ?? 0));
    heap.i32[(staged.header >> 2) + L.H_OUT_PTR] = out;
    const end = core.write(staged.header);
    if (end !== out + size - hole) {
      throw new MilvusError(MilvusErrorCode.Internal, `internal encoder error: wrote ${end - out} bytes, measured ${size - hole}`);
    }
    if (tail) heap.u8.set(tail, end);
    const length = size + (tail?.length ?? 0);
    return staged.fills.length > 0 ? copyOutFilled(heap, staged, out, length) : heap.copyOut(out, length);
  } finally {
    active--;
    heap.reset();
    core.trim?.();
  }
}
