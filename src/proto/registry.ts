/**
 * The Milvus message, enum and RPC definitions, read on first use from the compact descriptor that
 * scripts/compact-proto.mjs generates at build time (protobufjs resolves the official descriptor there;
 * nothing here generates code). Lookups by full name, e.g. `milvus.proto.schema.CollectionSchema`.
 */
import { MilvusError, MilvusErrorCode } from '../errors.js';
import { COMPACT_DESCRIPTOR, type MilvusRpc } from './compact-descriptor.js';

/** The scalar kinds of the descriptor, plus enums and messages. */
export const enum Kind { Double, Float, Int32, Uint32, Int64, Uint64, Bool, String, Bytes, Enum, Message }

/** One field, resolved. `index` is its place in declaration order (protobufjs' `fieldsArray`). */
export interface FieldInfo {
  name: string;
  /** `.package.Message.field`, as protobufjs names it in its errors. */
  fullName: string;
  id: number;
  index: number;
  kind: Kind;
  message?: MessageInfo;
  enumType?: EnumInfo;
  repeated: boolean;
  /** The key kind of a map field (String or Int64). */
  mapKey?: Kind;
  /** Repeated numeric, bool and enum fields are written packed (proto3). */
  packed: boolean;
  /** The oneof this field belongs to (proto3 `optional` fields have a synthetic one, `_name`). */
  oneof?: string;
}

/** One message type. */
export interface MessageInfo {
  /** `.package.Name`, with the leading dot. */
  fullName: string;
  /** Declaration order (the order protobufjs converts in). */
  fields: FieldInfo[];
  /** Field number order (the order protobufjs writes and reads in). */
  byId: FieldInfo[];
  /** Fields by field number. */
  byNumber: (FieldInfo | undefined)[];
  /**
   * The fields a decoded object always has, in the order protobufjs' `toObject` creates them: repeated
   * fields, then maps, then the rest, each by field number; oneof members are not among them.
   */
  layout: FieldInfo[];
}

/** One enum: value by name and name by value (the last name given a value wins, as in protobufjs). */
export interface EnumInfo {
  fullName: string;
  values: Map<string, number>;
  names: Map<number, string>;
  /** The first declared value: the default. */
  first: number;
}

interface Registry {
  types: Map<string, MessageInfo | EnumInfo>;
  methods: Map<string, { request: MessageInfo; response: MessageInfo }>;
}

const SCALARS: Record<string, Kind> = { d: Kind.Double, f: Kind.Float, i: Kind.Int32, u: Kind.Uint32, l: Kind.Int64, L: Kind.Uint64, b: Kind.Bool, s: Kind.String, y: Kind.Bytes };
const PACKABLE = new Set([Kind.Double, Kind.Float, Kind.Int32, Kind.Uint32, Kind.Int64, Kind.Uint64, Kind.Bool, Kind.Enum]);

let registry: Registry | undefined;

function read(): Registry {
  const entries: (MessageInfo | EnumInfo)[] = [];
  const pending: [MessageInfo, string | undefined, string[]][] = [];
  /** Each RPC: its name, its request (a type, or a type index), and its response's index if not `<name>Response`. */
  const rpcs: [string, MessageInfo | string, string | undefined][] = [];
  let pkg = '';
  for (const line of COMPACT_DESCRIPTOR.split('\n')) {
    if (line[0] === '.') pkg = line;
    else if (line[0] === '!') entries.push(enumOf(pkg, line.slice(1).split(',')));
    else if (line[0] === '~') {
      const [name, request, response] = line.slice(1).split(' ') as [string, string, string?];
      rpcs.push([name, request, response]);
    } else {
      const [head, ...fields] = line.split(',');
      const [name, oneofs] = head!.split('|') as [string, string?];
      // `+<Method>[:<response>]`: the message is `<Method>Request`, the request of that RPC.
      const [method, response] = name[0] === '+' ? (name.slice(1).split(':') as [string, string?]) : [];
      const type: MessageInfo = { fullName: `${pkg}.${method ? `${method}Request` : name}`, fields: [], byId: [], byNumber: [], layout: [] };
      if (method) rpcs.push([method, type, response]);
      entries.push(type);
      pending.push([type, oneofs, fields]);
    }
  }
  const types = new Map<string, MessageInfo | EnumInfo>(entries.map((entry) => [entry.fullName.slice(1), entry]));
  for (const [type, oneofs, fields] of pending) fillFields(type, oneofs?.split(' ') ?? [], fields, entries);
  const methods = new Map<string, { request: MessageInfo; response: MessageInfo }>();
  for (const [name, request, response] of rpcs) {
    methods.set(name, {
      request: typeof request === 'string' ? (entries[parseInt(request, 36)] as MessageInfo) : request,
      response: (response ? entries[parseInt(response, 36)] : types.get(`milvus.proto.milvus.${name}Response`)) as MessageInfo,
    });
  }
  return { types, methods };
}

function enumOf(pkg: string, [name, ...values]: string[]): EnumInfo {
  const type: EnumInfo = { fullName: `${pkg}.${name}`, values: new Map(), names: new Map(), first: 0 };
  let next = 0;
  values.forEach((text, i) => {
    const [valueName, explicit] = text.split('=') as [string, string?];
    const value = explicit === undefined ? next : Number(explicit);
    if (i === 0) type.first = value;
    type.values.set(valueName, value);
    type.names.set(value, valueName);
    next = value + 1;
  });
  return type;
}

function fillFields(type: MessageInfo, oneofs: string[], specs: string[], entries: (MessageInfo | EnumInfo)[]): void {
  let next = 1;
  specs.forEach((text, index) => {
    const m = /^(\S+) ([*{]?)([a-zA-Z]?)(?:([a-zA-Z])|#([0-9a-z]+))(?:@(\d+))?(?:\|(\d+))?$/.exec(text)!;
    const [, name, shape, mapKey, scalar, ref, id, oneof] = m as unknown as (string | undefined)[];
    const target = ref === undefined ? undefined : entries[parseInt(ref, 36)]!;
    const kind = scalar ? SCALARS[scalar]! : 'fields' in target! ? Kind.Message : Kind.Enum;
    const field: FieldInfo = {
      name: name!,
      fullName: `${type.fullName}.${name}`,
      id: id ? Number(id) : next,
      index,
      kind,
      repeated: shape === '*',
      packed: shape === '*' && PACKABLE.has(kind),
      oneof: oneof === undefined ? undefined : oneofs[Number(oneof)],
    };
    if (shape === '{') field.mapKey = SCALARS[mapKey!];
    if (kind === Kind.Message) field.message = target as MessageInfo;
    if (kind === Kind.Enum) field.enumType = target as EnumInfo;
    next = field.id + 1;
    type.fields.push(field);
    type.byNumber[field.id] = field;
  });
  type.byId = [...type.fields].sort((a, b) => a.id - b.id);
  const always = type.byId.filter((f) => f.oneof === undefined);
  type.layout = [
    ...always.filter((f) => f.repeated),
    ...always.filter((f) => f.mapKey !== undefined),
    ...always.filter((f) => !f.repeated && f.mapKey === undefined),
  ];
}

function types(): Registry {
  return (registry ??= read());
}

/** A message type by full name (without the leading dot). Throws `Error` when there is none, as protobufjs does. */
export function messageInfo(fullName: string): MessageInfo {
  const type = types().types.get(fullName);
  if (!type || !('fields' in type)) throw Error(`no such type: ${fullName}`);
  return type;
}

/** An enum by full name (without the leading dot). Throws `Error` when there is none. */
export function enumInfo(fullName: string): EnumInfo {
  const type = types().types.get(fullName);
  if (!type || 'fields' in type) throw Error(`no such Enum '${fullName}'`);
  return type;
}

/** The request and response types of an RPC of MilvusService. Throws `MilvusError` (Internal) for an unknown one. */
export function methodInfo(name: string): { request: MessageInfo; response: MessageInfo } {
  const method = types().methods.get(name);
  if (!method) throw new MilvusError(MilvusErrorCode.Internal, `the Milvus descriptor has no method ${name}`, { rpc: name });
  return method;
}

/** The names of every RPC of MilvusService the descriptor defines (the ones the client calls), in its order. */
export function methodNames(): MilvusRpc[] {
  return [...types().methods.keys()] as MilvusRpc[];
}
