/**
 * `client.session(clusterId)`: the SDK's lightweight view of a client that routes its reads (search, query,
 * get and their iterators) to one cluster by adding `cluster_id` to each request. It shares the client's
 * connection; closing it only stops the session.
 */
import { InvalidInputError } from '../errors.js';
import type { HybridSearchReq, SearchResults, SearchSimpleReq } from './methods/search.js';
import type { MilvusClient } from './milvus-client.js';

type Read = 'searchIterator' | 'query' | 'queryIterator' | 'get';
type ReadArgs<K extends Read> = Parameters<MilvusClient[K]>[0];

/** A read-only view of a client pinned to one cluster (the SDK's `MilvusClientSession`). */
export class MilvusClientSession {
  private closed = false;

  constructor(private readonly parent: MilvusClient, private readonly clusterId: string) {}

  /** Ends the session (not the client): later calls throw. */
  close(): void {
    this.closed = true;
  }

  search<T extends SearchSimpleReq | HybridSearchReq>(params: T): Promise<SearchResults<T>> {
    return this.parent.search(this.pin(params));
  }

  hybridSearch<T extends HybridSearchReq>(params: T): Promise<SearchResults<T>> {
    return this.parent.hybridSearch(this.pin(params));
  }

  searchIterator(params: ReadArgs<'searchIterator'>): ReturnType<MilvusClient['searchIterator']> {
    return this.parent.searchIterator(this.pin(params));
  }

  query(params: ReadArgs<'query'>): ReturnType<MilvusClient['query']> {
    return this.parent.query(this.pin(params));
  }

  queryIterator(params: ReadArgs<'queryIterator'>): ReturnType<MilvusClient['queryIterator']> {
    return this.parent.queryIterator(this.pin(params));
  }

  get(params: ReadArgs<'get'>): ReturnType<MilvusClient['get']> {
    return this.parent.get(this.pin(params));
  }

  private pin<T extends object>(params: T): T {
    if (this.closed) throw new InvalidInputError('MilvusClient session is closed');
    return { ...params, cluster_id: this.clusterId };
  }
}
