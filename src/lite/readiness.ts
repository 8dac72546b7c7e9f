/**
 * Readiness probe for the embedded server: one unary gRPC call, `MilvusService/GetVersion`, spoken
 * over plain `node:http2` so that the launcher needs no gRPC library. The request message is empty;
 * the reply is decoded with the client's own Milvus message codecs.
 */
import { connect } from 'node:http2';
import { decodeMessage } from '../proto/index.js';

const GET_VERSION_PATH = '/milvus.proto.milvus.MilvusService/GetVersion';
/** A gRPC frame holding an empty message: no compression flag, length 0. */
const EMPTY_FRAME = Buffer.alloc(5);

/**
 * Calls GetVersion on `address` (`host:port`) and resolves with the version string the server reports
 * (e.g. `milvus_lite-3.2.2`). Rejects on connection failure, a non-OK gRPC status or `timeoutMs`.
 */
export function getVersion(address: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const session = connect(`http://${address}`);
    const fail = (error: Error) => {
      clearTimeout(timer);
      session.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`GetVersion timed out after ${timeoutMs} ms`)), timeoutMs);
    session.once('error', fail);
    const request = session.request({
      ':method': 'POST',
      ':path': GET_VERSION_PATH,
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    const chunks: Buffer[] = [];
    let grpcStatus: string | undefined;
    const readStatus = (headers: Record<string, unknown>) => {
      if (headers['grpc-status'] !== undefined) grpcStatus = String(headers['grpc-status']);
    };
    request.on('response', readStatus);
    request.on('trailers', readStatus);
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('error', fail);
    request.once('end', () => {
      clearTimeout(timer);
      session.close();
      if (grpcStatus !== '0') return reject(new Error(`GetVersion answered grpc-status ${grpcStatus ?? 'none'}`));
      try {
        resolve(readVersion(Buffer.concat(chunks)));
      } catch (e) {
        reject(e);
      }
    });
    request.end(EMPTY_FRAME);
  });
}

/** The `version` of one gRPC-framed GetVersionResponse. */
function readVersion(frame: Buffer): string {
  if (frame.length < 5) throw new Error(`GetVersion reply is ${frame.length} bytes, expected a 5-byte frame header`);
  const end = 5 + frame.readUInt32BE(1);
  if (end > frame.length) throw new Error(`GetVersion reply is cut short: ${frame.length} of ${end} bytes`);
  return decodeMessage<{ version: string }>('milvus.proto.milvus.GetVersionResponse', frame.subarray(5, end)).version;
}
