/**
 * Plain object to message, by protobufjs' `fromObject` rules (its generated converter, read field by field):
 * what each field type accepts and how it converts it, when a value counts as set, and which inputs throw
 * (a `TypeError` naming the field, as protobufjs words it). The result is what ./encode.ts writes.
 */
import { bitsOf } from './int64.js';
import { RECURSION_LIMIT } from './reader.js';
import { Kind, type FieldInfo, type MessageInfo } from './registry.js';
import { base64Decode } from './text.js';

/** A converted message: values by field index (declaration order); `undefined` is not set. */
export type Converted = unknown[];

/** A converted map field: the keys as given (in `Object.keys` order) and their converted values. */
export interface ConvertedMap {
  keys: string[];
  values: unknown[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object';
}

/**
 * Converts `object` into a message of `type`. A message type without fields accepts anything; otherwise
 * `object` must be an object, nested at most {@link RECURSION_LIMIT} deep.
 */
export function fromObject(type: MessageInfo, object: unknown, depth: number): Converted {
  const m: Converted = [];
  if (!type.fields.length) return m;
  if (!isObject(object)) throw TypeError(`${type.fullName}: object expected`);
  if (depth > RECURSION_LIMIT) throw Error('maximum nesting depth exceeded');
  for (const f of type.fields) {
    const v = object[f.name];
    if (f.mapKey !== undefined) {
      if (!v) continue;
      if (!isObject(v)) throw TypeError(`${f.fullName}: object expected`);
      const keys = Object.keys(v);
      m[f.index] = { keys, values: keys.map((k) => convert(f, v[k], depth, false)) } satisfies ConvertedMap;
    } else if (f.repeated) {
      if (!v) continue;
      if (!Array.isArray(v)) throw TypeError(`${f.fullName}: array expected`);
      // An unconverted element stays a hole: at the end it shortens the list, inside it fails to encode.
      const list: unknown[] = [];
      for (let i = 0; i < v.length; ++i) {
        const x = convert(f, v[i], depth, true);
        if (x !== undefined) list[i] = x;
      }
      m[f.index] = list;
    } else if (f.kind === Kind.Enum || v != null) {
      m[f.index] = convert(f, v, depth, false);
    }
  }
  return m;
}

/**
 * One value of field `f`. `undefined` means not set: a bytes value that is neither a string nor has a
 * length, or an enum value that is neither a number nor a name (a repeated enum takes the first value then).
 */
function convert(f: FieldInfo, v: unknown, depth: number, repeated: boolean): unknown {
  switch (f.kind) {
    case Kind.Double:
    case Kind.Float:
      return Number(v);
    case Kind.Uint32:
      return (v as number) >>> 0;
    case Kind.Int32:
      return (v as number) | 0;
    case Kind.Int64:
    case Kind.Uint64:
      return bitsOf(v, f.kind === Kind.Uint64);
    case Kind.Bool:
      return Boolean(v);
    case Kind.String:
      return String(v);
    case Kind.Bytes:
      if (typeof v === 'string') return base64Decode(v);
      return (v as { length: number }).length >= 0 ? v : undefined;
    case Kind.Enum: {
      if (typeof v === 'number') return v;
      const named = typeof v === 'string' ? f.enumType!.values.get(v) : undefined;
      return named ?? (repeated ? f.enumType!.first : undefined);
    }
    default:
      if (!isObject(v)) throw TypeError(`${f.fullName}: object expected`);
      return fromObject(f.message!, v, depth + 1);
  }
}
