/**
 * The gRPC channel options a client starts from (the official Node SDK's defaults), before the caller's
 * `channelOptions` are laid over them, and the SDK's retry defaults. Pure data and functions, shared by the
 * client (which shows the options as `MilvusClient.channelOptions`) and the Node transport (which hands them
 * to grpc-js together with its interceptors).
 */
import { InvalidInputError, describeValue } from '../errors.js';
import type { ChannelSettings } from './types.js';

/** Largest message sent or accepted, in bytes. Milvus caps inserts itself (64 MB by default); this only keeps grpc-js out of the way. */
export const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

/** Defaults: keepalive pings every 10 s (also between calls, which Milvus permits), 5 s to answer. */
export const DEFAULT_CHANNEL_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.primary_user_agent': 'milvus-wasm',
});

/** The SDK's `maxRetries` default (`DEFAULT_MAX_RETRIES`). */
export const DEFAULT_MAX_RETRIES = 3;
/** The SDK's `retryDelay` default in ms (`DEFAULT_RETRY_DELAY`, 10 in SDK 3.0.6): retries wait 20, 40, 80 ms. */
export const DEFAULT_RETRY_DELAY_MS = 10;

/** The defaults with the caller's options laid over them. */
export function channelOptionsWith(given: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  return { ...DEFAULT_CHANNEL_OPTIONS, ...given };
}

/**
 * The channel options of a browser client: shown as `client.channelOptions`, unused by gRPC-Web, and without
 * `interceptors`, which only grpc-js runs. Throws `InvalidInputError` for interceptors of the caller's, which
 * would otherwise silently never run.
 */
export function browserChannelOptions(settings: ChannelSettings): Record<string, unknown> {
  const { interceptors, interceptor_providers: providers, ...rest } = settings.given ?? {};
  for (const [name, value] of [['interceptors', interceptors], ['interceptor_providers', providers]] as const) {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) {
      throw new InvalidInputError(`channelOptions.${name}: gRPC interceptors run only in Node (grpc-js); in a browser calls go over gRPC-Web, got ${describeValue(value)}`,
        { field: `channelOptions.${name}` });
    }
  }
  return channelOptionsWith(rest);
}
