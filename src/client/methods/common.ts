/**
 * What the method modules share: the SDK's request checks (with its messages), the success status the
 * client reports for work it does itself, key/value conversions, and the one way a method runs an RPC.
 */
import { ERROR_REASONS } from '../../error-reasons.js';
import { InvalidInputError } from '../../errors.js';
import type { MilvusMethod } from '../../proto/index.js';
import type { KeyValuePair } from '../../schema.js';
import type { CallOptions } from '../connection.js';
import { stateOf } from '../state.js';
import type { ResStatus } from '../status.js';

/** The status the client returns for work that succeeded without a server status of its own. */
export function successStatus(): ResStatus {
  return { error_code: 'Success', reason: '', code: 0, retriable: false, detail: '', extra_info: {} };
}

/** Throws the SDK's `COLLECTION_NAME_IS_REQUIRED` unless `req.collection_name` is a non-empty string. */
export function checkCollectionName(req: unknown, operation: string): void {
  const name = (req as { collection_name?: unknown } | null | undefined)?.collection_name;
  if (typeof name !== 'string' || name === '') {
    throw new InvalidInputError(ERROR_REASONS.COLLECTION_NAME_IS_REQUIRED, { field: 'collection_name' });
  }
}

/** Throws the SDK's `COLLECTION_PARTITION_NAME_ARE_REQUIRED` unless both names are non-empty strings. */
export function checkCollectionAndPartitionName(req: unknown, operation: string): void {
  const r = req as { collection_name?: unknown; partition_name?: unknown } | null | undefined;
  if (typeof r?.collection_name !== 'string' || r.collection_name === '' || typeof r.partition_name !== 'string' || r.partition_name === '') {
    throw new InvalidInputError(ERROR_REASONS.COLLECTION_PARTITION_NAME_ARE_REQUIRED);
  }
}

/** Throws `InvalidInputError` with the SDK's `reason` unless `value` is a non-empty array. */
export function requireNonEmptyArray(value: unknown, reason: string, operation: string): void {
  if (!Array.isArray(value) || value.length === 0) throw new InvalidInputError(reason, { rpc: operation });
}

/** Throws `InvalidInputError` with the SDK's `reason` unless `value` is given (not `undefined`, `null` or `''`). */
export function requireValue(value: unknown, reason: string, operation: string): void {
  if (value === undefined || value === null || value === '') throw new InvalidInputError(reason, { rpc: operation });
}

/**
 * `{ a: 1, b: { c: 2 } }` → `[{ key: 'a', value: '1' }, { key: 'b', value: '{"c":2}' }]` (the SDK's
 * `parseToKeyValue(data, true)`); `undefined` values are skipped. An array of pairs passes through.
 */
export function toKeyValuePairs(params: unknown): KeyValuePair[] {
  if (!params) return [];
  if (Array.isArray(params)) return params as KeyValuePair[];
  return Object.entries(params as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => ({ key, value: typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v) }));
}

/** `[{ key, value }]` → `{ key: value }` for the keys asked for (the SDK's `formatKeyValueData`). */
export function formatKeyValueData(data: readonly KeyValuePair[], keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = findKeyValue(data, k);
  return out;
}

/** The value of `key` in a key/value list (the SDK's `findKeyValue`). */
export function findKeyValue(pairs: readonly KeyValuePair[], key: string): string | number | undefined {
  return pairs.find((p) => p.key === key)?.value;
}

/**
 * Runs an RPC for a method of `client` and resolves to its SDK-shaped response, whatever the status
 * (see `Connection.call`). `payload` is the request message; `options` the caller's call options.
 */
export function rpc<T>(client: object, method: MilvusMethod, payload: object, options: CallOptions | undefined): Promise<T> {
  return stateOf(client).conn.call<T>(method, payload, options ?? {});
}

/**
 * The call options of a request that a method passes on to the calls it makes on its behalf (database,
 * deadline, cancellation, request id): picked in this one place.
 */
export function passOn(req: CallOptions | null | undefined): CallOptions {
  const out: CallOptions = {};
  if (!req) return out;
  if (req.db_name) out.db_name = req.db_name;
  if (req.timeout) out.timeout = req.timeout;
  if (req.signal) out.signal = req.signal;
  const id = req.client_request_id ?? req['client-request-id'];
  if (id !== undefined) out.client_request_id = id;
  return out;
}

/** Whether an SDK-shaped status reports success. */
export function isSuccess(status: { error_code?: unknown; code?: unknown } | null | undefined): boolean {
  return !status || ((status.error_code === 'Success' || status.error_code === 0) && (status.code === undefined || status.code === 0));
}

/** Resolves after `ms` milliseconds (the SDK's `sleep`). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
