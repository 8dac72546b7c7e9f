/**
 * The gRPC channel options a client starts from (the official Node SDK's defaults), before the caller's
 * `channelOptions` are laid over them. Pure data, shared by the client (which shows them as
 * `MilvusClient.channelOptions`) and the Node transport (which hands them to grpc-js).
 */

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

/** The defaults with the caller's options laid over them. */
export function channelOptionsWith(given: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  return { ...DEFAULT_CHANNEL_OPTIONS, ...given };
}
