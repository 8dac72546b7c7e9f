/**
 * Hex helpers for byte-exact codec tests: expected bytes are written as annotated hex, and actual
 * bytes are printed the same way, so a failing comparison shows a readable byte diff.
 */

/**
 * Normalises annotated hex: pairs of hex digits separated by any whitespace; `#` starts a comment
 * that runs to the end of the line. Returns lower-case pairs joined by single spaces.
 * Throws on anything else, so a typo in an expected value cannot pass silently.
 */
export function hex(strings: TemplateStringsArray | string, ...values: unknown[]): string {
  const text = typeof strings === 'string' ? strings : String.raw({ raw: strings }, ...values);
  const pairs = text
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join(' ')
    .split(/\s+/)
    .filter((p) => p !== '');
  for (const p of pairs) {
    if (!/^[0-9a-fA-F]{2}$/.test(p)) throw new Error(`bad hex pair ${JSON.stringify(p)}`);
  }
  return pairs.join(' ').toLowerCase();
}

/** Bytes as lower-case hex pairs joined by single spaces (the form `hex` returns). */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Hex pairs of a string's UTF-8 bytes, for writing expected strings legibly. */
export function utf8Hex(text: string): string {
  return toHex(new TextEncoder().encode(text));
}
