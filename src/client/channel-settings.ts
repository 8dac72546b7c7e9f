/**
 * The client options that shape every call on the wire (the official Node SDK's `channelOptions`, `trace`,
 * `maxRetries`, `retryDelay`), checked and resolved for the runtime. Pure: no I/O.
 */
import { InvalidInputError, describeValue } from '../errors.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_RETRY_DELAY_MS } from '../transport/channel-options.js';
import type { ChannelSettings } from '../transport/types.js';
import type { MilvusClientOptions } from './options.js';

/**
 * The channel settings of a client whose channel metadata is `metadata` (live: later changes reach later
 * calls). Throws `InvalidInputError` for a `maxRetries` that is not a whole number ≥ 0, a `retryDelay` that
 * is not a number of ms ≥ 0, or `channelOptions` that is not an object.
 */
export function channelSettingsOf(options: MilvusClientOptions, metadata: ReadonlyMap<string, string>): ChannelSettings {
  const given = options.channelOptions;
  if (given !== undefined && given !== null && (typeof given !== 'object' || Array.isArray(given))) {
    throw new InvalidInputError(`channelOptions must be an object of gRPC channel options, got ${describeValue(given)}`, { field: 'channelOptions' });
  }
  return {
    ...(given ? { given } : {}),
    metadata,
    trace: options.trace === true,
    maxRetries: nonNegative(options.maxRetries, 'maxRetries', true) ?? DEFAULT_MAX_RETRIES,
    retryDelayMs: nonNegative(options.retryDelay, 'retryDelay', false) ?? DEFAULT_RETRY_DELAY_MS,
  };
}

function nonNegative(value: unknown, what: string, whole: boolean): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && value >= 0 && Number.isFinite(value) && (!whole || Number.isInteger(value))) return value;
  throw new InvalidInputError(`${what} must be ${whole ? 'a whole number' : 'a number of milliseconds'} ≥ 0, got ${describeValue(value)}`, { field: what });
}
