/**
 * The benchmark sink: a stand-in Milvus in its own process, so that its CPU is never counted as a
 * client's. It serves every `MilvusService` method (the full list comes from the official SDK's proto
 * descriptor, so no client call goes unanswered) with identity (de)serializers on 127.0.0.1, and
 * prints `PORT <n>` on stdout once it listens.
 *
 * Answers: Connect, GetVersion, CheckHealth, HasCollection, DescribeCollection (the workload's schema,
 * see `bench/shared/workloads.ts`), Insert/Upsert (a `MutationResult` with `insert_cnt` = the request's
 * `num_rows`, synthesized ids, `succ_index`), and GetCollectionStatistics (`row_count`, plus the sink's
 * counters: `calls.<Method>` for every method seen, `rows.<collection>` per collection). Any other method
 * is logged as `UNHANDLED <method>` on stderr and answered with an empty message.
 *
 * Run: node --import tsx bench/sink/sink-server.ts
 */
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import { MILVUS_SERVICE } from '../../src/proto/index.js';
import * as reply from './sink-replies.js';
import { stringField } from './wire-scan.js';
import { WORKLOADS } from '../shared/workloads.js';

const require = createRequire(import.meta.url);
const sdkDescriptor = require('@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus.js').default;
const METHODS: string[] = Object.keys(sdkDescriptor.nested.milvus.nested.proto.nested.milvus.nested.MilvusService.methods);

const schemas = new Map(WORKLOADS.map((w) => [w.collection, w.schema]));
const describeCache = new Map<string, Uint8Array>();
const mutationCache = new Map<string, Uint8Array>();
const counters: Record<string, number> = {};
const bump = (key: string, by = 1) => void (counters[key] = (counters[key] ?? 0) + by);

/** A string field of a small request, or `''` when the request is malformed. */
function nameIn(buf: Uint8Array, field: number): string {
  try {
    return stringField(buf, field);
  } catch {
    return '';
  }
}

type Handler = (request: Buffer) => Uint8Array;

const COLLECTION_NAME_FIELD = 3; // in DescribeCollectionRequest, HasCollectionRequest, GetCollectionStatisticsRequest

const handlers: Record<string, Handler> = {
  Connect: () => reply.connectReply(),
  GetVersion: () => reply.versionReply(),
  CheckHealth: () => reply.healthReply(),
  HasCollection: (req) => reply.boolReply(schemas.has(nameIn(req, COLLECTION_NAME_FIELD))),
  DescribeCollection: (req) => {
    const name = nameIn(req, COLLECTION_NAME_FIELD);
    const schema = schemas.get(name);
    if (!schema) return reply.notFoundReply(name);
    let bytes = describeCache.get(name);
    if (!bytes) describeCache.set(name, (bytes = reply.describeReply(name, schema)));
    return bytes;
  },
  Insert: (req) => mutation('Insert', req),
  Upsert: (req) => mutation('Upsert', req),
  GetCollectionStatistics: (req) => {
    const name = nameIn(req, COLLECTION_NAME_FIELD);
    return reply.statsReply({ row_count: counters[`rows.${name}`] ?? 0, ...counters });
  },
};

function mutation(method: 'Insert' | 'Upsert', req: Buffer): Uint8Array {
  const { collection, numRows } = reply.scanMutation(req);
  bump(`rows.${collection}`, numRows);
  bump('bytes.received', req.length);
  const key = `${method}:${numRows}`;
  let bytes = mutationCache.get(key);
  if (!bytes) mutationCache.set(key, (bytes = reply.mutationReply(method, numRows)));
  return bytes;
}

const server = new grpc.Server({ 'grpc.max_receive_message_length': 1024 * 1024 * 1024, 'grpc.max_send_message_length': 1024 * 1024 * 1024 });
const definition: Record<string, grpc.MethodDefinition<Buffer, Uint8Array>> = {};
const implementation: grpc.UntypedServiceImplementation = {};
for (const method of METHODS) {
  definition[method] = {
    path: `/${MILVUS_SERVICE}/${method}`,
    requestStream: false,
    responseStream: false,
    requestSerialize: (b: Buffer) => b,
    requestDeserialize: (b: Buffer) => b,
    responseSerialize: (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    responseDeserialize: (b: Buffer) => b,
  };
  implementation[method] = (call: grpc.ServerUnaryCall<Buffer, Uint8Array>, callback: grpc.sendUnaryData<Uint8Array>) => {
    bump(`calls.${method}`);
    const handle = handlers[method];
    if (!handle) {
      process.stderr.write(`UNHANDLED ${method}\n`);
      callback(null, new Uint8Array(0));
      return;
    }
    try {
      callback(null, handle(call.request));
    } catch (err) {
      process.stderr.write(`ERROR ${method}: ${(err as Error).message}\n`);
      callback({ code: grpc.status.INTERNAL, details: (err as Error).message });
    }
  };
}
server.addService(definition as grpc.ServiceDefinition, implementation);
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    process.stderr.write(`sink: cannot listen: ${err.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`PORT ${port}\n`);
});
const stop = () => server.tryShutdown(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The runner closes our stdin when it is done (or dies): stop then, so no sink outlives a run.
process.stdin.on('end', stop).resume();
