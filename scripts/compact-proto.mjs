// Generates src/proto/compact-descriptor.ts: the part of the Milvus descriptor (src/proto/milvus-descriptor.json)
// the client uses, in the compact text form src/proto/registry.ts reads at run time. protobufjs resolves the
// descriptor here, at build time only, so everything protobufjs would decide when it resolves a type (field
// types, packed encoding, oneof membership, map key types) is decided once, by protobufjs itself, and written down.
// Run by `npm run build`; the output is generated, not committed.
//
// What the client uses: the RPCs of CLIENT_RPCS, the messages it encodes or decodes by name (NAMED_TYPES), and
// every message and enum reachable from those through their fields. Nothing else is written (the client ships
// in browsers, where every byte of the descriptor is downloaded); the generated `MilvusRpc` type lets the
// compiler refuse a call of any other RPC, and test/proto/descriptor-coverage.test.ts keeps both lists in step
// with src/ and with the differential suite.
//
// The form, one line per entry ('\n' between lines):
//   .<package>                          the package of the types that follow, e.g. `.milvus.proto.common`
//   !<Name>,<value>,<value>=<n>,...     an enum; each value is the previous one + 1 (the first 0) unless `=n`
//   <Name>[|<oneof> <oneof>],<field>,...  a message, <Name> relative to the package (`Outer.Inner` when nested)
//       <field> := <name> [`*` | `{`<key code>] (<scalar code> | `#`<type>) [`@`<id>] [`|`<oneof index>]
//       `*` repeated, `{` a map; <type> is the base-36 index of an enum or message line, counting both;
//       the id is the previous field's id + 1 (the first 1) unless `@`
//   +<Method>[:<response>][|...],...    the message `milvus.<Method>Request` (its line as above), which is the
//                                       request of an RPC of MilvusService; the response is `milvus.<Method>Response`
//                                       unless <response> (a type index, as above) is given
//   ~<Method> <request> [<response>]    an RPC of MilvusService whose request is named otherwise
// Scalar codes: d double, f float, i int32, u uint32, l int64, L uint64, b bool, s string, y bytes.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const protobuf = require('protobufjs');
const protobufVersion = require('protobufjs/package.json').version;
const descriptorPath = fileURLToPath(new URL('../src/proto/milvus-descriptor.json', import.meta.url));
const outPath = fileURLToPath(new URL('../src/proto/compact-descriptor.ts', import.meta.url));

const SERVICE = 'milvus.proto.milvus.MilvusService';
/** The RPCs of MilvusService the client calls. Add one here before calling it (the compiler insists). */
const CLIENT_RPCS = [
  'CreateCollection', 'DropCollection', 'LoadCollection', 'ReleaseCollection', 'DescribeCollection',
  'BatchDescribeCollection', 'GetCollectionStatistics', 'ShowCollections', 'AlterCollection',
  'AlterCollectionField', 'AddCollectionFunction', 'AlterCollectionFunction', 'DropCollectionFunction',
  'TruncateCollection', 'CreatePartition', 'DropPartition', 'HasPartition', 'LoadPartitions',
  'ReleasePartitions', 'GetPartitionStatistics', 'ShowPartitions', 'GetLoadingProgress', 'GetLoadState',
  'CreateAlias', 'DropAlias', 'AlterAlias', 'DescribeAlias', 'ListAliases', 'CreateIndex', 'AlterIndex',
  'DescribeIndex', 'GetIndexStatistics', 'GetIndexState', 'GetIndexBuildProgress', 'DropIndex', 'Insert',
  'Delete', 'Upsert', 'Search', 'HybridSearch', 'Flush', 'Query', 'FlushAll', 'AddCollectionField',
  'GetFlushState', 'GetFlushAllState', 'GetPersistentSegmentInfo', 'GetQuerySegmentInfo', 'GetReplicas',
  'GetMetrics', 'LoadBalance', 'GetCompactionState', 'ManualCompaction', 'GetCompactionStateWithPlans',
  'Import', 'GetImportState', 'ListImportTasks', 'CreateCredential', 'UpdateCredential', 'DeleteCredential',
  'ListCredUsers', 'CreateRole', 'AlterRole', 'DropRole', 'OperateUserRole', 'SelectRole', 'SelectUser',
  'OperatePrivilege', 'OperatePrivilegeV2', 'SelectGrant', 'GetVersion', 'CheckHealth', 'CreateResourceGroup',
  'DropResourceGroup', 'UpdateResourceGroups', 'TransferNode', 'TransferReplica', 'ListResourceGroups',
  'DescribeResourceGroup', 'RenameCollection', 'Connect', 'CreateDatabase', 'DropDatabase', 'ListDatabases',
  'AlterDatabase', 'DescribeDatabase', 'BackupRBAC', 'RestoreRBAC', 'CreatePrivilegeGroup',
  'DropPrivilegeGroup', 'ListPrivilegeGroups', 'OperatePrivilegeGroup', 'RunAnalyzer', 'AddFileResource',
  'RemoveFileResource', 'ListFileResources', 'UpdateReplicateConfiguration', 'GetReplicateConfiguration',
  'CreateSnapshot', 'DropSnapshot', 'ListSnapshots', 'DescribeSnapshot', 'RestoreSnapshot',
  'GetRestoreSnapshotState', 'ListRestoreSnapshotJobs', 'PinSnapshotData', 'UnpinSnapshotData',
  'AlterCollectionSchema', 'RefreshExternalCollection', 'GetRefreshExternalCollectionProgress',
  'ListRefreshExternalCollectionJobs',
];
/**
 * The types the client encodes or decodes by name rather than as an RPC's request or response: a search's
 * placeholder group and the schemas it writes into requests as bytes, the version probe of Milvus Lite's
 * readiness check, and the status codes it reads by name. (test/proto/reference.ts lists them too.)
 */
const NAMED_TYPES = [
  'milvus.proto.common.PlaceholderGroup', 'milvus.proto.schema.CollectionSchema', 'milvus.proto.schema.FieldSchema',
  'milvus.proto.milvus.GetVersionResponse', 'milvus.proto.common.ErrorCode',
];
const SCALAR_CODES = { double: 'd', float: 'f', int32: 'i', uint32: 'u', int64: 'l', uint64: 'L', bool: 'b', string: 's', bytes: 'y' };
/** What protobufjs packs in proto3 (`types.packed`), restricted to the scalar types above; enums pack too. */
const PACKABLE = new Set(['double', 'float', 'int32', 'uint32', 'int64', 'uint64', 'bool']);
/** The map key and value types the run-time codec implements (the descriptor uses no others). */
const MAP_KEYS = new Set(['string', 'int64']);

const root = protobuf.Root.fromJSON(JSON.parse(readFileSync(descriptorPath, 'utf8')));
root.resolveAll();

/** Stops the build when the descriptor uses something the run-time codec does not implement. */
function unsupported(what, where) {
  throw new Error(`${where}: ${what} is not supported by src/proto (extend the codec and this generator together)`);
}

const service = root.lookupService(SERVICE);
const methods = CLIENT_RPCS.map((name) => {
  const method = service.methods[name];
  if (!method) throw new Error(`CLIENT_RPCS: ${SERVICE} has no method ${name}`);
  if (method.requestStream || method.responseStream) unsupported('a streaming RPC', method.fullName);
  method.resolve();
  return method;
});

/** Every type the client uses: the roots, and what their fields reach. */
const used = new Set();
function use(type) {
  if (used.has(type)) return;
  used.add(type);
  if (!(type instanceof protobuf.Type)) return;
  for (const field of type.fieldsArray) {
    field.resolve();
    if (field.resolvedType) use(field.resolvedType);
  }
}
for (const method of methods) {
  use(method.resolvedRequestType);
  use(method.resolvedResponseType);
}
for (const name of NAMED_TYPES) use(root.lookup(name));

/** The used types in the descriptor's order (a package's types together, as the form needs). */
const entries = [];
(function collect(ns) {
  for (const child of ns.nestedArray) {
    if ((child instanceof protobuf.Type || child instanceof protobuf.Enum) && used.has(child)) entries.push(child);
    if (child instanceof protobuf.Namespace || child instanceof protobuf.Type) collect(child);
  }
})(root);
const index = new Map(entries.map((e, i) => [e, i]));

/** The package of a type: its full name up to the first enclosing message. */
function packageOf(type) {
  let ns = type.parent;
  while (ns instanceof protobuf.Type) ns = ns.parent;
  return ns.fullName.slice(1);
}

function enumLine(type) {
  const ids = Object.values(type.values);
  if (new Set(ids).size !== ids.length) unsupported('an enum alias', type.fullName);
  let next = 0;
  const values = Object.entries(type.values).map(([name, id]) => {
    const text = id === next ? name : `${name}=${id}`;
    next = id + 1;
    return text;
  });
  return [`!${relativeName(type)}`, ...values].join(',');
}

function fieldSpec(type, field) {
  const where = field.fullName;
  if (field.delimited) unsupported('a group', where);
  if (field.required) unsupported('a required field', where);
  if (field.options?.default !== undefined) unsupported('an explicit default', where);
  const scalar = field.resolvedType ? undefined : SCALAR_CODES[field.type];
  if (!field.resolvedType && !scalar) unsupported(`type ${field.type}`, where);
  let spec = '';
  if (field.map) {
    if (!MAP_KEYS.has(field.keyType)) unsupported(`map key type ${field.keyType}`, where);
    if (field.resolvedType instanceof protobuf.Enum || field.type === 'bytes') unsupported(`map value type ${field.type}`, where);
    spec += `{${SCALAR_CODES[field.keyType]}`;
  } else if (field.repeated) {
    spec += '*';
    // protobufjs packs a repeated field when it is `packed` (proto3's default) and its type packs at all.
    const packable = field.resolvedType instanceof protobuf.Enum || PACKABLE.has(field.type);
    if (packable && !field.packed) unsupported('an unpacked repeated scalar', where);
  }
  spec += scalar ?? `#${index.get(field.resolvedType).toString(36)}`;
  return spec;
}

/** The RPC whose request `type` is and whose line it carries (`+`), if any: the first with `<Method>Request`. */
const requestOf = new Map();
for (const method of methods) {
  const request = method.resolvedRequestType;
  if (request.fullName === `.milvus.proto.milvus.${method.name}Request` && !requestOf.has(request)) requestOf.set(request, method);
}

function messageLine(type) {
  const oneofs = type.oneofsArray;
  let next = 1;
  const fields = type.fieldsArray.map((field) => {
    field.resolve();
    let text = `${field.name} ${fieldSpec(type, field)}`;
    if (field.id !== next) text += `@${field.id}`;
    next = field.id + 1;
    if (field.partOf) text += `|${oneofs.indexOf(field.partOf)}`;
    return text;
  });
  const method = requestOf.get(type);
  const name = method ? `+${method.name}${responseRef(method)}` : relativeName(type);
  const head = name + (oneofs.length ? `|${oneofs.map((o) => o.name).join(' ')}` : '');
  return [head, ...fields].join(',');
}

/** `:<index>` of the response of `method`, or nothing when it is `milvus.<Method>Response`. */
function responseRef(method) {
  const response = method.resolvedResponseType;
  return response.fullName === `.milvus.proto.milvus.${method.name}Response` ? '' : `:${index.get(response).toString(36)}`;
}

function relativeName(type) {
  return type.fullName.slice(packageOf(type).length + 2);
}

const lines = [];
let currentPackage;
for (const entry of entries) {
  const pkg = packageOf(entry);
  if (pkg !== currentPackage) lines.push(`.${(currentPackage = pkg)}`);
  lines.push(entry instanceof protobuf.Enum ? enumLine(entry) : messageLine(entry));
}
for (const method of methods) {
  if (requestOf.get(method.resolvedRequestType) === method) continue;
  lines.push(`~${method.name} ${index.get(method.resolvedRequestType).toString(36)} ${responseRef(method).slice(1)}`.trimEnd());
}

const text = lines.join('\n');
const source = `// Generated by scripts/compact-proto.mjs from src/proto/milvus-descriptor.json with protobufjs ${protobufVersion}. Do not edit.

/** The part of the Milvus descriptor the client uses, in the compact form of scripts/compact-proto.mjs, read by ./registry.ts. */
export const COMPACT_DESCRIPTOR = ${JSON.stringify(text)};

/** The RPCs of MilvusService the descriptor above defines: the ones the client calls (CLIENT_RPCS in scripts/compact-proto.mjs). */
export type MilvusRpc =
${CLIENT_RPCS.map((name) => `  | '${name}'`).join('\n')};
`;
writeFileSync(outPath, source);
const messages = entries.filter((e) => e instanceof protobuf.Type).length;
console.log(`compacted ${messages} messages, ${entries.length - messages} enums and ${methods.length} methods (${(text.length / 1024).toFixed(1)} KiB) -> ${outPath}`);
