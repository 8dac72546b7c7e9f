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
export { encodeInsertRequest, encodeUpsertRequest, planWrite, type WritePlan, type WritePlanOptions } from './codec/insert.js';
export {
  f32ArrayToF32Bytes, f32ArrayToBinaryBytes, f32ArrayToF16Bytes, f16BytesToF32Array, f32ArrayToBf16Bytes, bf16BytesToF32Array,
  f32ArrayToInt8Bytes, int8VectorRowsToBytes, getSparseFloatVectorType, sparseToBytes, sparseRowsToBytes, bytesToSparseRow,
} from './codec/bytes.js';
export type { SparseFloatVector } from './codec/bytes.js';
export { activeEngine, loadJsEncoder, wasmEncoderMemoryBytes } from './codec/engine.js';
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
// The method modules' types, by name: `export type *` would make the bundled declarations export the
// modules' runtime internals (`aliasMethods`, `waitUntilLoaded`, ...) as values the package does not have.
export type {
  AlterAliasReq, CreateAliasReq, DescribeAliasReq, DescribeAliasResponse, DropAliasReq, ListAliasesReq,
  ListAliasesResponse
} from './client/methods/alias.js';
export type {
  AddCollectionFieldReq, AddCollectionFieldsReq, AlterCollectionFieldPropertiesReq, AlterCollectionReq,
  BatchDescribeCollectionReq, BatchDescribeCollectionResponse, BoolResponse,
  CollectionData, DescribeCollectionReq, DropCollectionPropertiesReq,
  DropCollectionReq, GetCollectionStatisticsReq, HasCollectionReq, RenameCollectionReq, ShowCollectionsReq,
  ShowCollectionsResponse, StatisticsResponse
} from './client/methods/collection.js';
export type {
  BaseCreateCollectionReq, CreateCollectionReq, CreateCollectionWithFieldsReq, CreateCollectionWithSchemaReq,
  CreateColReq, CreateIndexParamOfCollection,
} from './client/methods/collection-create.js';
export type {
  CompactionResponse, CompactReq, GetCompactionPlansReq, GetCompactionPlansResponse, GetCompactionStateReq,
  GetCompactionStateResponse
} from './client/methods/compaction.js';
export type {
  AlterDatabaseRequest, CreateDatabaseRequest, databaseReq, DescribeDatabaseRequest, DescribeDatabaseResponse,
  DropDatabasePropertiesRequest, DropDatabasesRequest, ListDatabasesRequest, ListDatabasesResponse
} from './client/methods/database.js';
export type {
  FlushAllReq, FlushAllResponse, FlushReq, FlushResult, GetFlushAllStateReq, GetFlushAllStateResponse,
  GetFlushStateReq, GetFlushStateResponse
} from './client/methods/flush.js';
export type {
  AddCollectionFunctionReq, AlterCollectionFunctionReq, DropCollectionFunctionReq
} from './client/methods/function.js';
export type {
  AlterIndexReq, CreateIndexesReq, CreateIndexParam, CreateIndexReq, CreateIndexRequest, CreateIndexSimpleReq,
  DescribeIndexReq, DescribeIndexResponse, DropIndexPropertiesReq, DropIndexReq, GetIndexBuildProgressReq,
  GetIndexBuildProgressResponse, GetIndexStateReq, GetIndexStateResponse, IndexDescription, ListIndexResponse
} from './client/methods/index.js';
export type {
  GetLoadingProgressReq, GetLoadingProgressResponse, GetLoadStateReq, GetLoadStateResponse, GetReplicaReq,
  LoadCollectionReq, RefreshLoadReq, ReleaseLoadCollectionReq, ReplicaInfo, ReplicasResponse, ShardReplica
} from './client/methods/load.js';
export type {
  CreatePartitionReq, DropPartitionReq, GetPartitionStatisticsReq, HasPartitionReq, LoadPartitionsReq,
  PartitionData, ReleasePartitionsReq, ShowPartitionsReq, ShowPartitionsResponse
} from './client/methods/partition.js';
export type {
  AnalyzerToken, CheckHealthResponse, GetVersionResponse, RunAnalyzerRequest, RunAnalyzerResponse
} from './client/methods/server-info.js';
export type {
  DeleteByFilterReq, DeleteByIdsReq, DeleteEntitiesReq, DeleteReq, DeleteResult, FieldPartialUpdateOp, IDs,
  InsertReq, InsertResult, MutationResult, UpsertReq, UpsertResult
} from './client/methods/data.js';
export type {
  CountReq, CountResult, GetReq, OrderByField, OrderByFields, PrimaryKeys, QueryReq, QueryResults, QueryRow
} from './client/methods/query.js';
export type {
  DetermineResultsType, EmbeddingListFieldName, FunctionScore, HighlightData, HighlightResult, HybridSearchReq,
  HybridSearchSingleReq, RerankerObj, SearchData, SearchIds, SearchParam, SearchReq, SearchResultData,
  SearchResults, SearchSimpleReq, SearchVector
} from './client/methods/search.js';
export type {
  QueryIteratorReq, SearchIteratorReq
} from './client/methods/iterator.js';
export type {
  AddFunctionFieldReq, AlterCollectionSchemaReq, AlterCollectionSchemaResponse, DropCollectionFieldReq,
  DropFunctionFieldReq
} from './client/methods/schema-change.js';
export type {
  AddUserToRoleReq, AlterRoleReq, CreateRoleReq, CreateUserReq, DeleteUserReq, DropRoleReq, HasRoleReq,
  HasRoleResponse, ListCredUsersResponse, listRoleReq, ListUsersReq, RemoveUserFromRoleReq, RoleEntity,
  roleNameReq, RoleResult, SelectRoleReq, SelectRoleResponse, SelectUserReq, SelectUserResponse, UpdateUserReq,
  User, usernameReq, UserResult
} from './client/methods/user.js';
export type {
  AddPrivilegesToGroupReq, BackupRBACRequest, BackupRBACResponse, BaseGrantReq, CreatePrivilegeGroupReq,
  DropPrivilegeGroupReq, GrantEntity, Grantor, GrantPrivilegeV2Request, ListGrantsReq,
  ListPrivilegeGroupsResponse, ObjectEntity, OperatePrivilegeGroupReq, OperatePrivilegeV2Request,
  OperateRolePrivilegeReq, PrivelegeGroup, PrivilegeEntity, PrivilegesTypes, RBACMeta, RBACUserInfo,
  RemovePrivilegesFromGroupReq, RestoreRBACRequest, RevokePrivilegeV2Request, SelectGrantReq,
  SelectGrantResponse
} from './client/methods/privilege.js';
export type {
  CreateResourceGroupReq, CrossClusterTopology, DescribeResourceGroupResponse, DescribeResourceGroupsReq,
  DropResourceGroupsReq, GetReplicateConfigurationReq, GetReplicateConfigurationResponse,
  ListResourceGroupsResponse, NodeInfo, ReplicateCluster, ReplicateConfiguration, ReplicateConnectionParam,
  ResourceGroup, ResourceGroupConfig, TransferNodeReq, TransferReplicaReq, UpdateReplicateConfigurationReq,
  UpdateRresourceGroupReq
} from './client/methods/resource.js';
export type {
  GePersistentSegmentInfoReq, GePersistentSegmentInfoResponse, GetMetricsRequest, GetMetricsResponse,
  GetQuerySegmentInfoReq, GetQuerySegmentInfoResponse, LoadBalanceReq, PersistentSegmentInfo, QuerySegmentInfo
} from './client/methods/segment.js';
export type {
  GetImportStateReq, GetImportStateResponse, ImportReq, ImportResponse, ListImportTasksReq,
  ListImportTasksResponse
} from './client/methods/import.js';
export type {
  CreateSnapshotReq, DescribeSnapshotReq, DescribeSnapshotResponse, DropSnapshotReq, GetRestoreSnapshotStateReq,
  GetRestoreSnapshotStateResponse, ListRestoreSnapshotJobsReq, ListRestoreSnapshotJobsResponse,
  ListSnapshotsReq, ListSnapshotsResponse, PinSnapshotDataReq, PinSnapshotDataResponse, RestoreSnapshotJobInfo,
  RestoreSnapshotReq, RestoreSnapshotResponse, UnpinSnapshotDataReq
} from './client/methods/snapshot.js';
export type {
  AddFileResourceReq, FileResourceInfo, GetRefreshExternalCollectionProgressReq,
  GetRefreshExternalCollectionProgressResponse, ListFileResourcesReq, ListFileResourcesResponse,
  ListRefreshExternalCollectionJobsReq, ListRefreshExternalCollectionJobsResponse,
  RefreshExternalCollectionJobInfo, RefreshExternalCollectionReq, RefreshExternalCollectionResponse,
  RemoveFileResourceReq
} from './client/methods/external-data.js';
export { RestoreSnapshotState, RefreshExternalCollectionState } from './client/methods/snapshot.js';
export { RRFRanker, WeightedRanker, DEFAULT_TOPK, buildSearchParams } from './client/methods/search.js';
export { normalizeOrderByFields } from './client/methods/query.js';
export { formatExprValues } from './client/expr-values.js';
export type { Transport, UnaryCallOptions, TlsOptions } from './transport/types.js';
export { DEFAULT_BATCH_BYTES, DEFAULT_BATCH_ROWS, DEFAULT_CONCURRENCY, DEFAULT_MAX_MESSAGE_BYTES } from './ingest/settings.js';
export type { IngestClientOptions, IngestCallOptions, RetryOptions } from './ingest/settings.js';
export type { IngestProgress } from './ingest/ingest.js';
export type { IngestReq, IngestResult } from './client/methods/data.js';
export type { IngestSource, IngestItem, ColumnChunk } from './ingest/source.js';
