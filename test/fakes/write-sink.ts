/**
 * An in-process gRPC server standing in for Milvus in the write tests. Like a real server it refuses
 * messages over its receive limit (RESOURCE_EXHAUSTED; 64 MiB, Milvus' default). It keeps every
 * Insert/Upsert's bytes exactly as received, for the tests to decode and check row by row
 * (`rowsOf`, and `test/ingest/write-checks.ts`). To answer, it reads only the row count and the int64
 * primary keys, by walking the protobuf wire format to the pk column and skipping everything else, so
 * answering 200 MB of vectors costs next to nothing. Answers are scripted per call; the default is
 * success with the received keys as `IDs`.
 */
import * as grpc from '@grpc/grpc-js';
import { encodeMessage } from '../../src/proto/index.js';
import { requestRows, type RequestRows } from '../helpers/request-rows.js';

/** One Insert or Upsert as received. */
export interface WriteCall {
  method: 'Insert' | 'Upsert';
  /** Message size in bytes (without gRPC framing). */
  bytes: number;
  /** The message exactly as received (a copy). */
  request: Buffer;
  numRows: number;
  /** The primary keys sent, in order (empty when the pk is auto-generated and not sent). */
  pks: bigint[];
  /** Position among all Insert/Upsert calls, from 0. */
  index: number;
}

/** An answer: a `MutationResult`-shaped payload, a Milvus status failure, a gRPC failure, or never. */
export type WriteAnswer =
  | { kind: 'ok' }
  | { kind: 'status'; code: number; errorCode?: number; reason: string }
  | { kind: 'grpc'; code: grpc.status; details: string }
  | { kind: 'never' };

export type WriteResponder = (call: WriteCall) => WriteAnswer | Promise<WriteAnswer>;

export interface WriteSink {
  uri: string;
  port: number;
  /** Every Insert/Upsert received, in arrival order. */
  calls: WriteCall[];
  /** Calls being handled right now, and the most ever at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  respond(responder: WriteResponder): void;
  /** Forgets recorded calls and restores the default answer. */
  reset(): void;
  /** Fails every call left hanging, then stops. */
  close(): Promise<void>;
}

export interface SinkOptions {
  /** Primary key field name, int64 (default `id`). */
  pkField?: string;
  /** Wire `FieldSchema`s the sink describes the collection with. */
  fields: object[];
  /** Receive limit in bytes. Default 64 MiB. */
  maxReceiveBytes?: number;
  /** Port to bind (default: a free one). */
  port?: number;
  /** Ids to return when the request carries no pks (auto_id): counted from here. */
  autoIdStart?: bigint;
  /** What `GetVersion` answers (e.g. `milvus_lite-3.2.2`); without it the sink does not implement `GetVersion`. */
  version?: string;
}

const MiB = 1024 * 1024;
const SERVICE = 'milvus.proto.milvus.MilvusService';

export async function startWriteSink(options: SinkOptions): Promise<WriteSink> {
  const pkField = options.pkField ?? 'id';
  const server = new grpc.Server({ 'grpc.max_receive_message_length': options.maxReceiveBytes ?? 64 * MiB });
  const calls: WriteCall[] = [];
  const hanging: grpc.sendUnaryData<Uint8Array>[] = [];
  const defaultResponder: WriteResponder = () => ({ kind: 'ok' });
  let responder = defaultResponder;
  let inFlight = 0;
  let maxInFlight = 0;
  let nextAutoId = options.autoIdStart ?? 1_000_000n;
  const describe = encodeMessage('milvus.proto.milvus.DescribeCollectionResponse', {
    status: {}, collection_name: 'sunk', schema: { name: 'sunk', fields: options.fields }, update_timestamp: '0',
  });

  const write = (method: 'Insert' | 'Upsert') => async (call: grpc.ServerUnaryCall<Buffer, Uint8Array>, callback: grpc.sendUnaryData<Uint8Array>) => {
    const request = call.request;
    const { numRows, pks } = scanWrite(request, pkField);
    const recorded: WriteCall = { method, bytes: request.length, request: Buffer.from(request), numRows, pks, index: calls.length };
    calls.push(recorded);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const answer = await responder(recorded);
    if (answer.kind === 'never') {
      hanging.push(callback);
      return;
    }
    inFlight--;
    if (answer.kind === 'grpc') return callback({ code: answer.code, details: answer.details });
    if (answer.kind === 'status') {
      return callback(null, encodeMessage('milvus.proto.milvus.MutationResult', { status: { code: answer.code, error_code: answer.errorCode ?? 0, reason: answer.reason } }));
    }
    const ids = pks.length > 0 ? pks : Array.from({ length: numRows }, () => nextAutoId++);
    const count = String(numRows);
    callback(null, encodeMessage('milvus.proto.milvus.MutationResult', {
      status: {},
      IDs: { int_id: { data: ids.map(String) } },
      succ_index: ids.map((_, i) => i),
      ...(method === 'Insert' ? { insert_cnt: count } : { upsert_cnt: count }),
      timestamp: String(1000 + recorded.index),
    }));
  };

  const unary = (path: string, handler: grpc.handleUnaryCall<Buffer, Uint8Array>) => [path, handler] as const;
  const version = encodeMessage('milvus.proto.milvus.GetVersionResponse', { status: {}, version: options.version ?? '' });
  const handlers = [
    ...(options.version !== undefined ? [unary('GetVersion', (_call, cb) => cb(null, version))] : []),
    unary('DescribeCollection', (_call, cb) => cb(null, describe)),
    unary('Insert', write('Insert')),
    unary('Upsert', write('Upsert')),
  ];
  const definition: Record<string, grpc.MethodDefinition<Buffer, Uint8Array>> = {};
  const impl: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of handlers) {
    definition[name] = {
      path: `/${SERVICE}/${name}`, requestStream: false, responseStream: false,
      requestSerialize: (b: Buffer) => b, requestDeserialize: (b: Buffer) => b,
      responseSerialize: (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength), responseDeserialize: (b: Buffer) => b,
    };
    impl[name] = handler;
  }
  server.addService(definition as grpc.ServiceDefinition, impl);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  return {
    uri: `http://127.0.0.1:${port}`,
    port,
    calls,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    respond: (r) => void (responder = r),
    reset: () => {
      calls.length = 0;
      responder = defaultResponder;
      maxInFlight = inFlight;
    },
    close: () => new Promise<void>((resolve) => {
      for (const cb of hanging.splice(0)) cb({ code: grpc.status.UNAVAILABLE, details: 'sink closing' });
      server.forceShutdown();
      resolve();
    }),
  };
}

/** Every row a call carried, every field decoded (protobufjs, from the official descriptor). */
export function rowsOf(call: WriteCall): RequestRows {
  return requestRows(call.request, call.method);
}

/** The rows `[from, to)` a call carried, from its pks (consecutive integer keys in these tests). */
export function spanOf(call: WriteCall): { from: number; to: number } {
  return { from: Number(call.pks[0]), to: Number(call.pks[call.pks.length - 1]) + 1 };
}

// ---- a minimal protobuf wire walker: InsertRequest.num_rows (7) and fields_data (5) → pk long_data ----

interface Cursor {
  buf: Buffer;
  pos: number;
}

function varint(c: Cursor): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = c.buf[c.pos++];
    result |= BigInt(byte & 0x7f) << shift;
    if (byte < 0x80) return result;
    shift += 7n;
  }
}

function smallVarint(c: Cursor): number {
  let result = 0;
  let mul = 1;
  for (;;) {
    const byte = c.buf[c.pos++];
    result += (byte & 0x7f) * mul;
    if (byte < 0x80) return result;
    mul *= 128;
  }
}

/** Calls `visit(field, start, end)` for each length-delimited field in `[start, end)`, `onVarint` for varints. */
function walk(buf: Buffer, start: number, end: number, visit: (field: number, s: number, e: number) => void, onVarint?: (field: number, v: number) => void): void {
  const c = { buf, pos: start };
  while (c.pos < end) {
    const key = smallVarint(c);
    const field = key >>> 3;
    switch (key & 7) {
      case 0: {
        const v = smallVarint(c);
        onVarint?.(field, v);
        break;
      }
      case 1: c.pos += 8; break;
      case 5: c.pos += 4; break;
      case 2: {
        const len = smallVarint(c);
        visit(field, c.pos, c.pos + len);
        c.pos += len;
        break;
      }
      default: throw new Error(`unexpected wire type ${key & 7}`);
    }
  }
}

function scanWrite(buf: Buffer, pkField: string): { numRows: number; pks: bigint[] } {
  let numRows = 0;
  const pks: bigint[] = [];
  walk(buf, 0, buf.length, (field, s, e) => {
    if (field !== 5) return;
    let name = '';
    let scalars: [number, number] | undefined;
    walk(buf, s, e, (f, fs, fe) => {
      if (f === 2) name = buf.toString('utf8', fs, fe);
      else if (f === 3) scalars = [fs, fe];
    });
    if (name !== pkField || scalars === undefined) return;
    walk(buf, scalars[0], scalars[1], (f, ls, le) => {
      if (f !== 3) return; // long_data
      walk(buf, ls, le, (lf, ps, pe) => {
        if (lf !== 1) return;
        const c = { buf, pos: ps };
        while (c.pos < pe) pks.push(BigInt.asIntN(64, varint(c)));
      });
    });
  }, (field, v) => {
    if (field === 7) numRows = v;
  });
  return { numRows, pks };
}
