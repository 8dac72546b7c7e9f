/**
 * The metadata a Milvus call carries, by the official Node SDK's names. Pure: gRPC-Web assembles it per call
 * with {@link webCallMetadata}; the Node transport adds the same keys through its grpc-js interceptors.
 */

/** `base64(token)` or `base64(user:password)`, as pymilvus and the SDK send it. */
export const AUTHORIZATION_KEY = 'authorization';
/** The database of the call: the client's current one unless the call names another. */
export const DATABASE_KEY = 'dbname';
/** The server's identifier of this client, from `Connect`. */
export const IDENTIFIER_KEY = 'identifier';
/** A caller's request id (`client_request_id` of a call). */
export const REQUEST_ID_KEY = 'client-request-id';
/** When the call was issued, in milliseconds since the epoch (the SDK adds it to every call). */
export const REQUEST_TIME_KEY = 'client-request-unixmsec';

/**
 * Everything a gRPC-Web call sends as metadata: the channel metadata, the call's own over it, and the time
 * of issue (`now`, ms since the epoch).
 */
export function webCallMetadata(channel: ReadonlyMap<string, string> | undefined, call: Readonly<Record<string, string>> | undefined,
  now: number): Record<string, string> {
  const out: Record<string, string> = channel ? Object.fromEntries(channel) : {};
  if (call) Object.assign(out, call);
  out[REQUEST_TIME_KEY] = String(now);
  return out;
}
