/**
 * What the benchmark sink answers, encoded once with the client's protobuf codec (src/proto, over the
 * vendored Milvus descriptor), plus the two things it reads from an insert: `num_rows` and
 * `collection_name`, found by walking the request's top-level fields without decoding `fields_data`.
 */
import { parseDataType } from '../../src/data-type.js';
import { encodeMessage } from '../../src/proto/index.js';
import type { CollectionSchemaInput, FieldSchemaInput } from '../../src/schema.js';
import { stringField, varintField } from './wire-scan.js';

const OK = { code: 0, error_code: 0, reason: '' };
/** The schema timestamp a real Milvus would report; clients echo it as `schema_timestamp`. */
export const UPDATE_TIMESTAMP = '462946280652341250';
const COLLECTION_ID = '462946280652341249';
const FIRST_FIELD_ID = 100;

export const encodeReply = (type: string, payload: object): Uint8Array => encodeMessage(type, payload);

export const connectReply = () => encodeReply('milvus.proto.milvus.ConnectResponse', {
  status: OK, identifier: 1, server_info: { build_tags: 'bench-sink', deploy_mode: 'STANDALONE' },
});
export const versionReply = () => encodeReply('milvus.proto.milvus.GetVersionResponse', { status: OK, version: 'v2.6.0-bench-sink' });
export const healthReply = () => encodeReply('milvus.proto.milvus.CheckHealthResponse', { status: OK, isHealthy: true });
export const boolReply = (value: boolean) => encodeReply('milvus.proto.milvus.BoolResponse', { status: OK, value });

/**
 * `DescribeCollectionResponse` as a Milvus 2.6 standalone answers it: field ids, timestamps, channels,
 * consistency level. Like Milvus' proxy it leaves the hidden dynamic `$meta` field out of the schema
 * (pymilvus 3.0.2 fails on an insert when the description lists it).
 */
export function describeReply(name: string, schema: CollectionSchemaInput): Uint8Array {
  const fields = schema.fields.map((f, i) => wireField(f, FIRST_FIELD_ID + i));
  return encodeReply('milvus.proto.milvus.DescribeCollectionResponse', {
    status: OK,
    schema: { name, description: '', autoID: false, fields, enable_dynamic_field: schema.enable_dynamic_field === true, properties: [] },
    collectionID: COLLECTION_ID,
    virtual_channel_names: [`by-dev-rootcoord-dml_0_${COLLECTION_ID}v0`],
    physical_channel_names: ['by-dev-rootcoord-dml_0'],
    created_timestamp: UPDATE_TIMESTAMP,
    created_utc_timestamp: '1764000000000',
    shards_num: 1,
    aliases: [],
    consistency_level: 2, // Bounded, the default
    collection_name: name,
    properties: [],
    db_name: 'default',
    num_partitions: '1',
    db_id: '1',
    update_timestamp: UPDATE_TIMESTAMP,
    update_timestamp_str: UPDATE_TIMESTAMP,
  });
}

export function notFoundReply(name: string): Uint8Array {
  return encodeReply('milvus.proto.milvus.DescribeCollectionResponse', {
    status: { code: 100, error_code: 4, reason: `collection not found[collection=${name}]` },
  });
}

function wireField(f: FieldSchemaInput, fieldID: number): Record<string, unknown> {
  const params = (['dim', 'max_length', 'max_capacity'] as const)
    .filter((k) => f[k] !== undefined)
    .map((k) => ({ key: k, value: String(f[k]) }));
  return {
    fieldID,
    name: f.name,
    is_primary_key: f.is_primary_key === true,
    data_type: parseDataType(f.data_type),
    type_params: params,
    autoID: f.autoID === true,
    nullable: f.nullable === true,
  };
}

/** A `MutationResult` for `rows` rows: success, ids 0..rows-1, every row in `succ_index`. */
export function mutationReply(method: 'Insert' | 'Upsert', rows: number): Uint8Array {
  const ids = Array.from({ length: rows }, (_, i) => i);
  return encodeReply('milvus.proto.milvus.MutationResult', {
    status: OK,
    IDs: { int_id: { data: ids } },
    succ_index: ids,
    err_index: [],
    [method === 'Insert' ? 'insert_cnt' : 'upsert_cnt']: rows,
    timestamp: UPDATE_TIMESTAMP,
  });
}

/** `GetCollectionStatisticsResponse` with `row_count` plus the sink's own counters as extra pairs. */
export function statsReply(stats: Record<string, number>): Uint8Array {
  return encodeReply('milvus.proto.milvus.GetCollectionStatisticsResponse', {
    status: OK,
    stats: Object.entries(stats).map(([key, value]) => ({ key, value: String(value) })),
  });
}

/** `collection_name` (#3) and `num_rows` (#7) of an Insert/Upsert request; `fields_data` is skipped, not decoded. */
export function scanMutation(buf: Uint8Array): { collection: string; numRows: number } {
  return { collection: stringField(buf, 3), numRows: varintField(buf, 7) };
}
