/**
 * Deterministic benchmark values, computed from (stream, index) alone so that `bench/suite/pymilvus_bench.py`
 * produces bit-identical rows with numpy (its `hash32` is this function, vectorised). Every value is
 * derived with exact IEEE operations (integer hashing, division by 2^32, ×2, −1), so both languages
 * agree to the last bit without sharing files.
 */

/** Value streams: one per field, so fields do not repeat each other's numbers. */
export const Stream = {
  vector: 1,
  title: 2,
  price: 3,
  meta: 4,
  binary: 5,
  sparseIndex: 6,
  sparseValue: 7,
  extra: 8,
} as const;

const TWO_POW_32 = 4294967296;

/** murmur3's 32-bit finaliser over `index` mixed with the stream: a uniform u32. */
export function hash32(stream: number, index: number): number {
  let x = (Math.imul(index, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Uniform in [0, 1). */
export function unit(stream: number, index: number): number {
  return hash32(stream, index) / TWO_POW_32;
}

/** Uniform in [-1, 1), exactly representable (a multiple of 2^-31). */
export function signedUnit(stream: number, index: number): number {
  return (hash32(stream, index) / TWO_POW_32) * 2 - 1;
}

/** `dim` values of row `row` of a dense vector stream, as a plain `number[]` (what most callers hold). */
export function denseRow(row: number, dim: number): number[] {
  const out = new Array<number>(dim);
  const base = row * dim;
  for (let j = 0; j < dim; j++) out[j] = signedUnit(Stream.vector, base + j);
  return out;
}

/** The same values for `rows` rows as one flat `Float32Array` (columnar input). */
export function denseFlat(rows: number, dim: number): Float32Array {
  const out = new Float32Array(rows * dim);
  for (let k = 0; k < out.length; k++) out[k] = signedUnit(Stream.vector, k);
  return out;
}

/** `bytes` bytes of a binary vector. */
export function binaryRow(row: number, bytes: number): number[] {
  const out = new Array<number>(bytes);
  for (let j = 0; j < bytes; j++) out[j] = hash32(Stream.binary, row * bytes + j) & 0xff;
  return out;
}

/** Sparse-vector layout: `SPARSE_NNZ` ascending indices, one per bucket of `SPARSE_BUCKET`. */
export const SPARSE_NNZ = 50;
export const SPARSE_BUCKET = 600;

/** A sparse row as `{ index: value }` with ascending indices and values in (0, 1]. */
export function sparseRow(row: number): Record<number, number> {
  const out: Record<number, number> = {};
  for (let k = 0; k < SPARSE_NNZ; k++) {
    const at = row * SPARSE_NNZ + k;
    out[k * SPARSE_BUCKET + (hash32(Stream.sparseIndex, at) % SPARSE_BUCKET)] = 1 - unit(Stream.sparseValue, at);
  }
  return out;
}

const hex8 = (v: number) => v.toString(16).padStart(8, '0');

/** A 39-character product title. */
export function title(row: number): string {
  const h = (k: number) => hex8(hash32(Stream.title, row * 3 + k));
  return `product-${String(row).padStart(6, '0')}-${h(0)}${h(1)}${h(2)}`;
}

/** A price in [0, 1000). */
export function price(row: number): number {
  return unit(Stream.price, row) * 1000;
}

/** A small JSON document (~65 bytes serialised). Integers and two-decimal numbers only, so every JSON writer prints it identically. */
export function meta(row: number): { category: string; score: number; tags: string[]; in_stock: boolean } {
  const h = hash32(Stream.meta, row);
  return { category: `c${h % 16}`, score: (h % 10000) / 100, tags: [`t${h % 7}`, `t${(h >>> 8) % 5}`], in_stock: (h & 1) === 1 };
}

const COLORS = ['red', 'green', 'blue', 'black'];

/** The two keys outside the schema that W7 rows carry (they go to the dynamic `$meta` field). */
export function extras(row: number): { color: string; rank: number } {
  const h = hash32(Stream.extra, row);
  return { color: COLORS[h % 4]!, rank: h % 1000 };
}
