/**
 * Collection descriptions cached per database and collection, so an insert, get or search costs one
 * DescribeCollection per collection rather than one per call. Entries are refreshed on demand (a schema
 * mismatch) and dropped with the collection.
 */
import type { CallOptions, Connection } from './connection.js';
import { formatDescription, type DescribeCollectionResponse } from './describe.js';
import { checkCollectionName, isSuccess } from './methods/common.js';
import { throwIfFailed } from './status.js';

/** A description and whether it was fetched by this very call (so a retry would not help). */
export interface CachedDescription {
  description: DescribeCollectionResponse;
  fresh: boolean;
}

/** The per-client cache. Concurrent lookups of one collection share a single RPC. */
export class SchemaCache {
  private readonly entries = new Map<string, Promise<DescribeCollectionResponse>>();

  constructor(private readonly conn: Connection) {}

  /** The cached description, fetching it when absent or when `refresh` is set. Throws `ServerError` when the server refuses. */
  async get(collection: string, options: CallOptions = {}, refresh = false): Promise<CachedDescription> {
    const key = this.key(collection, options);
    const cached = this.entries.get(key);
    if (cached && !refresh) return { description: await cached, fresh: false };
    const description = await this.describe(collection, options);
    throwIfFailed('DescribeCollection', description.status);
    return { description, fresh: true };
  }

  /**
   * Describes the collection on the server. A success is formatted, stored and returned; a refusal is
   * returned as the server's response (the SDK's `describeCollection` contract).
   */
  describe(collection: string, options: CallOptions = {}): Promise<DescribeCollectionResponse> {
    checkCollectionName({ collection_name: collection }, 'describeCollection');
    const key = this.key(collection, options);
    const pending = this.conn
      .call<Record<string, unknown>>('DescribeCollection', { collection_name: collection, db_name: options.db_name ?? '' }, options)
      .then((res) => (isSuccess(res.status as DescribeCollectionResponse['status']) ? formatDescription(res) : (res as unknown as DescribeCollectionResponse)));
    this.entries.set(key, pending);
    const forget = () => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    };
    pending.then((d) => { if (!isSuccess(d.status)) forget(); }, forget);
    return pending;
  }

  /** Whether a description of the collection is cached (or being fetched). */
  has(collection: string, options: CallOptions = {}): boolean {
    return this.entries.has(this.key(collection, options));
  }

  /** Forgets one collection (after drop or a schema change). */
  invalidate(collection: string, options: CallOptions = {}): void {
    this.entries.delete(this.key(collection, options));
  }

  /** Forgets every collection of a database (after the database is dropped). */
  invalidateDatabase(dbName: string): void {
    const prefix = `${dbName || 'default'}\u0000`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private key(collection: string, options: CallOptions): string {
    return `${(options.db_name || this.conn.dbName) || 'default'}\u0000${collection}`;
  }
}
