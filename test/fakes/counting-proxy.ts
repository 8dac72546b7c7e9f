/**
 * A gRPC proxy in front of a real Milvus that forwards a few MilvusService methods byte for byte and
 * counts how many calls of each are in flight at once, so a test can see how a client paces its writes
 * against the real server.
 */
import * as grpc from '@grpc/grpc-js';

export interface CountingProxy {
  uri: string;
  /** Most calls of `method` that were in flight at once. */
  maxInFlight(method: string): number;
  /** Calls of `method` forwarded so far. */
  count(method: string): number;
  close(): Promise<void>;
}

const SERVICE = 'milvus.proto.milvus.MilvusService';
const NO_LIMIT = { 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 };

/** Proxies `methods` to `upstream` (`host:port`); other methods are UNIMPLEMENTED here. */
export async function startCountingProxy(upstream: string, methods: readonly string[]): Promise<CountingProxy> {
  const client = new grpc.Client(upstream, grpc.credentials.createInsecure(), NO_LIMIT);
  const server = new grpc.Server(NO_LIMIT);
  const inFlight = new Map<string, number>();
  const max = new Map<string, number>();
  const counts = new Map<string, number>();
  const definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
  const impl: grpc.UntypedServiceImplementation = {};
  for (const method of methods) {
    const path = `/${SERVICE}/${method}`;
    definition[method] = {
      path, requestStream: false, responseStream: false,
      requestSerialize: (b: Buffer) => b, requestDeserialize: (b: Buffer) => b,
      responseSerialize: (b: Buffer) => b, responseDeserialize: (b: Buffer) => b,
    };
    impl[method] = (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
      const now = (inFlight.get(method) ?? 0) + 1;
      inFlight.set(method, now);
      max.set(method, Math.max(max.get(method) ?? 0, now));
      counts.set(method, (counts.get(method) ?? 0) + 1);
      client.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, call.request, call.metadata, (err, res) => {
        inFlight.set(method, inFlight.get(method)! - 1);
        callback(err, res);
      });
    };
  }
  server.addService(definition as grpc.ServiceDefinition, impl);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  return {
    uri: `http://127.0.0.1:${port}`,
    maxInFlight: (method) => max.get(method) ?? 0,
    count: (method) => counts.get(method) ?? 0,
    close: async () => {
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      client.close();
    },
  };
}
