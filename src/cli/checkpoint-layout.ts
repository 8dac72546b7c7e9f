/**
 * The checkpoint file's layout, checked field by field before a resumed run trusts any of it: a
 * checkpoint edited by hand, cut short or written by another version must be refused with what is wrong,
 * not skip rows or fail later with a TypeError.
 */

/** Bumped whenever the layout changes; version 1 had no hash of the file. */
export const CHECKPOINT_VERSION = 2;

/** What is wrong with a parsed checkpoint (`undefined` when nothing is). */
export function layoutProblem(value: unknown): string | undefined {
  if (!isObject(value)) return `expected a JSON object, got ${kind(value)}`;
  if (value.version === 1) return 'it was written by an earlier milvus-wasm, which kept no hash of the file';
  if (value.version !== CHECKPOINT_VERSION) return `expected "version": ${CHECKPOINT_VERSION}, got ${shown(value.version)}`;
  const file = value.file;
  if (!isObject(file)) return `expected "file" to be an object, got ${kind(file)}`;
  return (
    expect(file, 'path', 'file.path', isText, 'a string') ??
    expect(file, 'size', 'file.size', isCount, 'a whole number of bytes ≥ 0') ??
    expect(file, 'mtime_ms', 'file.mtime_ms', Number.isFinite, 'a number') ??
    expect(file, 'sha256', 'file.sha256', (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v), 'a SHA-256 in hex') ??
    expect(value, 'format', 'format', isText, 'a string') ??
    expect(value, 'collection', 'collection', isText, 'a string') ??
    expect(value, 'db', 'db', isText, 'a string') ??
    expect(value, 'pk_supplied', 'pk_supplied', (v) => typeof v === 'boolean', 'true or false') ??
    expect(value, 'landed_through', 'landed_through', isCount, 'a whole number of rows ≥ 0') ??
    expect(value, 'read_through', 'read_through', isCount, 'a whole number of rows ≥ 0') ??
    ranges(value, 'landed') ??
    ranges(value, 'in_doubt') ??
    ranges(value, 'failed') ??
    expect(value, 'updated_at', 'updated_at', isText, 'a string')
  );
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isText = (v: unknown): boolean => typeof v === 'string';
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function kind(v: unknown): string {
  return v === undefined ? 'nothing (the key is missing)' : v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

function shown(v: unknown): string {
  return v === undefined ? 'nothing (the key is missing)' : JSON.stringify(v);
}

function expect(holder: Obj, key: string, name: string, ok: (v: unknown) => boolean, what: string): string | undefined {
  return ok(holder[key]) ? undefined : `expected "${name}" to be ${what}, got ${shown(holder[key])}`;
}

/** A list of `{ from, to }` row ranges, each non-empty, rows ≥ 0. */
function ranges(holder: Obj, key: string): string | undefined {
  const list = holder[key];
  if (!Array.isArray(list)) return `expected "${key}" to be a list of row ranges, got ${kind(list)}`;
  for (let i = 0; i < list.length; i++) {
    const r: unknown = list[i];
    if (!isObject(r) || !isCount(r.from) || !isCount(r.to) || (r.to as number) <= (r.from as number)) {
      return `expected "${key}[${i}]" to be { "from": row, "to": a later row } with whole rows ≥ 0, got ${JSON.stringify(r)}`;
    }
  }
  return undefined;
}
