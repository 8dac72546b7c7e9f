/**
 * The function each Node case times. Every call checks its result (rows acknowledged, bytes produced),
 * so a case that silently did nothing fails instead of looking fast.
 */
import { createRequire } from 'node:module';
import { encodeInsertRequest, MilvusClient, type Row } from '../../src/index.js';
import type { CaseSpec } from './cases.js';
import type { ClientSplit } from '../shared/client-split.js';
import { floorCase } from './floor-cases.js';
import { createSdkEncoder } from '../shared/sdk-encode.js';
import { UPDATE_TIMESTAMP } from '../sink/sink-replies.js';
import type { ClientInput, Workload } from '../shared/workloads.js';

const require = createRequire(import.meta.url);

/** Everything a child process prepares once for its cases. */
export interface CaseContext {
  workload: Workload;
  rows: number;
  input: ClientInput;
  /** The rows the official SDK inserts (the same numbers; W6's SDK gets W1's rows). */
  sdkRows: Row[] | undefined;
  /** milvus-wasm's encoded InsertRequest for `input`: what the memcpy, one-request and TCP floors move. */
  payload: Uint8Array;
  /** The same rows as the requests `client.insert()` sends: what the split floor moves. */
  split: ClientSplit;
  /** `host:port` of the sink, of the raw-TCP receiver and of Milvus Lite. */
  sinkAddress?: string;
  tcpAddress?: string;
  liteAddress?: string;
}

export interface RunnableCase {
  fn: () => unknown;
  close(): Promise<void>;
}

/** Builds the timed function of `spec`. */
export function buildCase(spec: CaseSpec, ctx: CaseContext): RunnableCase {
  switch (spec.kind) {
    case 'e2e':
    case 'lite':
      return insertCase(spec, ctx, addressOf(spec, ctx));
    case 'encode':
    case 'cold':
      return encodeCase(spec, ctx);
    case 'floor':
      return floorCase(spec, ctx);
  }
}

function addressOf(spec: CaseSpec, ctx: CaseContext): string {
  const address = spec.server === 'lite' ? ctx.liteAddress : ctx.sinkAddress;
  if (!address) throw new Error(`${spec.name}: no ${spec.server} address given`);
  return address;
}

function expectCount(spec: CaseSpec, got: unknown, ids: number, want: number): void {
  if (Number(got) !== want || ids !== want) throw new Error(`${spec.name}: insert_count ${String(got)} with ${ids} ids, expected ${want}`);
}

function insertCase(spec: CaseSpec, ctx: CaseContext, address: string): RunnableCase {
  const collection_name = ctx.workload.collection;
  if (spec.subject === 'milvus-wasm') {
    const client = new MilvusClient({ uri: `http://${address}`, engine: spec.engine });
    const req = ctx.input.columns ? { collection_name, columns: ctx.input.columns } : { collection_name, data: ctx.input.rows };
    return {
      fn: async () => {
        const res = await client.insert(req);
        expectCount(spec, res.insert_count, res.ids.length, ctx.rows);
      },
      close: () => client.close(),
    };
  }
  if (spec.subject === 'official-sdk') {
    const { MilvusClient: SdkClient } = require('@zilliz/milvus2-sdk-node');
    // The SDK's defaults, except that its logger stays quiet (it does the same work at any level).
    const client = new SdkClient({ address, logLevel: 'error' });
    return {
      fn: async () => {
        const res = await client.insert({ collection_name, data: ctx.sdkRows });
        if (res.status?.error_code !== 'Success') throw new Error(`${spec.name}: ${JSON.stringify(res.status)}`);
        expectCount(spec, res.insert_cnt, res.IDs?.int_id?.data?.length ?? 0, ctx.rows);
      },
      close: async () => void (await client.closeConnection()),
    };
  }
  throw new Error(`${spec.name}: no Node client for ${spec.subject}`);
}

function encodeCase(spec: CaseSpec, ctx: CaseContext): RunnableCase {
  const { collection, schema } = ctx.workload;
  if (spec.subject === 'official-sdk') {
    const sdk = createSdkEncoder(collection, schema);
    return {
      fn: async () => {
        if ((await sdk.insert(ctx.sdkRows!)) === 0) throw new Error(`${spec.name}: the SDK encoded nothing`);
      },
      close: async () => undefined,
    };
  }
  const input = { collection_name: collection, schema, schema_timestamp: UPDATE_TIMESTAMP, ...(ctx.input.columns ? { columns: ctx.input.columns } : { data: ctx.input.rows }) };
  const engine = spec.engine!;
  return {
    fn: () => {
      if (encodeInsertRequest(input, { engine }).length !== ctx.payload.length) throw new Error(`${spec.name}: unexpected request size`);
    },
    close: async () => undefined,
  };
}
