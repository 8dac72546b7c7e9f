/**
 * `MilvusClient`: the public entry point. It only composes: each method delegates to the module of its
 * concern (collections, mutations, queries, search, indexes, partitions, server).
 */
import { describeValue, InvalidInputError } from '../errors.js';
import { ingest, type IngestReq, type IngestResult } from '../ingest/ingest.js';
import { resolveIngestSettings, type IngestSettings } from '../ingest/settings.js';
import * as collections from './collections.js';
import { Connection, type CallOptions } from './connection.js';
import type { DescribeCollectionResponse } from './describe.js';
import * as indexes from './indexes.js';
import * as mutations from './mutations.js';
import { resolveEndpoint, type MilvusClientOptions } from './options.js';
import * as partitions from './partitions.js';
import * as queries from './queries.js';
import { SchemaCache } from './schema-cache.js';
import * as search from './search.js';
import * as server from './server.js';
import { SUCCESS, type ResStatus } from './status.js';

/**
 * A Milvus client with the official Node SDK's method names, parameters and result shapes, except that
 * every failure throws: `InvalidInputError` (bad input, nothing sent), `ServerError` (the server's status,
 * with Milvus' `serverCode` and `reason`) or `TransportError` (unreachable, timeout, cancelled).
 *
 * For a remote server the constructor does no I/O and the first call connects. For a local path it
 * starts the embedded Milvus Lite right away, as pymilvus does, so the start overlaps the caller's own
 * work; a failed start is reported by the first call. Int64 values (ids, Int64 fields, timestamps) come back as strings, or bigints with
 * `int64: 'bigint'`, never as lossy numbers. Every RPC has a deadline (`timeout`, default 30 s).
 *
 * @example
 * const client = new MilvusClient({ uri: './demo.db' });
 * await client.createCollection({ collection_name: 'docs', dimension: 5 });
 * await client.insert({ collection_name: 'docs', data: [{ id: 1, vector: [0.1, 0.2, 0.3, 0.4, 0.5] }] });
 * const { results } = await client.search({ collection_name: 'docs', data: [0.1, 0.2, 0.3, 0.4, 0.5], limit: 3 });
 * await client.close();
 */
export class MilvusClient {
  private readonly conn: Connection;
  private readonly schemas: SchemaCache;
  private readonly ingestSettings: IngestSettings;

  /** Throws `InvalidInputError` for unusable options; connects lazily. */
  constructor(options: MilvusClientOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidInputError(`MilvusClient needs an options object such as { uri: 'http://localhost:19530' }, got ${describeValue(options)}`);
    }
    // Checked first: a local uri starts an embedded server, which bad settings must not leave behind.
    this.ingestSettings = resolveIngestSettings(options, resolveEndpoint(options).kind === 'local');
    this.conn = new Connection(options);
    this.schemas = new SchemaCache(this.conn);
  }

  /** Creates a collection: quick setup with `dimension`, or a full schema in `fields` (indexed and loaded when `index_params` is given). */
  createCollection(req: collections.CreateCollectionSimpleReq | collections.CreateCollectionReq): Promise<ResStatus> {
    return collections.createCollection(this.conn, this.schemas, req);
  }

  /** Describes a collection (always asks the server, and refreshes the cached schema). */
  describeCollection(req: collections.CollectionNameReq): Promise<DescribeCollectionResponse> {
    return this.schemas.fetch(req?.collection_name, req);
  }

  /** Whether a collection exists: `{ value }`. */
  hasCollection(req: collections.CollectionNameReq): Promise<collections.BoolResponse> {
    return collections.hasCollection(this.conn, req);
  }

  /** Lists the collections of the current database. */
  listCollections(req: CallOptions = {}): Promise<collections.ShowCollectionsResponse> {
    return collections.listCollections(this.conn, req);
  }

  /** Drops a collection. */
  dropCollection(req: collections.CollectionNameReq): Promise<ResStatus> {
    return collections.dropCollection(this.conn, this.schemas, req);
  }

  /** Loads a collection and waits until it is loaded (bounded by the timeout). */
  loadCollection(req: collections.LoadCollectionReq): Promise<ResStatus> {
    return collections.loadCollection(this.conn, req);
  }

  /** Releases a collection from memory. */
  releaseCollection(req: collections.CollectionNameReq): Promise<ResStatus> {
    return collections.releaseCollection(this.conn, req);
  }

  /** The load state by name, e.g. `'LoadStateLoaded'`. */
  getLoadState(req: collections.CollectionNameReq & { partition_names?: string[] }): Promise<collections.GetLoadStateResponse> {
    return collections.getLoadState(this.conn, req);
  }

  /**
   * Inserts rows (`data`) or columns. Encoded by the WebAssembly encoder against the cached schema, in
   * requests of about `batch_bytes` (16 MiB by default, never above `max_message_bytes`), sent
   * `concurrency` at a time; `ids` and indices come back merged in input order. Every request is encoded
   * before the first is sent, so bad input anywhere (including one row too large for the server) throws
   * `InvalidInputError` with nothing sent. Rate-limited and never-sent requests are retried with backoff.
   * When some requests landed (or may have) and another failed, throws `IngestError`, whose `account`
   * says which rows landed. An empty row list sends nothing and returns `insert_count: 0`.
   */
  insert(req: mutations.InsertReq): Promise<mutations.InsertResult> {
    return mutations.insertRows(this.conn, this.schemas, this.ingestSettings, req);
  }

  /** Inserts rows or replaces the rows with the same primary keys. Split, retried and reported as `insert`. */
  upsert(req: mutations.UpsertReq): Promise<mutations.UpsertResult> {
    return mutations.upsertRows(this.conn, this.schemas, this.ingestSettings, req);
  }

  /**
   * Writes a stream of rows, or of `{ columns }` chunks, of any length: an array, an iterable, an async
   * iterable or an object-mode `Readable`. The source is read only as fast as batches are sent, so at
   * most `concurrency + 1` encoded batches exist at once. `onProgress` runs after every landed batch.
   * Rate-limited and never-sent batches are retried with backoff; a batch whose connection dropped after
   * it was sent is resent as an upsert when the rows carry their own primary keys, else reported in doubt.
   *
   * Throws `InvalidInputError` for unusable parameters before reading anything. After the first failure
   * it reads no further, lets the batches in flight finish, closes the source and throws `IngestError`,
   * whose `account` lists the source rows that landed, failed or are in doubt, and how many were read.
   */
  ingest(req: IngestReq): Promise<IngestResult> {
    return ingest(this.conn, this.schemas, this.ingestSettings, req);
  }

  /** Deletes rows by primary keys (`ids`) or by `filter`. */
  delete(req: mutations.DeleteReq): Promise<mutations.DeleteResult> {
    return mutations.deleteRows(this.conn, this.schemas, req);
  }

  /** Fetches rows by primary key. */
  get(req: queries.GetReq): Promise<queries.QueryResults> {
    return queries.runGet(this.conn, this.schemas, req);
  }

  /** Fetches the rows matching a filter. */
  query(req: queries.QueryReq): Promise<queries.QueryResults> {
    return queries.runQuery(this.conn, this.schemas, req);
  }

  /** Vector search with one query (flat `results`) or several (one hit list per query). */
  search(req: search.SearchReq): Promise<search.SearchResults> {
    return search.runSearch(this.conn, this.schemas, req);
  }

  /** Creates an index on a field. */
  createIndex(req: indexes.CreateIndexReq): Promise<ResStatus> {
    return indexes.createIndex(this.conn, req);
  }

  /** Describes a collection's indexes. */
  describeIndex(req: indexes.IndexReq): Promise<indexes.DescribeIndexResponse> {
    return indexes.describeIndex(this.conn, req);
  }

  /** Drops an index. */
  dropIndex(req: indexes.IndexReq): Promise<ResStatus> {
    return indexes.dropIndex(this.conn, req);
  }

  /** Creates a partition. */
  createPartition(req: partitions.PartitionReq): Promise<ResStatus> {
    return partitions.createPartition(this.conn, req);
  }

  /** Drops a partition. */
  dropPartition(req: partitions.PartitionReq): Promise<ResStatus> {
    return partitions.dropPartition(this.conn, req);
  }

  /** Whether a partition exists: `{ value }`. */
  hasPartition(req: partitions.PartitionReq): Promise<collections.BoolResponse> {
    return partitions.hasPartition(this.conn, req);
  }

  /** Lists a collection's partitions. */
  listPartitions(req: collections.CollectionNameReq): Promise<partitions.ShowPartitionsResponse> {
    return partitions.listPartitions(this.conn, req);
  }

  /** Seals and persists the collections' growing data. */
  flush(req: server.FlushReq): Promise<ResStatus> {
    return server.flush(this.conn, req);
  }

  /** Creates a database. */
  createDatabase(req: server.DatabaseReq): Promise<ResStatus> {
    return server.createDatabase(this.conn, req);
  }

  /** Lists the databases. */
  listDatabases(req: CallOptions = {}): Promise<server.ListDatabasesResponse> {
    return server.listDatabases(this.conn, req);
  }

  /** Drops a database. */
  dropDatabase(req: server.DatabaseReq): Promise<ResStatus> {
    return server.dropDatabase(this.conn, this.schemas, req);
  }

  /** Makes `db_name` the database of later calls (no RPC; `''` means the server's default). */
  async useDatabase(req: { db_name: string }): Promise<ResStatus> {
    if (typeof req?.db_name !== 'string') throw new InvalidInputError(`useDatabase: db_name must be a string, got ${describeValue(req?.db_name)}`);
    this.conn.dbName = req.db_name;
    return SUCCESS;
  }

  /** The server's version string. */
  getVersion(req: CallOptions = {}): Promise<server.GetVersionResponse> {
    return server.getVersion(this.conn, req);
  }

  /** Whether the server is healthy. */
  checkHealth(req: CallOptions = {}): Promise<server.CheckHealthResponse> {
    return server.checkHealth(this.conn, req);
  }

  /** Closes the connection and releases an embedded server. Later calls reject with `CANCELLED`. */
  close(): Promise<void> {
    return this.conn.close();
  }
}
