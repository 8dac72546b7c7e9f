/**
 * TypeScript shapes of the decoded response messages the client reads, as `decodeResponse` yields them:
 * int64/uint64 as decimal strings, enums as numbers, bytes as `Uint8Array`, and for a oneof the name
 * of the member that is set (e.g. `ScalarField.data === 'long_data'`). Only the fields the client uses.
 */

/** `common.Status`. */
export interface WireStatus {
  error_code?: number;
  reason?: string;
  code?: number;
  retriable?: boolean;
  detail?: string;
  extra_info?: Record<string, string>;
}

/** `common.KeyValuePair`. */
export interface WireKeyValuePair {
  key: string;
  value: string;
}

/** `schema.IDs`: int64 keys (as strings) or VarChar keys; `id_field` names the one set. */
export interface WireIDs {
  int_id?: { data: string[] } | null;
  str_id?: { data: string[] } | null;
  id_field?: 'int_id' | 'str_id';
}

/** `schema.ScalarField`: one column of scalars (or one Array cell) in the slot of its type. */
export interface WireScalarField {
  data?: string;
  bool_data?: { data: boolean[] };
  int_data?: { data: number[] };
  long_data?: { data: string[] };
  float_data?: { data: number[] };
  double_data?: { data: number[] };
  string_data?: { data: string[] };
  bytes_data?: { data: Uint8Array[] };
  array_data?: { data: WireScalarField[]; element_type: number };
  json_data?: { data: Uint8Array[] };
  geometry_data?: { data: Uint8Array[] };
  timestamptz_data?: { data: string[] };
  geometry_wkt_data?: { data: string[] };
}

/** `schema.VectorField`: a column of vectors; `dim` is a decimal string, `data` names the payload slot. */
export interface WireVectorField {
  dim: string;
  data?: string;
  float_vector?: { data: number[] };
  binary_vector?: Uint8Array;
  float16_vector?: Uint8Array;
  bfloat16_vector?: Uint8Array;
  sparse_float_vector?: { contents: Uint8Array[]; dim: string };
  int8_vector?: Uint8Array;
}

/** `schema.FieldData`: one column; `valid_data` (one flag per row) only for nullable/default fields. */
export interface WireFieldData {
  type: number;
  field_name: string;
  field?: string;
  scalars?: WireScalarField | null;
  vectors?: WireVectorField | null;
  is_dynamic: boolean;
  valid_data: boolean[];
}

/** `schema.ValueField`: a default value in the slot named by `data`. */
export interface WireValueField {
  data?: string;
  [slot: string]: unknown;
}

/** `schema.FieldSchema` as described by the server. */
export interface WireFieldSchema {
  fieldID: string;
  name: string;
  is_primary_key: boolean;
  description: string;
  data_type: number;
  type_params: WireKeyValuePair[];
  index_params: WireKeyValuePair[];
  autoID: boolean;
  state: number;
  element_type: number;
  default_value: WireValueField | null;
  is_dynamic: boolean;
  is_partition_key: boolean;
  is_clustering_key: boolean;
  nullable: boolean;
  is_function_output: boolean;
  external_field: string;
}

/** `schema.CollectionSchema` as described by the server. */
export interface WireCollectionSchema {
  name: string;
  description: string;
  autoID: boolean;
  fields: WireFieldSchema[];
  enable_dynamic_field: boolean;
  properties: WireKeyValuePair[];
  functions: unknown[];
  struct_array_fields: unknown[];
}

/** `milvus.DescribeCollectionResponse`. */
export interface WireDescribeCollectionResponse {
  status: WireStatus | null;
  schema: WireCollectionSchema | null;
  collectionID: string;
  virtual_channel_names: string[];
  physical_channel_names: string[];
  created_timestamp: string;
  created_utc_timestamp: string;
  shards_num: number;
  aliases: string[];
  consistency_level: number;
  collection_name: string;
  properties: WireKeyValuePair[];
  db_name: string;
  num_partitions: string;
  update_timestamp: string;
  update_timestamp_str: string;
}

/** `milvus.MutationResult` (insert, upsert, delete). */
export interface WireMutationResult {
  status: WireStatus | null;
  IDs: WireIDs | null;
  succ_index: number[];
  err_index: number[];
  acknowledged: boolean;
  insert_cnt: string;
  delete_cnt: string;
  upsert_cnt: string;
  timestamp: string;
}

/** `milvus.QueryResults`. */
export interface WireQueryResults {
  status: WireStatus | null;
  fields_data: WireFieldData[];
  collection_name: string;
  output_fields: string[];
  session_ts: string;
}

/** `schema.SearchResultData`: hits of all queries back to back; `topks[i]` hits belong to query i. */
export interface WireSearchResultData {
  num_queries: string;
  top_k: string;
  fields_data: WireFieldData[];
  scores: number[];
  ids: WireIDs | null;
  topks: string[];
  output_fields: string[];
  recalls: number[];
  all_search_count: string;
}

/** `milvus.SearchResults`. */
export interface WireSearchResults {
  status: WireStatus | null;
  results: WireSearchResultData | null;
  collection_name: string;
  session_ts: string;
}
