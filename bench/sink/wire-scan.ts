/**
 * Reads single top-level fields of a protobuf message without decoding it: every other field is
 * skipped by its length, so a 30 MB `fields_data` costs nothing. Used by the sink (to find
 * `num_rows`) and by the loopback floor (to check `insert_cnt` without decoding the reply).
 */

/** The top-level fields of `buf` in wire order: varint values as numbers, length-delimited ones as byte ranges. */
export function* topLevelFields(buf: Uint8Array): Generator<{ field: number; varint?: number; start?: number; end?: number }> {
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (pos >= buf.length) throw new Error('truncated varint');
      const b = buf[pos++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
  };
  while (pos < buf.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    switch (tag & 7) {
      case 0:
        yield { field, varint: varint() };
        break;
      case 1:
        pos += 8;
        break;
      case 2: {
        const len = varint();
        const start = pos;
        pos += len;
        if (pos > buf.length) throw new Error(`field ${field} runs past the end of the message`);
        yield { field, start, end: pos };
        break;
      }
      case 5:
        pos += 4;
        break;
      default:
        throw new Error(`unexpected wire type ${tag & 7} at byte ${pos}`);
    }
  }
}

/** The varint value of top-level field `wanted` (the last occurrence), or 0 when absent. */
export function varintField(buf: Uint8Array, wanted: number): number {
  let value = 0;
  for (const f of topLevelFields(buf)) if (f.field === wanted && f.varint !== undefined) value = f.varint;
  return value;
}

/** The string in top-level field `wanted`, or `''` when absent. */
export function stringField(buf: Uint8Array, wanted: number): string {
  for (const f of topLevelFields(buf)) {
    if (f.field === wanted && f.start !== undefined) return new TextDecoder().decode(buf.subarray(f.start, f.end));
  }
  return '';
}
