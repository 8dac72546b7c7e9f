/**
 * The value tags of test/oracle/corpus.json (documented in test/oracle/pymilvus_insert.py), as
 * JavaScript values. No Node imports: the browser tests bundle it too.
 */

/** Replaces the corpus tags (`$bytes`, `$f16`, `$bf16`, `$int8`, `$int8list`, `$f32`, `$sparse`, `$int`, `$intstr`, `$datetime`) by JS values. */
export function untag(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untag);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [tag, inner] = entries[0]!;
    switch (tag) {
      case '$bytes': return Uint8Array.from(atob(inner as string), (ch) => ch.charCodeAt(0));
      case '$f16':
      case '$bf16':
      case '$int8list': return inner as number[];
      case '$int8': return Int8Array.from(inner as number[]);
      case '$f32': return Float32Array.from(inner as number[]);
      case '$sparse': return Array.isArray(inner) ? new Map(inner as [number, number][]) : { ...(inner as Record<string, number>) };
      case '$int': return BigInt(inner as string);
      case '$intstr': return inner as string;
      case '$datetime': return new Date(inner as string);
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, untag(v)]));
}
