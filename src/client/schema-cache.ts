/**
 * Collection descriptions cached per database and collection, so an insert, get or search costs one
 * DescribeCollection per collection rather than one per call. Entries are refreshed on demand (a schema
 * mismatch) and dropped with the collection.
 */
import type { WireDescribeCollectionResponse } from '../proto/messages.js';
import type { CallOptions, Connection } from './connection.js';
import { formatDescription, type DescribeCollectionResponse } from './describe.js';
import { requireCollection } from './request-params.js';

/** A description and whether it was fetched by this very call (so a retry would not help). */
export interface CachedDescription {
  description: DescribeCollectionResponse;
  fresh: boolean;
}

/** The per-client cache. Concurrent lookups of one collection share a single RPC. */
export class SchemaCache {
  private readonly entries = new Map<string, Promise<DescribeCollectionResponse>>();

  constructor(private readonly conn: Connection) {}

  /** The cached description, fetching it when absent or when `refresh` is set. */
  async get(collection: string, options: CallOptions = {}, refresh = false): Promise<CachedDescription> {
    const key = this.key(collection, options);
    const cached = this.entries.get(key);
    if (cached && !refresh) return { description: await cached, fresh: false };
    return { description: await this.fetch(collection, options), fresh: true };
  }

  /** Describes the collection on the server and stores the answer. */
  async fetch(collection: string, options: CallOptions = {}): Promise<DescribeCollectionResponse> {
    requireCollection({ collection_name: collection }, 'describeCollection');
    const key = this.key(collection, options);
    const pending = this.conn
      .rpc<WireDescribeCollectionResponse>('DescribeCollection', { collection_name: collection }, options)
      .then((wire) => formatDescription(wire, this.conn.int64));
    this.entries.set(key, pending);
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    return pending;
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
    return `${(options.db_name ?? this.conn.dbName) || 'default'}\u0000${collection}`;
  }
}
