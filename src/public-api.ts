/**
 * The public API both package entries export: everything but the wiring to a platform (see `index.ts`
 * for Node, `browser.ts` for browsers). Nothing here may import a Node-only module.
 */
export { DataType, parseDataType } from './data-type.js';
export { MilvusError, InvalidInputError, ServerError, TransportError, IngestError, ErrorCode } from './errors.js';
export type { MilvusErrorDetails, IngestAccount, RowSpan, LandedSpan, FailedSpan } from './errors.js';
export type { CollectionSchema, FieldSchema, KeyValuePair } from './schema.js';
export { encodeInsertRequest, encodeUpsertRequest, countRows } from './codec/insert.js';
export { activeEngine, wasmEncoderMemoryBytes } from './codec/engine.js';
export type { Engine, EncodeOptions, InsertRequestInput, UpsertRequestInput, Row, Columns } from './codec/types.js';
export { MilvusClient } from './client/milvus-client.js';
export { DEFAULT_TIMEOUT_MS } from './client/options.js';
export type { MilvusClientOptions } from './client/options.js';
export type { CallOptions } from './client/connection.js';
export type { Int64, Int64Mode } from './client/int64.js';
export { SCHEMA_MISMATCH } from './client/status.js';
export type { ResStatus } from './client/status.js';
export type { DescribeCollectionResponse, DescribedField, DescribedSchema } from './client/describe.js';
export type {
  CreateCollectionReq, CreateCollectionSimpleReq, IndexParam, CollectionNameReq, BoolResponse, CollectionData,
  ShowCollectionsResponse, LoadCollectionReq, GetLoadStateResponse,
} from './client/collections.js';
export type { FieldType, QuickSetupSchema } from './client/schema-builder.js';
export type { InsertReq, UpsertReq, DeleteReq, InsertResult, UpsertResult, DeleteResult, MutationResultBase, IDs } from './client/mutations.js';
export type { QueryReq, GetReq, QueryResults, PrimaryKeys } from './client/queries.js';
export type { RowData } from './client/rows.js';
export { DEFAULT_TOPK } from './client/search.js';
export type { SearchReq, SearchHit, SearchResults } from './client/search.js';
export type { SearchData } from './client/search-vectors.js';
export type { CreateIndexReq, IndexReq, IndexDescription, DescribeIndexResponse } from './client/indexes.js';
export type { PartitionReq, PartitionData, ShowPartitionsResponse } from './client/partitions.js';
export type { DatabaseReq, ListDatabasesResponse, GetVersionResponse, CheckHealthResponse, FlushReq } from './client/server.js';
export type { ConsistencyLevel } from './client/request-params.js';
export type { Transport, UnaryCallOptions } from './transport/types.js';
export type { TlsOptions } from './transport/types.js';
export { DEFAULT_BATCH_BYTES, DEFAULT_BATCH_ROWS, DEFAULT_CONCURRENCY, DEFAULT_MAX_MESSAGE_BYTES } from './ingest/settings.js';
export type { IngestClientOptions, IngestCallOptions, RetryOptions } from './ingest/settings.js';
export type { IngestReq, IngestResult, IngestProgress } from './ingest/ingest.js';
export type { IngestSource, IngestItem, ColumnChunk } from './ingest/source.js';
