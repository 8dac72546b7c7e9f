/**
 * Readiness probe for the embedded server: one unary gRPC call, `MilvusService/GetVersion`, spoken
 * over plain `node:http2` so that the launcher needs no gRPC library. The request message is empty;
 * the reply is `GetVersionResponse { Status status = 1; string version = 2; }`.
 */
import { connect } from 'node:http2';

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

/** Extracts field 2 (`version`) from one gRPC-framed GetVersionResponse. */
function readVersion(frame: Buffer): string {
  if (frame.length < 5) throw new Error(`GetVersion reply is ${frame.length} bytes, expected a 5-byte frame header`);
  const end = 5 + frame.readUInt32BE(1);
  let pos = 5;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; pos < end; shift += 7) {
      const byte = frame[pos++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new Error('GetVersion reply ends inside a varint');
  };
  while (pos < end) {
    const tag = varint();
    const wireType = tag & 7;
    if (wireType === 0) varint();
    else if (wireType === 2) {
      const length = varint();
      if (tag >>> 3 === 2) return frame.toString('utf8', pos, pos + length);
      pos += length;
    } else throw new Error(`GetVersion reply has unexpected wire type ${wireType}`);
  }
  return '';
}
