/**
 * UTF-8 and base64 as protobufjs reads and writes them (@protobufjs/utf8, @protobufjs/base64), byte for
 * byte, including how they treat ill-formed input: a lone surrogate is written as its own three bytes,
 * ill-formed UTF-8 is read leniently, and base64 stops at padding.
 */

/** Node's `Buffer` where there is one (protobufjs uses it only if it has `utf8Write`, i.e. is Node's own). */
export const NodeBuffer: typeof Buffer | undefined = (() => {
  const candidate = (globalThis as { Buffer?: typeof Buffer }).Buffer;
  return candidate && (candidate.prototype as { utf8Write?: unknown }).utf8Write ? candidate : undefined;
})();

/** UTF-8 length of `text`, a lone surrogate counting 3 (as both protobufjs writers count it). */
export function utf8Length(text: string): number {
  let len = 0;
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if (c < 128) len += 1;
    else if (c < 2048) len += 2;
    else if ((c & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      ++i;
      len += 4;
    } else len += 3;
  }
  return len;
}

/** Writes `text` as UTF-8 at `pos` (a lone surrogate as its own three bytes); returns the byte count. */
export function utf8Write(text: string, buf: Uint8Array, pos: number): number {
  const start = pos;
  for (let i = 0; i < text.length; ++i) {
    let c1 = text.charCodeAt(i);
    let c2: number;
    if (c1 < 128) buf[pos++] = c1;
    else if (c1 < 2048) {
      buf[pos++] = (c1 >> 6) | 192;
      buf[pos++] = (c1 & 63) | 128;
    } else if ((c1 & 0xfc00) === 0xd800 && ((c2 = text.charCodeAt(i + 1)) & 0xfc00) === 0xdc00) {
      c1 = 0x10000 + ((c1 & 0x03ff) << 10) + (c2 & 0x03ff);
      ++i;
      buf[pos++] = (c1 >> 18) | 240;
      buf[pos++] = ((c1 >> 12) & 63) | 128;
      buf[pos++] = ((c1 >> 6) & 63) | 128;
      buf[pos++] = (c1 & 63) | 128;
    } else {
      buf[pos++] = (c1 >> 12) | 224;
      buf[pos++] = ((c1 >> 6) & 63) | 128;
      buf[pos++] = (c1 & 63) | 128;
    }
  }
  return pos - start;
}

/** Reads UTF-8 leniently, as protobufjs does for a non-Buffer input (Node's Buffers decode per WHATWG). */
export function utf8Read(buf: ArrayLike<number>, start: number, end: number): string {
  if (end - start < 1) return '';
  const parts: string[] = [];
  let chunk: number[] = [];
  while (start < end) {
    const t = buf[start++]!;
    if (t <= 0x7f) chunk.push(t);
    else if (t >= 0xc0 && t < 0xe0) {
      const c = ((t & 0x1f) << 6) | (buf[start++]! & 0x3f);
      chunk.push(c >= 0x80 ? c : 0xfffd);
    } else if (t >= 0xe0 && t < 0xf0) {
      const c = ((t & 0xf) << 12) | ((buf[start++]! & 0x3f) << 6) | (buf[start++]! & 0x3f);
      chunk.push(c >= 0x800 ? c : 0xfffd);
    } else if (t >= 0xf0) {
      const c = ((t & 7) << 18) | ((buf[start++]! & 0x3f) << 12) | ((buf[start++]! & 0x3f) << 6) | (buf[start++]! & 0x3f);
      if (c < 0x10000 || c > 0x10ffff) chunk.push(0xfffd);
      else chunk.push(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff));
    }
    if (chunk.length > 8191) {
      parts.push(String.fromCharCode(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCharCode(...chunk));
  return parts.join('');
}

const BASE64_VALUES: (number | undefined)[] = [];
for (let i = 0; i < 64; i++) BASE64_VALUES['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/**
 * Decodes base64 as protobufjs' `fromObject` does for a bytes field given as a string: the length is
 * guessed from the text (trailing `=`s), decoding stops at a `=` after two digits, and a character outside
 * the standard alphabet throws `Error('invalid encoding')`. Bytes the text does not fill stay 0 (protobufjs
 * leaves them as `Buffer.allocUnsafe` found them in Node, and 0 in browsers).
 */
export function base64Decode(text: string): Uint8Array {
  let n = text.length;
  let padding = 0;
  if (n) while (--n % 4 > 1 && text.charAt(n) === '=') ++padding;
  const length = text.length ? Math.ceil(text.length * 3) / 4 - padding : 0;
  const out = new Uint8Array(length);
  let offset = 0;
  let j = 0;
  let t = 0;
  for (let i = 0; i < text.length; ) {
    let c: number | undefined = text.charCodeAt(i++);
    if (c === 61 && j > 1) break;
    if ((c = BASE64_VALUES[c]) === undefined) throw Error('invalid encoding');
    if (j === 0) {
      t = c;
      j = 1;
    } else if (j === 1) {
      out[offset++] = (t << 2) | ((c & 48) >> 4);
      t = c;
      j = 2;
    } else if (j === 2) {
      out[offset++] = ((t & 15) << 4) | ((c & 60) >> 2);
      t = c;
      j = 3;
    } else {
      out[offset++] = ((t & 3) << 6) | c;
      j = 0;
    }
  }
  if (j === 1) throw Error('invalid encoding');
  return out;
}
