/**
 * The public API both package entries export: everything but the wiring to a platform (see `index.ts`
 * for Node, `browser.ts` for browsers). Nothing here may import a Node-only module. The names follow the
 * official Node SDK (`@zilliz/milvus2-sdk-node`), so swapping its import for this package keeps code
 * compiling; milvus-wasm's own additions (the encoder, `ingest`, error classes) sit beside them.
 */
export { DataType, DataTypeMap, DataTypeStringEnum, VectorDataTypes, parseDataType, isVectorType } from './data-type.js';
export * from './constants.js';
export { ErrorCode, ERROR_REASONS } from './error-reasons.js';
export { MilvusError, InvalidInputError, ServerError, TransportError, IngestError, MilvusErrorCode } from './errors.js';
export type { MilvusErrorDetails, IngestAccount, RowSpan, LandedSpan, FailedSpan } from './errors.js';
export type { KeyValuePair, CollectionSchemaInput, FieldSchemaInput } from './schema.js';
export { encodeInsertRequest, encodeUpsertRequest, countRows } from './codec/insert.js';
export {
  f32ArrayToF32Bytes, f32ArrayToBinaryBytes, f32ArrayToF16Bytes, f16BytesToF32Array, f32ArrayToBf16Bytes, bf16BytesToF32Array,
  f32ArrayToInt8Bytes, int8VectorRowsToBytes, getSparseFloatVectorType, sparseToBytes, sparseRowsToBytes, bytesToSparseRow,
} from './codec/bytes.js';
export type { SparseFloatVector } from './codec/bytes.js';
export { activeEngine, wasmEncoderMemoryBytes } from './codec/engine.js';
export type { Engine, EncodeOptions, InsertRequestInput, UpsertRequestInput, Row, Columns } from './codec/types.js';
export { MilvusClient } from './client/milvus-client.js';
export type { ServerInfo } from './client/milvus-client.js';
export { MilvusClientSession } from './client/session.js';
export type { MilvusClientOptions, MilvusClientOptions as ClientConfig } from './client/options.js';
export { parseTimeToken } from './client/options.js';
export type { CallOptions } from './client/connection.js';
export type { Int64, Int64Input, Int64Mode } from './client/int64.js';
export { SCHEMA_MISMATCH } from './client/status.js';
export type * from './client/types.js';
export type * from './client/field-values.js';
export type { FieldSchema, CollectionSchema, DescribeCollectionResponse } from './client/describe.js';
export type { FieldType, FunctionObject, TypeParam, TypeParamKey } from './client/schema-builder.js';
export { convertToDataType, checkCollectionFields, validatePartitionNumbers } from './client/schema-builder.js';
export { formatKeyValueData, findKeyValue, sleep, toKeyValuePairs as parseToKeyValue } from './client/methods/common.js';
export type * from './client/methods/alias.js';
export type * from './client/methods/collection.js';
export type * from './client/methods/compaction.js';
export type * from './client/methods/database.js';
export type * from './client/methods/flush.js';
export type * from './client/methods/function.js';
export type * from './client/methods/index.js';
export type * from './client/methods/load.js';
export type * from './client/methods/partition.js';
export type * from './client/methods/server.js';
export type * from './client/methods/data.js';
export type * from './client/methods/query.js';
export type * from './client/methods/search.js';
export type * from './client/methods/iterator.js';
export type * from './client/methods/schema-change.js';
export type * from './client/methods/user.js';
export type * from './client/methods/privilege.js';
export type * from './client/methods/resource.js';
export type * from './client/methods/segment.js';
export type * from './client/methods/import.js';
export type * from './client/methods/snapshot.js';
export type * from './client/methods/external-data.js';
export { RestoreSnapshotState, RefreshExternalCollectionState } from './client/methods/snapshot.js';
export { RRFRanker, WeightedRanker, DEFAULT_TOPK, buildSearchParams } from './client/methods/search.js';
export { normalizeOrderByFields } from './client/methods/query.js';
export { formatExprValues } from './client/expr-values.js';
export type { Transport, UnaryCallOptions, TlsOptions } from './transport/types.js';
export { DEFAULT_BATCH_BYTES, DEFAULT_BATCH_ROWS, DEFAULT_CONCURRENCY, DEFAULT_MAX_MESSAGE_BYTES } from './ingest/settings.js';
export type { IngestClientOptions, IngestCallOptions, RetryOptions } from './ingest/settings.js';
export type { IngestReq, IngestResult, IngestProgress } from './ingest/ingest.js';
export type { IngestSource, IngestItem, ColumnChunk } from './ingest/source.js';
