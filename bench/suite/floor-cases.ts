/**
 * The floors' timed functions: what no client can beat on this machine, each moving milvus-wasm's own
 * bytes for the workload. `copy`: the rows' numbers into typed arrays; `memcpy`: one copy of the payload;
 * `grpc-js-1-request`: the payload as one Insert over grpc-js; `grpc-js-split`: the requests the client
 * really sends (16 MiB each, 2 at once); `tcp`: the payload over a plain loopback socket.
 */
import { connect, type Socket } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import type { CaseSpec } from './cases.js';
import type { CaseContext, RunnableCase } from './case-fns.js';
import { varintField } from '../sink/wire-scan.js';

const INSERT_CNT = 6;
const idle = async () => undefined;

export function floorCase(spec: CaseSpec, ctx: CaseContext): RunnableCase {
  switch (spec.subject) {
    case 'copy':
      return { fn: () => ctx.workload.copyFloor(ctx.input), close: idle };
    case 'memcpy':
      return { fn: () => new Uint8Array(ctx.payload.length).set(ctx.payload), close: idle };
    case 'grpc-js-1-request':
      return grpcCase(spec, ctx, [{ rows: ctx.rows, bytes: ctx.payload }], 1);
    case 'grpc-js-split':
      return grpcCase(spec, ctx, ctx.split.requests, ctx.split.concurrency);
    case 'tcp':
      return tcpCase(spec, ctx);
    default:
      throw new Error(`${spec.name}: unknown floor ${spec.subject}`);
  }
}

function need(spec: CaseSpec, address: string | undefined): string {
  if (!address) throw new Error(`${spec.name}: no server address given`);
  return address;
}

/** Pre-encoded requests to the sink's Insert with identity serializers, `concurrency` in flight: the transport alone. */
function grpcCase(spec: CaseSpec, ctx: CaseContext, requests: { rows: number; bytes: Uint8Array }[], concurrency: number): RunnableCase {
  const client = new grpc.Client(need(spec, ctx.sinkAddress), grpc.credentials.createInsecure(), {
    'grpc.max_send_message_length': -1,
    'grpc.max_receive_message_length': -1,
  });
  const asIs = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const send = (req: { rows: number; bytes: Uint8Array }) => new Promise<void>((resolve, reject) => {
    client.makeUnaryRequest('/milvus.proto.milvus.MilvusService/Insert', asIs, (b: Buffer) => b, req.bytes, (err, res) => {
      if (err) return reject(err);
      const count = varintField(res!, INSERT_CNT);
      if (count !== req.rows) return reject(new Error(`${spec.name}: insert_cnt ${count}, expected ${req.rows}`));
      resolve();
    });
  });
  return {
    fn: async () => {
      // The client's pipeline: a new request starts as soon as one of the `concurrency` in flight ends.
      let next = 0;
      const lane = async () => {
        while (next < requests.length) await send(requests[next++]!);
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, lane));
    },
    close: async () => client.close(),
  };
}

/** The payload as one length-prefixed frame over a kept-open loopback socket; the receiver acknowledges its length. */
function tcpCase(spec: CaseSpec, ctx: CaseContext): RunnableCase {
  const [host, port] = need(spec, ctx.tcpAddress).split(':');
  let socket: Socket | undefined;
  const header = Buffer.alloc(4);
  header.writeUInt32BE(ctx.payload.length);
  const open = () => new Promise<Socket>((resolve, reject) => {
    const s = connect(Number(port), host, () => resolve(s));
    s.once('error', reject);
  });
  const acknowledged = (s: Socket) => new Promise<number>((resolve, reject) => {
    let got = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      if (got.length < 4) return;
      s.off('data', onData).off('error', reject);
      resolve(got.readUInt32BE(0));
    };
    s.on('data', onData).once('error', reject);
  });
  return {
    fn: async () => {
      socket ??= await open();
      const ack = acknowledged(socket);
      socket.write(header);
      socket.write(ctx.payload);
      const length = await ack;
      if (length !== ctx.payload.length) throw new Error(`${spec.name}: receiver got ${length} bytes, expected ${ctx.payload.length}`);
    },
    close: async () => void socket?.destroy(),
  };
}
