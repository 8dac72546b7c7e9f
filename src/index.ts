/**
 * milvus-wasm: a Milvus client whose insert hot path is WebAssembly.
 * @packageDocumentation
 */
export { DataType, parseDataType } from './data-type.js';
export { MilvusError, InvalidInputError, ServerError, TransportError, ErrorCode } from './errors.js';
export type { MilvusErrorDetails } from './errors.js';
export type { CollectionSchema, FieldSchema, KeyValuePair } from './schema.js';
export { encodeInsertRequest, encodeUpsertRequest, countRows } from './codec/insert.js';
export { activeEngine } from './codec/engine.js';
export type { Engine, EncodeOptions, InsertRequestInput, UpsertRequestInput, Row, Columns } from './codec/types.js';
