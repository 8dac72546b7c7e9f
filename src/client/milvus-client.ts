/**
 * `MilvusClient`: the public entry point, a drop-in for the official Node SDK's class of the same name. The
 * class holds the connection state the SDK exposes (`config`, `connectStatus`, `tlsMode`, ...); its
 * operations live in `methods/`, one module per concern, and are installed on the prototype below, so a
 * reader finds each method next to its kin rather than in one long class.
 */
import { CONNECT_STATUS, TLS_MODE } from '../constants.js';
import { describeValue, InvalidInputError } from '../errors.js';
import { resolveIngestSettings } from '../ingest/settings.js';
import { IDENTIFIER_KEY } from '../transport/call-metadata.js';
import { VERSION } from '../version.js';
import { Connection } from './connection.js';
import { attachState, stateOf } from './state.js';
import { aliasMethods } from './methods/alias.js';
import { collectionMethods } from './methods/collection.js';
import { collectionCreateMethods } from './methods/collection-create.js';
import { compactionMethods } from './methods/compaction.js';
import { dataMethods } from './methods/data.js';
import { databaseMethods } from './methods/database.js';
import { externalDataMethods } from './methods/external-data.js';
import { flushMethods } from './methods/flush.js';
import { functionMethods } from './methods/function.js';
import { importMethods } from './methods/import.js';
import { indexMethods } from './methods/index.js';
import { iteratorMethods } from './methods/iterator.js';
import { loadMethods } from './methods/load.js';
import { partitionMethods } from './methods/partition.js';
import { privilegeMethods } from './methods/privilege.js';
import { queryMethods } from './methods/query.js';
import { resourceMethods } from './methods/resource.js';
import { schemaChangeMethods } from './methods/schema-change.js';
import { searchMethods } from './methods/search.js';
import { segmentMethods } from './methods/segment.js';
import { serverMethods } from './methods/server-info.js';
import { snapshotMethods } from './methods/snapshot.js';
import { userMethods } from './methods/user.js';
import { checkEngine, clientOptionsFrom, resolveEndpoint, tlsModeOf, type MilvusClientOptions } from './options.js';
import { SchemaCache } from './schema-cache.js';
import { MilvusClientSession } from './session.js';

/** What `Connect` told about the server (the SDK's `ServerInfo`). */
export interface ServerInfo {
  build_tags?: string;
  build_time?: string;
  git_commit?: string;
  go_version?: string;
  deploy_mode?: string;
  reserved?: Record<string, unknown>;
}

/**
 * A Milvus client with the official Node SDK's method names, parameters and result shapes: a call the
 * server refuses resolves with the server's status (`status.error_code`, `reason`, `code`), as in the SDK.
 * Writes are the exception: `insert`, `upsert`, `delete` and `ingest` reject with a `MilvusError` when
 * anything goes wrong, so a failed write never passes unnoticed. Bad input throws `InvalidInputError`
 * (nothing is sent) and a failure on the wire `TransportError`.
 *
 * Int64 values (ids, Int64 fields, timestamps) come back as exact strings, or bigints with
 * `int64: 'bigint'`, never as lossy numbers. No call has a deadline unless `timeout` is set (per client
 * or per call). A path ending in `.db`, such as `./demo.db`, starts an embedded Milvus Lite, as pymilvus does;
 * any other `uri` must be a remote form (see `MilvusClientOptions.uri`) or the constructor throws.
 *
 * @example
 * const client = new MilvusClient({ uri: './demo.db' });
 * await client.createCollection({ collection_name: 'docs', dimension: 5 });
 * await client.insert({ collection_name: 'docs', data: [{ id: 1, vector: [0.1, 0.2, 0.3, 0.4, 0.5] }] });
 * const { results } = await client.search({ collection_name: 'docs', data: [0.1, 0.2, 0.3, 0.4, 0.5], limit: 3 });
 * await client.closeConnection();
 */
export class MilvusClient {
  /** This package's version and the Milvus release it is tested against (the SDK's `sdkInfo`). */
  static get sdkInfo(): { version: string; recommendMilvus: string } {
    return { version: VERSION, recommendMilvus: 'v2.6' };
  }

  /** The options this client was made with (the SDK's `config`). */
  readonly config: MilvusClientOptions;
  /** This client's id: `config.id`, or a random UUID. */
  readonly clientId: string;
  /** How the channel is secured. */
  readonly tlsMode: TLS_MODE;
  /** Default deadline of a call in milliseconds; `undefined`: none. */
  readonly timeout: number | undefined;
  /**
   * The gRPC channel options in effect: the SDK's defaults with `config.channelOptions` over them and, in Node,
   * `interceptors`, the grpc-js interceptors every call runs through (metadata, request time, trace with
   * `trace: true`, the caller's own, retry), as the SDK exposes its own. Browsers have none (gRPC-Web).
   * Typed loosely, as the SDK's (grpc-js `ChannelOptions`), so code reading it compiles unchanged.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly channelOptions: Record<string, any>;
  /** `CONNECTING`, then `CONNECTED` once `Connect` answered (`UNIMPLEMENTED` for servers without it), `SHUTDOWN` after close. */
  connectStatus: CONNECT_STATUS = CONNECT_STATUS.NOT_CONNECTED;
  /** Settles when the `Connect` handshake is done; rejects when the server cannot be reached. */
  connectPromise: Promise<void>;
  /** The server's build information from `Connect`. */
  serverInfo: ServerInfo = {};

  /**
   * Takes the SDK's forms: an options object, or `(address, ssl?, username?, password?, channelOptions?)`.
   * Throws `InvalidInputError` for unusable options. A remote client sends `Connect` at once (unless
   * `__SKIP_CONNECT__`); a local path starts the embedded Milvus Lite first.
   */
  constructor(configOrAddress: MilvusClientOptions | string, ssl?: boolean, username?: string, password?: string, channelOptions?: Record<string, unknown>) {
    const config = clientOptionsFrom(configOrAddress, ssl, username, password, channelOptions);
    const endpoint = resolveEndpoint(config);
    // Checked first: a local uri starts an embedded server, which bad settings must not leave behind.
    const ingest = resolveIngestSettings(config, endpoint.kind === 'local');
    const engine = checkEngine(config.engine);
    const conn = new Connection(config);
    attachState(this, { conn, engine, schemas: new SchemaCache(conn), ingest });
    this.config = config;
    this.clientId = typeof config.id === 'string' && config.id !== '' ? config.id : randomId();
    this.tlsMode = tlsModeOf(config, endpoint.kind === 'remote' && endpoint.tls);
    this.timeout = conn.timeoutMs;
    this.channelOptions = conn.channelOptions;
    this.connectPromise = config.__SKIP_CONNECT__ === true ? Promise.resolve() : this.connect();
    // Reported to whoever awaits it (or by the first call); never an unhandled rejection.
    this.connectPromise.catch(() => undefined);
  }

  /** How many gRPC channels the client holds open: 1 while connected, 0 once closed (the SDK's pool, by size). */
  get channelPool(): { readonly size: number } {
    return { size: stateOf(this).conn.isClosed ? 0 : 1 };
  }

  /** Sends `Connect` (after an embedded server has started) and records the server's answer. */
  async connect(): Promise<void> {
    const { conn } = stateOf(this);
    this.connectStatus = CONNECT_STATUS.CONNECTING;
    const res = await conn.call<{ identifier?: string; server_info?: ServerInfo | null }>('Connect', {
      client_info: {
        sdk_type: 'nodejs',
        sdk_version: VERSION,
        local_time: new Date().toISOString(),
        user: this.config.username ?? this.config.user ?? '',
        reserved: { client: 'milvus-wasm', ...this.config.option },
      },
    }, { timeout: conn.timeoutMs });
    if (res.identifier) {
      conn.metadata.set(IDENTIFIER_KEY, String(res.identifier));
      this.serverInfo = res.server_info ?? {};
    }
    // A close while `Connect` was on the wire wins.
    if (!conn.isClosed) this.connectStatus = res.identifier ? CONNECT_STATUS.CONNECTED : CONNECT_STATUS.UNIMPLEMENTED;
  }

  /**
   * Waits for the connection, then runs `checker` when the server is too old for `Connect` (the SDK's
   * compatibility hook). Rejects when the server cannot be reached.
   */
  async checkCompatibility(data: { message?: string; checker?: () => unknown } = {}): Promise<unknown> {
    await this.connectPromise;
    if (this.connectStatus !== CONNECT_STATUS.UNIMPLEMENTED) return undefined;
    if (data.checker) return data.checker();
    throw new InvalidInputError(data.message ?? 'This version of sdk is incompatible with the server, please downgrade your sdk or upgrade your server.');
  }

  /** A view of this client that adds `cluster_id` to every search and query (see {@link MilvusClientSession}). */
  session(clusterId: string): MilvusClientSession {
    if (typeof clusterId !== 'string' || clusterId.length === 0) {
      throw new InvalidInputError(`clusterId must be a non-empty string, got ${describeValue(clusterId)}`);
    }
    return new MilvusClientSession(this, clusterId);
  }

  /** Closes the connection and releases an embedded server; resolves to `CONNECT_STATUS.SHUTDOWN`. Later calls reject with `CANCELLED`. */
  async closeConnection(): Promise<CONNECT_STATUS> {
    await stateOf(this).conn.close();
    this.connectStatus = CONNECT_STATUS.SHUTDOWN;
    return this.connectStatus;
  }

  /** Same as {@link closeConnection}. */
  async close(): Promise<void> {
    await this.closeConnection();
  }
}

/** Every operation, installed on the prototype; their types are merged into the class below. */
const METHODS = [
  aliasMethods, collectionCreateMethods, collectionMethods, compactionMethods, dataMethods, databaseMethods, externalDataMethods, flushMethods,
  functionMethods, importMethods, indexMethods, iteratorMethods, loadMethods, partitionMethods, privilegeMethods,
  queryMethods, resourceMethods, schemaChangeMethods, searchMethods, segmentMethods, serverMethods, snapshotMethods, userMethods,
] as const;
for (const group of METHODS) {
  for (const [name, fn] of Object.entries(group)) {
    Object.defineProperty(MilvusClient.prototype, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
}

type AliasMethods = typeof aliasMethods;
type CollectionMethods = typeof collectionMethods;
type CollectionCreateMethods = typeof collectionCreateMethods;
type CompactionMethods = typeof compactionMethods;
type DataMethods = typeof dataMethods;
type DatabaseMethods = typeof databaseMethods;
type ExternalDataMethods = typeof externalDataMethods;
type FlushMethods = typeof flushMethods;
type FunctionMethods = typeof functionMethods;
type ImportMethods = typeof importMethods;
type IndexMethods = typeof indexMethods;
type IteratorMethods = typeof iteratorMethods;
type LoadMethods = typeof loadMethods;
type PartitionMethods = typeof partitionMethods;
type PrivilegeMethods = typeof privilegeMethods;
type QueryMethods = typeof queryMethods;
type ResourceMethods = typeof resourceMethods;
type SchemaChangeMethods = typeof schemaChangeMethods;
type SearchMethods = typeof searchMethods;
type SegmentMethods = typeof segmentMethods;
type ServerMethods = typeof serverMethods;
type SnapshotMethods = typeof snapshotMethods;
type UserMethods = typeof userMethods;

// Declaration merging: the operations installed above, typed from their modules.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface MilvusClient extends AliasMethods, CollectionCreateMethods, CollectionMethods, CompactionMethods, DataMethods, DatabaseMethods,
  ExternalDataMethods, FlushMethods, FunctionMethods, ImportMethods, IndexMethods, IteratorMethods, LoadMethods,
  PartitionMethods, PrivilegeMethods, QueryMethods, ResourceMethods, SchemaChangeMethods, SearchMethods, SegmentMethods, ServerMethods,
  SnapshotMethods, UserMethods {}

function randomId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}
