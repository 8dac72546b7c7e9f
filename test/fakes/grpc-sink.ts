/**
 * An in-process gRPC server standing in for Milvus: it records every call (method, metadata, the
 * request bytes exactly as received) and answers with whatever the test scripts, or never.
 */
import * as grpc from '@grpc/grpc-js';
import { encodeMessage } from '../../src/proto/index.js';
import descriptor from '../../src/proto/milvus-descriptor.json' with { type: 'json' };

export interface RecordedCall {
  method: string;
  metadata: Record<string, string>;
  request: Buffer;
}

/** A gRPC failure status to answer with instead of a message. */
export interface GrpcFailure {
  grpcCode: grpc.status;
  details: string;
}

/** Returns the response message bytes, a gRPC failure, or `'never'` to leave the call hanging. */
export type Responder = (request: Buffer, call: RecordedCall) => Uint8Array | GrpcFailure | 'never';

export interface GrpcSink {
  uri: string;
  calls: RecordedCall[];
  callsOf(method: string): RecordedCall[];
  on(method: string, responder: Responder): void;
  close(): Promise<void>;
}

interface MethodDescriptor {
  requestStream?: boolean;
  responseStream?: boolean;
}

/** Every RPC of the service, from the vendored descriptor, so any method the client calls is answered. */
const SERVICE_METHODS = (descriptor as unknown as {
  nested: { milvus: { nested: { proto: { nested: { milvus: { nested: { MilvusService: { methods: Record<string, MethodDescriptor> } } } } } } } };
}).nested.milvus.nested.proto.nested.milvus.nested.MilvusService.methods;

/**
 * Starts a sink on 127.0.0.1 with a free port, or `port` (plain text, or TLS with `credentials`) serving every
 * method of `MilvusService`. Unscripted unary methods answer with an empty (success) message.
 */
export async function startSink(credentials = grpc.ServerCredentials.createInsecure(), port = 0): Promise<GrpcSink> {
  const server = new grpc.Server();
  const calls: RecordedCall[] = [];
  const responders = new Map<string, Responder>();
  const hanging: grpc.sendUnaryData<Uint8Array>[] = [];
  const definition: Record<string, grpc.MethodDefinition<Buffer, Uint8Array>> = {};
  const handlers: grpc.UntypedServiceImplementation = {};
  const record = (method: string, md: grpc.Metadata, request: Buffer): RecordedCall => {
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(md.getMap())) metadata[k] = String(v);
    const recorded = { method, metadata, request: Buffer.from(request) };
    calls.push(recorded);
    return recorded;
  };
  for (const [method, shape] of Object.entries(SERVICE_METHODS)) {
    definition[method] = {
      path: `/milvus.proto.milvus.MilvusService/${method}`,
      requestStream: shape.requestStream === true,
      responseStream: shape.responseStream === true,
      requestSerialize: (b: Uint8Array) => Buffer.from(b),
      requestDeserialize: (b: Buffer) => b,
      responseSerialize: (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
      responseDeserialize: (b: Buffer) => b,
    };
    handlers[method] = shape.requestStream || shape.responseStream
      ? streamHandler(method, shape, record, responders)
      : (call: grpc.ServerUnaryCall<Buffer, Uint8Array>, callback: grpc.sendUnaryData<Uint8Array>) => {
        const recorded = record(method, call.metadata, call.request);
        const answer = responders.get(method)?.(recorded.request, recorded) ?? new Uint8Array(0);
        if (answer === 'never') hanging.push(callback);
        else if ('grpcCode' in answer) callback({ code: answer.grpcCode, details: answer.details });
        else callback(null, answer);
      };
  }
  server.addService(definition as grpc.ServiceDefinition, handlers);
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, credentials, (err, p) => (err ? reject(err) : resolve(p))));
  return {
    uri: `${credentials._isSecure() ? 'https' : 'http'}://127.0.0.1:${bound}`,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    on: (method, responder) => void responders.set(method, responder),
    close: () => new Promise<void>((resolve) => {
      for (const cb of hanging) cb({ code: grpc.status.UNAVAILABLE, details: 'sink closing' });
      server.tryShutdown(() => resolve());
    }),
  };
}

/**
 * A streaming method (the client calls none yet): each request message is recorded; a scripted message is
 * written back per request and a scripted failure ends the call with it. `'never'` counts as no answer
 * here: the stream ends once the request (server streaming) or the client's side (bidirectional) has.
 */
function streamHandler(method: string, shape: MethodDescriptor, record: (method: string, md: grpc.Metadata, request: Buffer) => RecordedCall,
  responders: Map<string, Responder>): grpc.UntypedHandleCall {
  const answerTo = (call: grpc.ServerWritableStream<Buffer, Uint8Array> | grpc.ServerDuplexStream<Buffer, Uint8Array>, request: Buffer): boolean => {
    const recorded = record(method, call.metadata, request);
    const answer = responders.get(method)?.(recorded.request, recorded);
    if (answer === undefined || answer === 'never') return true;
    if ('grpcCode' in answer) {
      call.emit('error', { code: answer.grpcCode, details: answer.details });
      return false;
    }
    call.write(answer);
    return true;
  };
  if (!shape.requestStream) {
    return (call: grpc.ServerWritableStream<Buffer, Uint8Array>) => {
      if (answerTo(call, call.request)) call.end();
    };
  }
  return (call: grpc.ServerDuplexStream<Buffer, Uint8Array>) => {
    let open = true;
    call.on('data', (request: Buffer) => { if (open) open = answerTo(call, request); });
    call.on('end', () => { if (open) call.end(); });
  };
}

/** Encodes a response message of the Milvus protos (full name without the leading dot). */
export function reply(typeName: string, payload: object): Uint8Array {
  return encodeMessage(typeName, payload);
}

/** A `DescribeCollectionResponse` for a schema given as wire `FieldSchema` objects. */
export function describeReply(name: string, fields: object[], options: { dynamic?: boolean; updateTimestamp?: string } = {}): Uint8Array {
  return reply('milvus.proto.milvus.DescribeCollectionResponse', {
    status: {},
    collection_name: name,
    schema: { name, fields, enable_dynamic_field: options.dynamic === true },
    update_timestamp: options.updateTimestamp ?? '0',
  });
}
