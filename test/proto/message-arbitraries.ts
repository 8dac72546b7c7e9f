/**
 * fast-check generators of plain objects for any message type of the descriptor, read from protobufjs'
 * reflection (not from src/proto): every field may be absent, null, a well-formed value in each form
 * callers use (enum names and numbers; int64 as number, decimal text, bigint or Long; bytes as
 * Uint8Array, Buffer, byte array or base64), an edge value, or a value of the wrong kind; repeated fields,
 * maps and oneofs (several members at once too), nested messages to a bounded depth, and unknown keys.
 * Well-formed objects (all protobufjs encodes) and wild ones (where it also throws) come from two instances.
 */
import fc from 'fast-check';
import Long from 'long';
import protobuf from 'protobufjs';

type Arb = fc.Arbitrary<unknown>;

const NAN_WITH_PAYLOAD = new Float64Array(new BigUint64Array([0x7ff8_0000_dead_beefn]).buffer)[0]!;

/** Values no field type expects, most of which protobufjs still converts somehow. */
const odd: Arb = fc.constantFrom<unknown>(true, false, 0, -0, 1, -1, 1.5, NaN, Infinity, '', 'x', '12', [], [1, 2], {}, { a: 1 }, null, undefined);

const int32s: Arb = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(2 ** 31, 2 ** 32, -(2 ** 32) - 5, 2 ** 40 + 3, 1e21, -1e21));
const doubles: Arb = fc.oneof(fc.double(), fc.double({ min: -1e6, max: 1e6 }), fc.constantFrom(NAN_WITH_PAYLOAD, 3.4e38, 3.5e38, 1e-46, -0));

const int64Text = (wild: boolean): Arb => fc.oneof(
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.constantFrom('--5', '+5', ' 12', '12ab', '0x10', '1e5', '007', '-0', 'NaN', 'Infinity', '-Infinity', '+Infinity', '18446744073709551615', '18446744073709551616', '-9223372036854775809', 'abcdefghijkl', '123456789012345678901234567890'),
  // '' and an interior '-' make long.js throw.
  ...(wild ? [fc.constantFrom('', '-', '1-2'), fc.string({ maxLength: 24 })] : []),
);
const int64s = (wild: boolean): Arb => fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.maxSafeInteger(),
  doubles,
  int64Text(wild),
  fc.record({ low: fc.integer(), high: fc.integer(), unsigned: fc.boolean() }).map(({ low, high, unsigned }) => Long.fromBits(low, high, unsigned)),
  fc.record({ low: fc.oneof(fc.integer(), odd), high: fc.oneof(fc.integer(), odd) }, { requiredKeys: [] }),
  ...(wild ? [odd] : []),
);

const lone = fc.constantFrom('\ud800', '\udfff', 'a\udc00b', '\ud83d', '\ud83d\ude00', 'é', '✓', '\u0000');
const strings: Arb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), lone), { maxLength: 8 }).map((parts) => parts.join('')),
  // 40+ UTF-16 units: protobufjs writes these with Node's Buffer, which replaces lone surrogates.
  fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), lone), { minLength: 4, maxLength: 12 }).map((parts) => parts.join('').padEnd(40, 'z')),
  odd,
);

const base64 = fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b).toString('base64'));
const bytes = (wild: boolean): Arb => fc.oneof(
  fc.uint8Array({ maxLength: 12 }),
  fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b)),
  fc.array(fc.oneof(fc.integer({ min: -300, max: 300 }), odd), { maxLength: 6 }),
  base64,
  base64.map((s) => s.replace(/=+$/, '')),
  fc.record({ length: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom(Infinity, '2', true)) }),
  // Text outside base64's alphabet, or cut off: protobufjs throws or decodes a prefix. (No `=` inside the
  // text: there protobufjs stops early and leaves the rest of a Buffer.allocUnsafe, which differs run to run.)
  // Values without a length are not set, or fail to encode in a list.
  ...(wild ? [fc.string({ unit: fc.constantFrom(...'AQZaz09+/-_ .'), maxLength: 10 }), fc.record({ length: fc.constantFrom(-1, NaN, 'x') }), odd] : []),
);

function enumValues(type: protobuf.Enum): Arb {
  const names = Object.keys(type.values);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...names) },
    { weight: 2, arbitrary: fc.constantFrom(...Object.values(type.values)) },
    fc.integer({ min: -5, max: 1000 }),
    fc.constantFrom<unknown>('NoSuchName', '0', 'toString', '__proto__', 1.5, NaN, -0, 2 ** 33),
    odd,
  );
}

function scalar(type: string, wild: boolean): Arb {
  switch (type) {
    case 'int64':
    case 'uint64':
      return int64s(wild);
    case 'int32':
    case 'uint32':
      return fc.oneof(int32s, doubles, odd);
    case 'double':
    case 'float':
      return fc.oneof(doubles, fc.float(), odd);
    case 'bool':
      return fc.oneof(fc.boolean(), odd);
    case 'string':
      return strings;
    case 'bytes':
      return bytes(wild);
    default:
      throw new Error(`no generator for ${type}`);
  }
}

const mapKeys = (wild: boolean) => fc.oneof(
  fc.string({ minLength: 1, maxLength: 6 }).filter((k) => wild || !k.slice(1).includes('-') && k !== '-'),
  fc.constantFrom('1', '01', '-1', '__proto__', 'constructor', 'toString', '9007199254740993', '99999999999999999999', 'x'),
  ...(wild ? [fc.constant('')] : []),
);

/** Generators of objects for protobufjs types, nested at most `maxDepth` messages deep. */
export class MessageArbitraries {
  private readonly memo = new Map<string, Arb>();

  /** `wild`: also values protobufjs refuses (wrong kinds where it checks, text long.js cannot read). */
  constructor(
    private readonly maxDepth: number,
    private readonly wild: boolean,
  ) {}

  /** Objects for `type` at `depth` (deeper messages become absent or odd values). */
  of(type: protobuf.Type, depth = 0): Arb {
    const key = `${type.fullName}@${depth}`;
    let arb = this.memo.get(key);
    if (!arb) {
      arb = fc.constant(null).chain(() => this.build(type, depth));
      this.memo.set(key, arb);
    }
    return arb;
  }

  private build(type: protobuf.Type, depth: number): Arb {
    const fields: Record<string, Arb> = {};
    for (const field of type.fieldsArray) fields[field.name] = this.field(field.resolve(), depth);
    const unknown = fc.dictionary(fc.constantFrom('unknown_key', 'x', 'Status', '_extra'), odd, { maxKeys: 2 });
    return fc.tuple(fc.record(fields, { requiredKeys: [] }), unknown).map(([known, extra]) => ({ ...extra, ...known }));
  }

  private field(field: protobuf.Field, depth: number): Arb {
    const value = this.value(field, depth);
    if (field instanceof protobuf.MapField) {
      const entries = fc.array(fc.tuple(mapKeys(this.wild), value), { maxLength: 3 }).map((pairs) => Object.fromEntries(pairs));
      return fc.oneof({ weight: 4, arbitrary: entries }, fc.constantFrom<unknown>(null, 0, '', [], [1]), ...(this.wild ? [fc.constantFrom<unknown>('x', 1)] : []));
    }
    if (field.repeated) {
      const list = fc.array(value, { maxLength: 3 });
      const sparse = fc.array(value, { minLength: 1, maxLength: 2 }).map((a) => {
        const out: unknown[] = [];
        out[a.length] = a[0];
        return out;
      });
      const other = fc.constantFrom<unknown>(null, undefined, 0, '', false, ...(this.wild ? ['x', 1, {}] : []));
      return fc.oneof({ weight: 6, arbitrary: list }, ...(this.wild ? [sparse] : []), other);
    }
    return fc.oneof({ weight: 6, arbitrary: value }, fc.constantFrom<unknown>(null, undefined));
  }

  private value(field: protobuf.Field, depth: number): Arb {
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Enum) return enumValues(resolved);
    if (resolved instanceof protobuf.Type) {
      if (depth >= this.maxDepth) return fc.constantFrom<unknown>({}, [], ...(this.wild ? ['x', 0] : []));
      return fc.oneof({ weight: 8, arbitrary: this.of(resolved, depth + 1) }, fc.constantFrom<unknown>([], {}, ...(this.wild ? ['x', 1, true] : [])));
    }
    return scalar(field.type, this.wild);
  }
}
