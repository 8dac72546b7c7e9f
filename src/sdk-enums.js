/**
 * The objects of the enums declared in ./sdk-enums.d.ts (the official Node SDK's, re-exported by
 * ./constants.ts), built from lists of their members. TypeScript compiles an `enum` to code that spells each
 * member out two or three times (`E[E.Name = 0] = "Name"`); for these 330 members that is about 1.9 KB of
 * the browser bundle, gzipped. A TypeScript module cannot declare an `enum` without emitting that code, so
 * the objects are built here, in JavaScript, and ./sdk-enums.d.ts gives them their `enum` types. They are
 * the same objects, key for key and in the same order, which test/sdk-enums.test.ts checks against
 * TypeScript's own compilation of the declarations.
 *
 * The lists are written as the compacted Milvus descriptor writes its enums (comma-separated, `Name=n` where
 * a value jumps), so that gzip shares the many names both hold; esbuild joins the `+`-split lines.
 */

/**
 * A numeric enum as TypeScript builds it into `into`: each member is the previous one + 1 (the first 0)
 * unless written `Name=n`, and each value maps back to its (last) name.
 * @param {string} members names, separated by commas
 * @param {Record<string, string | number>} [into]
 */
function numbers(members, into = {}) {
  let next = 0;
  for (const member of members.split(',')) {
    const [name, value] = member.split('=');
    next = value === undefined ? next : Number(value);
    into[(into[name] = next)] = name;
    next++;
  }
  return into;
}

/**
 * A string enum as TypeScript builds it into `into`: each member's value is its name unless written `Name=value`.
 * @param {string} members names, separated by commas
 * @param {Record<string, string | number>} [into]
 */
function strings(members, into = {}) {
  for (const member of members.split(',')) {
    const [name, value = name] = member.split('=');
    into[name] = value;
  }
  return into;
}

export const IndexState = numbers('IndexStateNone,Unissued,InProgress,Finished,Failed');
export const DslType = numbers('Dsl,BoolExprV1');
export const ConsistencyLevelEnum = numbers('Strong,Session,Bounded,Eventually,Customized');
export const SegmentState = strings(
  'Flushed,Flushing,Dropped,Importing',
  numbers('SegmentStateNone,NotExist,Growing,Sealed'), // the numeric members come first, as declared
);
export const SegmentLevel = numbers('Legacy,L0,L1,L2');
export const CompactionState = numbers('UndefiedState,Executing,Completed');
export const ImportState = strings(
  'ImportPending,ImportFailed,ImportStarted,ImportPersisted,ImportCompleted,ImportFailedAndCleaned',
);
export const ObjectType = numbers('Collection,Global,User');
export const ObjectPrivilege = numbers(
  'PrivilegeAll,PrivilegeCreateCollection,PrivilegeDropCollection,PrivilegeDescribeCollection,'
  + 'PrivilegeShowCollections,PrivilegeLoad,PrivilegeRelease,PrivilegeCompaction,PrivilegeInsert,'
  + 'PrivilegeDelete,PrivilegeGetStatistics,PrivilegeCreateIndex,PrivilegeIndexDetail,PrivilegeDropIndex,'
  + 'PrivilegeSearch,PrivilegeFlush,PrivilegeQuery,PrivilegeLoadBalance,PrivilegeImport,'
  + 'PrivilegeCreateOwnership,PrivilegeUpdateUser,PrivilegeDropOwnership,PrivilegeSelectOwnership,'
  + 'PrivilegeManageOwnership,PrivilegeSelectUser',
);
export const StateCode = numbers('Initializing,Healthy,Abnormal,StandBy');
export const MetricType = strings(
  'L2,IP,COSINE,HAMMING,JACCARD,TANIMOTO,SUBSTRUCTURE,SUPERSTRUCTURE,BM25,MHJACCARD,MAX_SIM,'
  + 'MAX_SIM_COSINE,MAX_SIM_IP,MAX_SIM_L2,DTW_COSINE,DTW_IP',
);
export const IndexType = strings(
  'FLAT,IVF_FLAT,IVF_SQ8,IVF_PQ,HNSW,BIN_FLAT,BIN_IVF_FLAT,DISKANN,AUTOINDEX,ANNOY,'
  + 'SPARSE_INVERTED_INDEX,SPARSE_WAND,GPU_FLAT,GPU_IVF_FLAT,GPU_IVF_PQ,GPU_IVF_SQ8,GPU_BRUTE_FORCE,'
  + 'GPU_CAGRA,RAFT_IVF_FLAT,RAFT_IVF_PQ,ScaNN=SCANN,STL_SORT,TRIE=Trie,INVERTED,BITMAP,IVF_RABITQ,'
  + 'MINHASH_LSH,RTREE,HNSW_SQ,HNSW_PQ,HNSW_PRQ,AISAQ,NGRAM,FMINDEX',
);
export const MsgType = numbers(
  'Undefined,CreateCollection=100,DropCollection,HasCollection,DescribeCollection,ShowCollections,'
  + 'GetSystemConfigs,LoadCollection,ReleaseCollection,CreateAlias,DropAlias,AlterAlias,AlterCollection,'
  + 'CreatePartition=200,DropPartition,HasPartition,DescribePartition,ShowPartitions,LoadPartitions,'
  + 'ReleasePartitions,ShowSegments=250,DescribeSegment,LoadSegments,ReleaseSegments,HandoffSegments,'
  + 'LoadBalanceSegments,DescribeSegments,CreateIndex=300,DescribeIndex,DropIndex,Insert=400,Delete,'
  + 'Flush,ResendSegmentStats,Search=500,SearchResult,GetIndexState,GetIndexBuildProgress,'
  + 'GetCollectionStatistics,GetPartitionStatistics,Retrieve,RetrieveResult,WatchDmChannels,'
  + 'RemoveDmChannels,WatchQueryChannels,RemoveQueryChannels,SealedSegmentsChangeInfo,WatchDeltaChannels,'
  + 'GetShardLeaders,GetReplicas,UnsubDmChannel,GetDistribution,SyncDistribution,SegmentInfo=600,'
  + 'SystemInfo,GetRecoveryInfo,GetSegmentState,TimeTick=1200,QueryNodeStats,LoadIndex,RequestID,'
  + 'RequestTSO,AllocateSegment,SegmentStatistics,SegmentFlushDone,DataNodeTt,CreateCredential=1500,'
  + 'GetCredential,DeleteCredential,UpdateCredential,ListCredUsernames,CreateRole=1600,DropRole,'
  + 'OperateUserRole,SelectRole,SelectUser,SelectResource,OperatePrivilege,SelectGrant,'
  + 'RefreshPolicyInfoCache,ListPolicy',
);
export const FieldPartialUpdateOpType = numbers('REPLACE,ARRAY_APPEND,ARRAY_REMOVE');
export const PlaceholderType = numbers(
  'None,BinaryVector=100,FloatVector,Float16Vector,BFloat16Vector,SparseFloatVector,Int8Vector,Int64=5,'
  + 'VarChar=21,EmbListBinaryVector=300,EmbListFloatVector,EmbListFloat16Vector,EmbListBFloat16Vector,'
  + 'EmbListSparseFloatVector,EmbListInt8Vector',
);
export const FunctionType = numbers('Unknown,BM25,TEXTEMBEDDING,RERANK,MINHASH,MOLFINGERPRINT');
export const OperateUserRoleType = numbers('AddUserToRole,RemoveUserFromRole');
export const OperatePrivilegeType = numbers('Grant,Revoke');
export const OperatePrivilegeGroupType = numbers('AddPrivilegesToGroup,RemovePrivilegesFromGroup');
export const Roles = strings('ADMIN=admin,PUBLIC=public');
export const RbacObjects = strings('Collection,Global,User');
export const CollectionPrivileges = strings(
  'CreateIndex,DropIndex,IndexDetail,Load,GetLoadingProgress,GetLoadState,Release,Insert,Upsert,Delete,'
  + 'Search,Flush,GetFlushState,Query,GetStatistics,Compaction,Import,LoadBalance,CreatePartition,'
  + 'DropPartition,ShowPartitions,HasPartition',
);
export const GlobalPrivileges = strings(
  'All=*,CreateCollection,DropCollection,DescribeCollection,ShowCollections,RenameCollection,FlushAll,'
  + 'CreateOwnership,DropOwnership,SelectOwnership,ManageOwnership,CreateResourceGroup,DropResourceGroup,'
  + 'DescribeResourceGroup,ListResourceGroups,TransferNode,TransferReplica,CreateDatabase,ListDatabases,'
  + 'DropDatabase,CreateAlias,DropAlias,DescribeAlias,ListAliases',
);
export const UserPrivileges = strings('UpdateUser,SelectUser');
export const LoadState = strings('LoadStateNotExist,LoadStateNotLoad,LoadStateLoading,LoadStateLoaded');
export const ShowCollectionsType = numbers('All,Loaded');
export const ShowPartitionsType = numbers('All,Loaded');
export const RANKER_TYPE = strings('RRF=rrf,WEIGHTED=weighted');
export const HighlightType = numbers('Lexical,Semantic');
export const METADATA = strings(
  'DATABASE=dbname,AUTH=authorization,CLIENT_ID=identifier,CLIENT_REQUEST_ID=client-request-id,'
  + 'CLIENT_REQUEST_UNIXMSEC=client-request-unixmsec',
);
export const CONNECT_STATUS = numbers('NOT_CONNECTED,CONNECTING=0,CONNECTED,UNIMPLEMENTED,SHUTDOWN=5');
export const TLS_MODE = numbers('DISABLED,ONE_WAY,TWO_WAY,UNAUTHORIZED');
