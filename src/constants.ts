/**
 * The official Node SDK's enums and constants (`@zilliz/milvus2-sdk-node` 3.x), under its names and with
 * its values, so code written against the SDK compiles and behaves the same. Most numeric enums mirror the
 * Milvus protobuf enums; the string enums are what the SDK accepts and returns by name. The enums are
 * declared in ./sdk-enums.d.ts and built by ./sdk-enums.js.
 */
import { CollectionPrivileges, GlobalPrivileges, UserPrivileges } from './sdk-enums.js';

export {
  IndexState, DslType, ConsistencyLevelEnum, SegmentState, SegmentLevel, CompactionState,
  ImportState, ObjectType, ObjectPrivilege, StateCode, MetricType, IndexType,
  MsgType, FieldPartialUpdateOpType, PlaceholderType, FunctionType, OperateUserRoleType, OperatePrivilegeType,
  OperatePrivilegeGroupType, Roles, RbacObjects, CollectionPrivileges, GlobalPrivileges, UserPrivileges,
  LoadState, ShowCollectionsType, ShowPartitionsType, RANKER_TYPE, HighlightType, METADATA,
  CONNECT_STATUS, TLS_MODE,
} from './sdk-enums.js';

/** Collection property keys the SDK names. */
export const CollectionProperties = {
  TTL_SECONDS: 'collection.ttl.seconds',
  TTL_FIELD: 'ttl_field',
  TIMEZONE: 'collection.timezone',
  MMAP_ENABLED: 'mmap.enabled',
} as const;

/** Every named privilege. */
export const Privileges = { ...CollectionPrivileges, ...UserPrivileges, ...GlobalPrivileges };

export const MAX_PARTITION_KEY_FIELD_COUNT = 1;
export const MAX_PARTITIONS_NUMBER = 4096;
/** `limit` of a query iterator that reads everything. */
export const NO_LIMIT = -1;

export const DEFAULT_MILVUS_PORT = 19530;
/** The SDK's connect deadline; milvus-wasm sets no deadline unless the caller does. */
export const DEFAULT_CONNECT_TIMEOUT = 15 * 1000;
export const DEFAULT_METRIC_TYPE = 'COSINE';
export const DEFAULT_VECTOR_FIELD = 'vector';
export const DEFAULT_PRIMARY_KEY_FIELD = 'id';
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_RETRY_DELAY = 10;
export const DEFAULT_PARTITIONS_NUMBER = 16;
export const DEFAULT_RESOURCE_GROUP = '__default_resource_group';
/** The name of the database calls go to when none is chosen. */
export const DEFAULT_DB = 'default';
export const DEFAULT_DYNAMIC_FIELD = '$meta';
export const DEFAULT_COUNT_QUERY_STRING = 'count(*)';
export const CLUSTER_ID = 'cluster_id';
export const DEFAULT_HTTP_TIMEOUT = 60000;
export const DEFAULT_HTTP_ENDPOINT_VERSION = 'v2';
export const DEFAULT_POOL_MAX = 10;
export const DEFAULT_POOL_MIN = 2;
export const DEFAULT_MIN_INT64 = '-9223372036854775807';
export const DEFAULT_MAX_SEARCH_SIZE = 16384;
export const DEFAULT_MAX_L2_DISTANCE = 99999999;
export const DEFAULT_MIN_COSINE_DISTANCE = -2.0;
