/**
 * The gRPC-Web wire format of a unary call (binary mode, `application/grpc-web+proto`): 5-byte frame
 * headers (flags, then a big-endian length), one data frame each way, and the status in a trailer frame
 * (flag 0x80) of HTTP/1-style header lines. Pure: no I/O.
 */

const HEADER_BYTES = 5;
const TRAILER_FLAG = 0x80;
const COMPRESSED_FLAG = 0x01;

/**
 * Frames a request message: one 5-byte header, then the message bytes. The message is copied once into
 * the body (fetch needs one buffer; its bytes are not re-encoded), so the caller may reuse it afterwards.
 */
export function frameMessage(message: Uint8Array): Uint8Array<ArrayBuffer> {
  const body = new Uint8Array(HEADER_BYTES + message.byteLength);
  new DataView(body.buffer).setUint32(1, message.byteLength);
  body.set(message, HEADER_BYTES);
  return body;
}

/** A response body taken apart: its one message (if any) and its trailers (lower-case names). */
export interface UnaryResponseFrames {
  message: Uint8Array | undefined;
  trailers: Map<string, string> | undefined;
}

/** Takes a unary response body apart. Throws `Error` with a description of what is malformed. */
export function parseResponseFrames(body: Uint8Array): UnaryResponseFrames {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let message: Uint8Array | undefined;
  let trailers: Map<string, string> | undefined;
  let offset = 0;
  while (offset < body.byteLength) {
    if (body.byteLength - offset < HEADER_BYTES) throw new Error(`a truncated frame header at byte ${offset} of ${body.byteLength}`);
    const flags = view.getUint8(offset);
    const length = view.getUint32(offset + 1);
    const start = offset + HEADER_BYTES;
    if (start + length > body.byteLength) throw new Error(`a frame of ${length} bytes at byte ${offset} with only ${body.byteLength - start} left`);
    const payload = body.subarray(start, start + length);
    if (flags & TRAILER_FLAG) trailers = parseTrailers(payload);
    else if (flags & COMPRESSED_FLAG) throw new Error('a compressed message, which this client never asks for');
    else if (message !== undefined) throw new Error('more than one message for a unary call');
    else message = payload;
    offset = start + length;
  }
  return { message, trailers };
}

/** Parses a trailer frame: `name: value` lines separated by CRLF. Names are lower-cased. */
function parseTrailers(payload: Uint8Array): Map<string, string> {
  const trailers = new Map<string, string>();
  for (const line of new TextDecoder().decode(payload).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return trailers;
}

/**
 * Decodes a `grpc-message` value: percent-encoded UTF-8 (the gRPC spec), decoded leniently as the spec asks:
 * a `%` not followed by two hex digits, and bytes that are not UTF-8, are kept rather than rejected.
 */
export function decodeGrpcMessage(raw: string): string {
  if (!raw.includes('%')) return raw;
  const bytes: number[] = [];
  const utf8 = new TextEncoder();
  for (let i = 0; i < raw.length; i++) {
    const hex = raw[i] === '%' ? raw.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      const codePoint = raw.codePointAt(i)!;
      const char = String.fromCodePoint(codePoint);
      bytes.push(...utf8.encode(char));
      i += char.length - 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/**
 * The `grpc-timeout` header for a deadline: at most 8 digits (the gRPC spec), rounded up so the proxy never
 * gives up before the client does.
 */
export function grpcTimeoutHeader(timeoutMs: number): string {
  const ms = Math.ceil(timeoutMs);
  if (ms < 1e8) return `${ms}m`;
  const seconds = Math.ceil(ms / 1000);
  return seconds < 1e8 ? `${seconds}S` : `${Math.min(Math.ceil(seconds / 3600), 99_999_999)}H`;
}
