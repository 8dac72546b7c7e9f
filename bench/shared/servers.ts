/**
 * The servers the cases talk to: the sink (`bench/sink/sink-server.ts`, in its own process), the raw-TCP
 * floor's receiver (`bench/sink/tcp-sink.ts`, another process) and a real Milvus Lite from the project's
 * venv, with collections for the workloads that Lite supports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { MilvusClient, type FieldType } from '../../src/index.js';
import { decodeMessage, encodeMessage, MILVUS_SERVICE } from '../../src/proto/index.js';
import { BENCH_DIR, pythonPath, startServer } from './children.js';
import type { Workload } from './workloads.js';

export interface RunningServer {
  /** `host:port`. */
  address: string;
  stop(): Promise<void>;
}

export interface Sink extends RunningServer {
  /** The sink's counters for `collection`: `row_count`, `rows.<collection>`, `calls.<Method>`, `bytes.received`. */
  stats(collection: string): Promise<Record<string, number>>;
}

/** Starts the sink in a child process. */
export async function startSink(): Promise<Sink> {
  const server = await startServer(process.execPath, ['--import', 'tsx', join(BENCH_DIR, 'sink', 'sink-server.ts')], { timeoutMs: 60_000 });
  const address = `127.0.0.1:${server.port}`;
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  const stats = (collection: string) => new Promise<Record<string, number>>((resolve, reject) => {
    const req = encodeMessage('milvus.proto.milvus.GetCollectionStatisticsRequest', { collection_name: collection });
    client.makeUnaryRequest(`/${MILVUS_SERVICE}/GetCollectionStatistics`, (b: Uint8Array) => Buffer.from(b), (b: Buffer) => b, req, (err, res) => {
      if (err) return reject(err);
      const decoded = decodeMessage<{ stats: { key: string; value: string }[] }>('milvus.proto.milvus.GetCollectionStatisticsResponse', res!);
      resolve(Object.fromEntries(decoded.stats.map((p) => [p.key, Number(p.value)])));
    });
  });
  return {
    address,
    stats,
    stop: async () => {
      client.close();
      await server.stop();
    },
  };
}

/** Starts the raw-TCP receiver in a child process. */
export async function startTcpSink(): Promise<RunningServer> {
  const server = await startServer(process.execPath, ['--import', 'tsx', join(BENCH_DIR, 'sink', 'tcp-sink.ts')], { timeoutMs: 60_000 });
  return { address: `127.0.0.1:${server.port}`, stop: () => server.stop() };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForVersion(address: string, timeoutMs: number): Promise<void> {
  const client = new MilvusClient({ uri: `http://${address}`, timeout: 1000 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await client.getVersion();
        return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    await client.close();
  }
}

/** Starts `milvus-lite server` from the venv on a free port and a fresh data dir, and creates the workloads' collections. */
export async function startLite(workloads: readonly Workload[]): Promise<RunningServer> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'milvus-wasm-bench-lite-'));
  const exe = join(dirname(pythonPath()), 'milvus-lite');
  const server = await startServer(exe, ['server', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port)], {
    timeoutMs: 120_000,
    ready: async () => {
      await waitForVersion(address, 120_000);
      return port;
    },
  });
  const stop = async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const client = new MilvusClient({ uri: `http://${address}` });
    for (const w of workloads) {
      await client.createCollection({ collection_name: w.collection, fields: w.schema.fields as FieldType[], enable_dynamic_field: w.schema.enable_dynamic_field === true });
    }
    await client.close();
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, stop };
}
