/**
 * JSON text of JSON field values and of a row's dynamic keys. `JSON.stringify` changes some values
 * without a word: NaN and ±Infinity become `null`, functions and symbols vanish (or become `null` in an
 * array), Maps and Sets become `{}`. Those are refused here, naming the field, the row and where in the
 * value. `undefined` follows `JSON.stringify`, as it means "absent" everywhere else in a row: an object
 * key holding it is left out, an array element holding it becomes `null` (JSON has no undefined).
 * A BigInt is refused too (`JSON.stringify` throws on it): give a number or a string.
 */
import { InvalidInputError, describeValue } from '../../errors.js';
import { invalid } from './column.js';

/** Serialises a JSON field value; throws `InvalidInputError` for what JSON cannot hold as given. */
export function toJsonText(v: unknown, field: string, row: number): string {
  if (typeof v === 'string') {
    try {
      JSON.parse(v);
    } catch {
      throw invalid(field, row, 'JSON text (a string given for a JSON field is sent as JSON text, as pymilvus does)', v);
    }
    return v;
  }
  const text = strictStringify(v, (path, got) => refusal(field, '', row, path, got), (e) => stringifyFailed(field, row, e));
  if (text === undefined) throw invalid(field, row, 'a JSON-serialisable value', v);
  return text;
}

/**
 * Serialises a row's dynamic keys (an object of key to value, without prototype) as the `$meta`
 * document; an error names the dynamic key as its field.
 */
export function dynamicJsonText(keys: Record<string, unknown>, row: number): string {
  const text = strictStringify(
    keys,
    (path, got) => refusal(String(path[0]), ' (a dynamic field)', row, path.slice(1), got),
    (e) => stringifyFailed('$meta', row, e),
  );
  return text!;
}

type Path = readonly (string | number)[];

function refusal(field: string, what: string, row: number, path: Path, got: unknown): InvalidInputError {
  const at = path.length === 0 ? '' : ` at ${path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')}`;
  const becomes = typeof got === 'number' ? 'JSON.stringify would write null' : typeof got === 'bigint' ? 'give a number or a string' : typeof got === 'object' ? 'JSON.stringify would write {}' : 'JSON.stringify would drop it';
  return new InvalidInputError(`field "${field}"${what}, row ${row}: expected a JSON value, got ${describeValue(got)}${at} (${becomes})`, { field, row });
}

function stringifyFailed(field: string, row: number, e: unknown): InvalidInputError {
  return new InvalidInputError(`field "${field}", row ${row}: expected a JSON-serialisable value, but JSON.stringify failed: ${(e as Error).message}`, { field, row, cause: e });
}

/** Deeper than this the quick check gives up and the exact (slower) path decides. */
const MAX_QUICK_DEPTH = 64;

/**
 * `JSON.stringify(value)`, or `refuse(path, got)` thrown for the first value it would change, or
 * `failed(e)` for an error of its own (a cycle, a throwing `toJSON` or getter). Plain data is checked
 * by a quick walk and written by the native `JSON.stringify`; what the walk cannot vouch for (a
 * `toJSON`, great depth, a suspect value) is written with a replacer that sees exactly what is written.
 */
function strictStringify(value: unknown, refuse: (path: Path, got: unknown) => Error, failed: (e: unknown) => Error): string | undefined {
  let refused: Error | undefined;
  try {
    if (isPlainData(value, 0)) return JSON.stringify(value);
    return stringifyChecked(value, (path, got) => (refused = refuse(path, got)));
  } catch (e) {
    throw e === refused ? e : failed(e);
  }
}

/** True when `JSON.stringify` writes `v` faithfully: strings, finite numbers, booleans, null, plain containers. */
function isPlainData(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object': {
      if (v === null) return true;
      if (depth > MAX_QUICK_DEPTH || typeof (v as { toJSON?: unknown }).toJSON === 'function' || v instanceof Map || v instanceof Set) return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!isPlainData(v[i], depth + 1)) return false;
        return true;
      }
      const o = v as Record<string, unknown>;
      for (const k in o) if (Object.hasOwn(o, k) && !isPlainData(o[k], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

/** `JSON.stringify` with a replacer that throws `refuse(...)` for what it would change. */
function stringifyChecked(value: unknown, refuse: (path: Path, got: unknown) => Error): string | undefined {
  const paths = new Map<object, Path>();
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown): unknown {
    const parent = paths.get(this as object);
    const path: Path = parent === undefined ? [] : [...parent, Array.isArray(this) ? Number(key) : key];
    const bad = typeof v === 'number' ? !Number.isFinite(v) : typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint' || v instanceof Map || v instanceof Set;
    if (bad) throw refuse(path, v);
    if (typeof v === 'object' && v !== null) paths.set(v, path);
    return v;
  });
}
