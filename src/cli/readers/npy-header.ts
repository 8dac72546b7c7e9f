/**
 * The header of a NumPy `.npy` file (format versions 1, 2 and 3): magic, version, then a Python dict
 * literal with `descr`, `fortran_order` and `shape`. Pure; only what the CLI reads is accepted.
 */

/** The dtypes the CLI reads: little-endian float32/float64/int64, and single bytes. */
export type NpyDtype = '<f4' | '<f8' | '|u1' | '|i1' | '<i8';

/** A parsed header. */
export interface NpyHeader {
  dtype: NpyDtype;
  /** Bytes per element. */
  itemSize: number;
  shape: number[];
  /** Byte offset of the first element. */
  dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ITEM_SIZE: Record<NpyDtype, number> = { '<f4': 4, '<f8': 8, '|u1': 1, '|i1': 1, '<i8': 8 };
/** Equivalent spellings numpy may write for single-byte types. */
const ALIASES: Record<string, NpyDtype> = { '<u1': '|u1', '<i1': '|i1', '|b1': '|u1' };

/** Bytes needed to know the header length (magic, version, length field). */
export const NPY_PREAMBLE_BYTES = 12;

/** Total header length from the first {@link NPY_PREAMBLE_BYTES} bytes; throws `Error` if they are not an `.npy` preamble. */
export function npyHeaderLength(preamble: Uint8Array): number {
  if (preamble.length < 10 || MAGIC.some((b, i) => preamble[i] !== b)) throw new Error('not a NumPy .npy file (the magic \\x93NUMPY is missing)');
  const major = preamble[6]!;
  const view = new DataView(preamble.buffer, preamble.byteOffset, preamble.byteLength);
  if (major === 1) return 10 + view.getUint16(8, true);
  if (major === 2 || major === 3) {
    if (preamble.length < 12) throw new Error('truncated .npy header');
    return 12 + view.getUint32(8, true);
  }
  throw new Error(`unsupported .npy format version ${major}.${preamble[7]}`);
}

/** Parses the complete header (`npyHeaderLength` bytes). Throws `Error` naming what is unsupported. */
export function parseNpyHeader(bytes: Uint8Array): NpyHeader {
  const dataOffset = npyHeaderLength(bytes);
  if (bytes.length < dataOffset) throw new Error('truncated .npy header');
  const start = bytes[6] === 1 ? 10 : 12;
  const text = new TextDecoder().decode(bytes.subarray(start, dataOffset));
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]+)['"]/.exec(text)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw new Error(`malformed .npy header: ${JSON.stringify(text.trim())}`);
  const dtype = (ALIASES[descr] ?? descr) as NpyDtype;
  if (!(dtype in ITEM_SIZE)) {
    throw new Error(`unsupported dtype ${JSON.stringify(descr)}: expected little-endian float32 '<f4', float64 '<f8', uint8 '|u1', int8 '|i1' (vectors) or int64 '<i8' (ids)`);
  }
  if (fortran === 'True') throw new Error('Fortran-order arrays are not supported: save a C-order array (np.ascontiguousarray)');
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => {
    const n = Number(s.replace(/L$/, ''));
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`malformed .npy shape (${shapeText})`);
    return n;
  });
  return { dtype, itemSize: ITEM_SIZE[dtype], shape, dataOffset };
}
