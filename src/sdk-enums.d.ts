/**
 * The official Node SDK's enums (`@zilliz/milvus2-sdk-node` 3.x), under its names and with its values, as
 * TypeScript declares them: the same `enum` types the SDK has, so code written against it compiles the same.
 * Their objects are built by ./sdk-enums.js (see there why they are not TypeScript `enum`s), which
 * test/sdk-enums.test.ts holds to these declarations, key for key. Re-exported by ./constants.ts.
 */

/** `milvus.proto.common.IndexState`. */
export declare enum IndexState {
  IndexStateNone = 0,
  Unissued = 1,
  InProgress = 2,
  Finished = 3,
  Failed = 4,
}

/** `milvus.proto.common.DslType`. */
export declare enum DslType {
  Dsl = 0,
  BoolExprV1 = 1,
}

/** `milvus.proto.common.ConsistencyLevel`. */
export declare enum ConsistencyLevelEnum {
  Strong = 0,
  Session = 1,
  Bounded = 2,
  Eventually = 3,
  /** Callers pass their own `guarantee_timestamp`. Deprecated by Milvus. */
  Customized = 4,
}

/** Segment states as the SDK names them (numeric for the first four, by name for the rest). */
export declare enum SegmentState {
  SegmentStateNone = 0,
  NotExist = 1,
  Growing = 2,
  Sealed = 3,
  Flushed = 'Flushed',
  Flushing = 'Flushing',
  Dropped = 'Dropped',
  Importing = 'Importing',
}

/** `milvus.proto.common.SegmentLevel`. */
export declare enum SegmentLevel {
  Legacy = 0,
  L0 = 1,
  L1 = 2,
  L2 = 3,
}

/** `milvus.proto.common.CompactionState` (the SDK's spelling of `UndefiedState` kept). */
export declare enum CompactionState {
  UndefiedState = 0,
  Executing = 1,
  Completed = 2,
}

/** Bulk-import task states, by name. */
export declare enum ImportState {
  ImportPending = 'ImportPending',
  ImportFailed = 'ImportFailed',
  ImportStarted = 'ImportStarted',
  ImportPersisted = 'ImportPersisted',
  ImportCompleted = 'ImportCompleted',
  ImportFailedAndCleaned = 'ImportFailedAndCleaned',
}

/** `milvus.proto.common.ObjectType` (RBAC). */
export declare enum ObjectType {
  Collection = 0,
  Global = 1,
  User = 2,
}

/** `milvus.proto.common.ObjectPrivilege` (RBAC, legacy numbering). */
export declare enum ObjectPrivilege {
  PrivilegeAll = 0,
  PrivilegeCreateCollection = 1,
  PrivilegeDropCollection = 2,
  PrivilegeDescribeCollection = 3,
  PrivilegeShowCollections = 4,
  PrivilegeLoad = 5,
  PrivilegeRelease = 6,
  PrivilegeCompaction = 7,
  PrivilegeInsert = 8,
  PrivilegeDelete = 9,
  PrivilegeGetStatistics = 10,
  PrivilegeCreateIndex = 11,
  PrivilegeIndexDetail = 12,
  PrivilegeDropIndex = 13,
  PrivilegeSearch = 14,
  PrivilegeFlush = 15,
  PrivilegeQuery = 16,
  PrivilegeLoadBalance = 17,
  PrivilegeImport = 18,
  PrivilegeCreateOwnership = 19,
  PrivilegeUpdateUser = 20,
  PrivilegeDropOwnership = 21,
  PrivilegeSelectOwnership = 22,
  PrivilegeManageOwnership = 23,
  PrivilegeSelectUser = 24,
}

/** `milvus.proto.common.StateCode` (component health). */
export declare enum StateCode {
  Initializing = 0,
  Healthy = 1,
  Abnormal = 2,
  StandBy = 3,
}

/** Metric types, by the names Milvus takes. */
export declare enum MetricType {
  L2 = 'L2',
  IP = 'IP',
  COSINE = 'COSINE',
  HAMMING = 'HAMMING',
  JACCARD = 'JACCARD',
  TANIMOTO = 'TANIMOTO',
  SUBSTRUCTURE = 'SUBSTRUCTURE',
  SUPERSTRUCTURE = 'SUPERSTRUCTURE',
  BM25 = 'BM25',
  MHJACCARD = 'MHJACCARD',
  MAX_SIM = 'MAX_SIM',
  MAX_SIM_COSINE = 'MAX_SIM_COSINE',
  MAX_SIM_IP = 'MAX_SIM_IP',
  MAX_SIM_L2 = 'MAX_SIM_L2',
  DTW_COSINE = 'DTW_COSINE',
  DTW_IP = 'DTW_IP',
}

/** Index types, by the names Milvus takes. */
export declare enum IndexType {
  FLAT = 'FLAT',
  IVF_FLAT = 'IVF_FLAT',
  IVF_SQ8 = 'IVF_SQ8',
  IVF_PQ = 'IVF_PQ',
  HNSW = 'HNSW',
  BIN_FLAT = 'BIN_FLAT',
  BIN_IVF_FLAT = 'BIN_IVF_FLAT',
  DISKANN = 'DISKANN',
  AUTOINDEX = 'AUTOINDEX',
  ANNOY = 'ANNOY',
  SPARSE_INVERTED_INDEX = 'SPARSE_INVERTED_INDEX',
  SPARSE_WAND = 'SPARSE_WAND',
  GPU_FLAT = 'GPU_FLAT',
  GPU_IVF_FLAT = 'GPU_IVF_FLAT',
  GPU_IVF_PQ = 'GPU_IVF_PQ',
  GPU_IVF_SQ8 = 'GPU_IVF_SQ8',
  GPU_BRUTE_FORCE = 'GPU_BRUTE_FORCE',
  GPU_CAGRA = 'GPU_CAGRA',
  RAFT_IVF_FLAT = 'RAFT_IVF_FLAT',
  RAFT_IVF_PQ = 'RAFT_IVF_PQ',
  ScaNN = 'SCANN',
  STL_SORT = 'STL_SORT',
  TRIE = 'Trie',
  INVERTED = 'INVERTED',
  BITMAP = 'BITMAP',
  IVF_RABITQ = 'IVF_RABITQ',
  MINHASH_LSH = 'MINHASH_LSH',
  RTREE = 'RTREE',
  HNSW_SQ = 'HNSW_SQ',
  HNSW_PQ = 'HNSW_PQ',
  HNSW_PRQ = 'HNSW_PRQ',
  AISAQ = 'AISAQ',
  NGRAM = 'NGRAM',
  FMINDEX = 'FMINDEX',
}

/** `milvus.proto.common.MsgType` (the values the SDK names). */
export declare enum MsgType {
  Undefined = 0,
  CreateCollection = 100,
  DropCollection = 101,
  HasCollection = 102,
  DescribeCollection = 103,
  ShowCollections = 104,
  GetSystemConfigs = 105,
  LoadCollection = 106,
  ReleaseCollection = 107,
  CreateAlias = 108,
  DropAlias = 109,
  AlterAlias = 110,
  AlterCollection = 111,
  CreatePartition = 200,
  DropPartition = 201,
  HasPartition = 202,
  DescribePartition = 203,
  ShowPartitions = 204,
  LoadPartitions = 205,
  ReleasePartitions = 206,
  ShowSegments = 250,
  DescribeSegment = 251,
  LoadSegments = 252,
  ReleaseSegments = 253,
  HandoffSegments = 254,
  LoadBalanceSegments = 255,
  DescribeSegments = 256,
  CreateIndex = 300,
  DescribeIndex = 301,
  DropIndex = 302,
  Insert = 400,
  Delete = 401,
  Flush = 402,
  ResendSegmentStats = 403,
  Search = 500,
  SearchResult = 501,
  GetIndexState = 502,
  GetIndexBuildProgress = 503,
  GetCollectionStatistics = 504,
  GetPartitionStatistics = 505,
  Retrieve = 506,
  RetrieveResult = 507,
  WatchDmChannels = 508,
  RemoveDmChannels = 509,
  WatchQueryChannels = 510,
  RemoveQueryChannels = 511,
  SealedSegmentsChangeInfo = 512,
  WatchDeltaChannels = 513,
  GetShardLeaders = 514,
  GetReplicas = 515,
  UnsubDmChannel = 516,
  GetDistribution = 517,
  SyncDistribution = 518,
  SegmentInfo = 600,
  SystemInfo = 601,
  GetRecoveryInfo = 602,
  GetSegmentState = 603,
  TimeTick = 1200,
  QueryNodeStats = 1201,
  LoadIndex = 1202,
  RequestID = 1203,
  RequestTSO = 1204,
  AllocateSegment = 1205,
  SegmentStatistics = 1206,
  SegmentFlushDone = 1207,
  DataNodeTt = 1208,
  CreateCredential = 1500,
  GetCredential = 1501,
  DeleteCredential = 1502,
  UpdateCredential = 1503,
  ListCredUsernames = 1504,
  CreateRole = 1600,
  DropRole = 1601,
  OperateUserRole = 1602,
  SelectRole = 1603,
  SelectUser = 1604,
  SelectResource = 1605,
  OperatePrivilege = 1606,
  SelectGrant = 1607,
  RefreshPolicyInfoCache = 1608,
  ListPolicy = 1609,
}

/** Partial-update operation of one field in `upsert({ field_ops })`. */
export declare enum FieldPartialUpdateOpType {
  REPLACE = 0,
  ARRAY_APPEND = 1,
  ARRAY_REMOVE = 2,
}

/** `milvus.proto.common.PlaceholderType`: the kind of the query values of a search. */
export declare enum PlaceholderType {
  None = 0,
  BinaryVector = 100,
  FloatVector = 101,
  Float16Vector = 102,
  BFloat16Vector = 103,
  SparseFloatVector = 104,
  Int8Vector = 105,
  Int64 = 5,
  VarChar = 21,
  EmbListBinaryVector = 300,
  EmbListFloatVector = 301,
  EmbListFloat16Vector = 302,
  EmbListBFloat16Vector = 303,
  EmbListSparseFloatVector = 304,
  EmbListInt8Vector = 305,
}

/** `milvus.proto.schema.FunctionType`. */
export declare enum FunctionType {
  Unknown = 0,
  BM25 = 1,
  TEXTEMBEDDING = 2,
  RERANK = 3,
  MINHASH = 4,
  MOLFINGERPRINT = 5,
}

/** `milvus.proto.milvus.OperateUserRoleType`. */
export declare enum OperateUserRoleType {
  AddUserToRole = 0,
  RemoveUserFromRole = 1,
}

/** `milvus.proto.milvus.OperatePrivilegeType`. */
export declare enum OperatePrivilegeType {
  Grant = 0,
  Revoke = 1,
}

/** `milvus.proto.milvus.OperatePrivilegeGroupType`. */
export declare enum OperatePrivilegeGroupType {
  AddPrivilegesToGroup = 0,
  RemovePrivilegesFromGroup = 1,
}

/** Built-in RBAC roles. */
export declare enum Roles {
  ADMIN = 'admin',
  PUBLIC = 'public',
}

/** RBAC object types by name. */
export declare enum RbacObjects {
  Collection = 'Collection',
  Global = 'Global',
  User = 'User',
}

/** Privileges on a collection. */
export declare enum CollectionPrivileges {
  CreateIndex = 'CreateIndex',
  DropIndex = 'DropIndex',
  IndexDetail = 'IndexDetail',
  Load = 'Load',
  GetLoadingProgress = 'GetLoadingProgress',
  GetLoadState = 'GetLoadState',
  Release = 'Release',
  Insert = 'Insert',
  Upsert = 'Upsert',
  Delete = 'Delete',
  Search = 'Search',
  Flush = 'Flush',
  GetFlushState = 'GetFlushState',
  Query = 'Query',
  GetStatistics = 'GetStatistics',
  Compaction = 'Compaction',
  Import = 'Import',
  LoadBalance = 'LoadBalance',
  CreatePartition = 'CreatePartition',
  DropPartition = 'DropPartition',
  ShowPartitions = 'ShowPartitions',
  HasPartition = 'HasPartition',
}

/** Cluster-wide privileges. */
export declare enum GlobalPrivileges {
  All = '*',
  CreateCollection = 'CreateCollection',
  DropCollection = 'DropCollection',
  DescribeCollection = 'DescribeCollection',
  ShowCollections = 'ShowCollections',
  RenameCollection = 'RenameCollection',
  FlushAll = 'FlushAll',
  CreateOwnership = 'CreateOwnership',
  DropOwnership = 'DropOwnership',
  SelectOwnership = 'SelectOwnership',
  ManageOwnership = 'ManageOwnership',
  CreateResourceGroup = 'CreateResourceGroup',
  DropResourceGroup = 'DropResourceGroup',
  DescribeResourceGroup = 'DescribeResourceGroup',
  ListResourceGroups = 'ListResourceGroups',
  TransferNode = 'TransferNode',
  TransferReplica = 'TransferReplica',
  CreateDatabase = 'CreateDatabase',
  ListDatabases = 'ListDatabases',
  DropDatabase = 'DropDatabase',
  CreateAlias = 'CreateAlias',
  DropAlias = 'DropAlias',
  DescribeAlias = 'DescribeAlias',
  ListAliases = 'ListAliases',
}

/** Privileges on users. */
export declare enum UserPrivileges {
  UpdateUser = 'UpdateUser',
  SelectUser = 'SelectUser',
}

/** A collection's load state, by name (`getLoadState` returns these). */
export declare enum LoadState {
  LoadStateNotExist = 'LoadStateNotExist',
  LoadStateNotLoad = 'LoadStateNotLoad',
  LoadStateLoading = 'LoadStateLoading',
  LoadStateLoaded = 'LoadStateLoaded',
}

/** `type` of `showCollections`. */
export declare enum ShowCollectionsType {
  All = 0,
  Loaded = 1,
}

/** `type` of `showPartitions`. */
export declare enum ShowPartitionsType {
  All = 0,
  Loaded = 1,
}

/** Rerankers of `hybridSearch`. */
export declare enum RANKER_TYPE {
  RRF = 'rrf',
  WEIGHTED = 'weighted',
}

/** Highlighter kinds of a search's `highlighter`. */
export declare enum HighlightType {
  Lexical = 0,
  Semantic = 1,
}

/** Metadata keys every call carries. */
export declare enum METADATA {
  DATABASE = 'dbname',
  AUTH = 'authorization',
  CLIENT_ID = 'identifier',
  CLIENT_REQUEST_ID = 'client-request-id',
  CLIENT_REQUEST_UNIXMSEC = 'client-request-unixmsec',
}

/** `MilvusClient.connectStatus`. */
export declare enum CONNECT_STATUS {
  NOT_CONNECTED = 0,
  CONNECTING = 0,
  CONNECTED = 1,
  UNIMPLEMENTED = 2,
  SHUTDOWN = 5,
}

/** `MilvusClient.tlsMode`: no TLS, server-authenticated, mutual, or unchecked certificates. */
export declare enum TLS_MODE {
  DISABLED = 0,
  ONE_WAY = 1,
  TWO_WAY = 2,
  UNAUTHORIZED = 3,
}
