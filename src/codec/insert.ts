/**
 * `encodeInsertRequest` / `encodeUpsertRequest`: rows or columns in, the complete protobuf
 * `InsertRequest` / `UpsertRequest` bytes out, ready to send as they are.
 */
import { InvalidInputError } from '../errors.js';
import { planSchema } from '../schema.js';
import type { EncoderCore } from './core.js';
import { coreError } from './core-error.js';
import { freshCore, selectCore } from './engine.js';
import { encodeFieldOps } from './field-ops.js';
import * as L from './layout.js';
import { columnRows, stageRequest } from './stage/request.js';
import type { EncodeOptions, InsertRequestInput, UpsertRequestInput } from './types.js';

/**
 * Encodes an insert request. Validates every value first: bad input throws `InvalidInputError`
 * (with `field` and `row`) and nothing is encoded. With zero rows it returns an empty array: send
 * nothing (pymilvus reports `insert_count: 0` without a request). The returned bytes are the
 * caller's; the encoder keeps no reference to them.
 */
export function encodeInsertRequest(input: InsertRequestInput, options: EncodeOptions = {}): Uint8Array {
  return encodeRequest(input, L.REQUEST_INSERT, false, options);
}

/** Encodes an upsert request: the insert layout plus `partial_update`. Same contract as `encodeInsertRequest`. */
export function encodeUpsertRequest(input: UpsertRequestInput, options: EncodeOptions = {}): Uint8Array {
  if (input.partial_update !== undefined && typeof input.partial_update !== 'boolean') {
    throw new InvalidInputError(`partial_update must be a boolean, got ${typeof input.partial_update}`);
  }
  const bytes = encodeRequest(input, L.REQUEST_UPSERT, input.partial_update === true, options);
  if (!input.field_ops || input.field_ops.length === 0 || bytes.length === 0) return bytes;
  const tail = encodeFieldOps(input.field_ops);
  const out = new Uint8Array(bytes.length + tail.length);
  out.set(bytes);
  out.set(tail, bytes.length);
  return out;
}

/** Number of rows an input holds, without encoding it (0 for an empty row list). */
export function countRows(input: Pick<InsertRequestInput, 'data' | 'columns'> & { schema?: InsertRequestInput['schema'] }): number {
  if (input.columns !== undefined) {
    const name = Object.keys(input.columns)[0];
    if (name === undefined) return 0;
    const field = input.schema ? planSchema(input.schema).byName.get(name) : undefined;
    return columnRows(input.columns[name], field, name);
  }
  return Array.isArray(input.data) ? input.data.length : input.data === undefined ? 0 : 1;
}

/**
 * Encodes in progress on this thread. Staging runs the caller's code (`toJSON`, getters, proxies), which
 * may call the encoder again before the outer call is done with the shared core's arena: such a nested
 * call gets a core (and arena) of its own, so neither call can see the other's memory.
 */
let active = 0;
/** Nesting beyond this is refused: it is runaway recursion, each level holding an arena. */
const MAX_NESTED_ENCODES = 8;

function encodeRequest(input: InsertRequestInput, kind: number, partialUpdate: boolean, options: EncodeOptions): Uint8Array {
  if (typeof input !== 'object' || input === null) throw new InvalidInputError('expected a request object');
  const schema = planSchema(input.schema);
  if (Array.isArray(input.data) && input.data.length === 0 && input.columns === undefined) return new Uint8Array(0);
  const engine = options.engine ?? 'auto';
  if (active > MAX_NESTED_ENCODES) {
    throw new InvalidInputError(
      `encodeInsertRequest/encodeUpsertRequest was called from inside the data it encodes (a toJSON, getter or proxy) more than ${MAX_NESTED_ENCODES} levels deep`,
    );
  }
  const core = active === 0 ? selectCore(engine) : freshCore(engine);
  const heap = core.heap;
  heap.reset();
  active++;
  try {
    return encodeStaged(core, input, schema, kind, partialUpdate);
  } finally {
    active--;
    heap.reset();
    core.trim?.();
  }
}

function encodeStaged(core: EncoderCore, input: InsertRequestInput, schema: ReturnType<typeof planSchema>, kind: number, partialUpdate: boolean): Uint8Array {
  const heap = core.heap;
  const staged = stageRequest(heap, input, schema, kind, partialUpdate);
  if (staged.numRows === 0) return new Uint8Array(0);
  const size = core.measure(staged.header);
  if (size < 0) throw coreError(heap, staged.header, staged.fields);
  const out = heap.alloc(size);
  heap.i32[(staged.header >> 2) + L.H_OUT_PTR] = out;
  const end = core.write(staged.header);
  if (end !== out + size) {
    throw new InvalidInputError(`internal encoder error: wrote ${end - out} bytes, measured ${size}`);
  }
  return heap.copyOut(out, size);
}
