/**
 * The official Node SDK's insert encoding path, without a network: its own `insert()` runs against
 * a channel pool whose client serializes the request with the SDK's own gRPC serializer and answers
 * at once. This omits the SDK's interceptors (retries, debug logging), so it understates its cost.
 */
import { createRequire } from 'node:module';
import type { CollectionSchemaInput } from '../../src/index.js';

const require = createRequire(import.meta.url);

export interface SdkEncoder {
  /** Runs the SDK's insert on `rows`; resolves with the serialized request size in bytes. */
  insert(rows: Record<string, unknown>[]): Promise<number>;
}

/** Builds an SDK client that encodes for `schema` (field shapes as `describeCollection` returns them). */
export function createSdkEncoder(collection: string, schema: CollectionSchemaInput): SdkEncoder {
  const { MilvusClient } = require('@zilliz/milvus2-sdk-node');
  const client = new MilvusClient({ address: '127.0.0.1:1', logLevel: 'error', __SKIP_CONNECT__: true });
  const serialize = client._MilvusService.service.Insert.requestSerialize as (req: unknown) => Buffer;
  let lastSize = 0;
  const fake = {
    Insert(req: unknown, _opts: unknown, cb: (err: unknown, res: unknown) => void) {
      lastSize = serialize(req).length;
      cb(null, { status: { error_code: 'Success', code: 0, reason: '' }, IDs: { int_id: { data: [] } }, insert_cnt: '0', succ_index: [], err_index: [] });
    },
  };
  client.channelPool = { acquire: async () => fake, release: () => undefined };
  const info = {
    status: { error_code: 'Success', code: 0 },
    collection_name: collection,
    properties: [],
    update_timestamp: '0',
    update_timestamp_str: '0',
    schema: {
      ...schema,
      fields: schema.fields.map((f) => ({
        ...f,
        data_type: typeof f.data_type === 'number' ? dataTypeName(f.data_type) : f.data_type,
        element_type: typeof f.element_type === 'number' ? dataTypeName(f.element_type) : (f.element_type ?? 'None'),
        dim: f.dim === undefined ? undefined : String(f.dim),
      })),
    },
  };
  client.describeCollection = async () => info;
  return {
    async insert(rows) {
      await client.insert({ collection_name: collection, data: rows });
      return lastSize;
    },
  };
}

function dataTypeName(v: number): string {
  const { DataType } = require('@zilliz/milvus2-sdk-node');
  return DataType[v];
}
