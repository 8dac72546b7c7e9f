/**
 * The grpc-js interceptors of the Node transport, in the order the official Node SDK installs them, and the
 * channel options that carry them (`client.channelOptions`, as the SDK exposes its own):
 *
 * 1. metadata: the channel metadata (`authorization`, `dbname`, `identifier`) on every call, read as the call
 *    starts; a key the call set itself (a per-call `dbname`, `client-request-id`) is kept;
 * 2. request time: `client-request-unixmsec`, when the call was issued;
 * 3. trace (only with `trace`): W3C trace context of the active OpenTelemetry context;
 * 4. the caller's own `channelOptions.interceptors` (and `interceptor_providers`), which so see the complete
 *    metadata, once per call, and the final outcome;
 * 5. retry (innermost, where gRPC's own transparent retry sits): resends a call that never reached the server.
 */
import * as grpc from '@grpc/grpc-js';
import { InvalidInputError, describeValue } from '../errors.js';
import { REQUEST_TIME_KEY } from './call-metadata.js';
import { channelOptionsWith } from './channel-options.js';
import { retryInterceptor } from './grpc-retry.js';
import { injectOpenTelemetryContext } from './trace-context.js';
import type { ChannelSettings, TraceInjector } from './types.js';

/** Adds every entry of `channel` the call has not set itself. */
export function metadataInterceptor(channel: ReadonlyMap<string, string>): grpc.Interceptor {
  return (options, nextCall) => new grpc.InterceptingCall(nextCall(options), {
    start(metadata, listener, next) {
      for (const [key, value] of channel) {
        if (metadata.get(key).length === 0) metadata.set(key, value);
      }
      next(metadata, listener);
    },
  });
}

/** Adds `client-request-unixmsec`: the time the call was issued, in ms since the epoch (as the SDK does). */
export function requestTimeInterceptor(): grpc.Interceptor {
  return (options, nextCall) => new grpc.InterceptingCall(nextCall(options), {
    start(metadata, listener, next) {
      metadata.set(REQUEST_TIME_KEY, String(Date.now()));
      next(metadata, listener);
    },
  });
}

/** Text metadata keys grpc-js accepts (a propagator writing anything else is ignored rather than failing the call). */
const TEXT_KEY = /^[0-9a-z_.-]+$/;

/** Adds what `inject` writes into a fresh carrier (the W3C propagator: `traceparent`, `tracestate`). */
export function traceInterceptor(inject: TraceInjector): grpc.Interceptor {
  return (options, nextCall) => new grpc.InterceptingCall(nextCall(options), {
    start(metadata, listener, next) {
      const carrier: Record<string, string> = {};
      inject(carrier);
      for (const [key, value] of Object.entries(carrier)) {
        if (typeof value === 'string' && value !== '' && TEXT_KEY.test(key) && !key.endsWith('-bin')) metadata.set(key, value);
      }
      next(metadata, listener);
    },
  });
}

/**
 * The channel options of a Node client: the defaults, the caller's options over them, and `interceptors` in
 * the order above. Throws `InvalidInputError` when the caller's `interceptors` or `interceptor_providers` is
 * not an array of functions.
 */
export function grpcChannelOptions(settings: ChannelSettings): Record<string, unknown> {
  const { interceptors: own, interceptor_providers: providers, ...given } = settings.given ?? {};
  const interceptors: grpc.Interceptor[] = [metadataInterceptor(settings.metadata), requestTimeInterceptor()];
  if (settings.trace) interceptors.push(traceInterceptor(settings.trace === true ? injectOpenTelemetryContext : settings.trace));
  interceptors.push(...functions<grpc.Interceptor>(own, 'interceptors'));
  // grpc-js takes interceptors or providers, not both: a provider becomes the interceptor it provides per method.
  for (const provider of functions<grpc.InterceptorProvider>(providers, 'interceptor_providers')) {
    interceptors.push((options, nextCall) => (provider(options.method_definition) ?? passThrough)(options, nextCall));
  }
  interceptors.push(retryInterceptor(settings));
  return { ...channelOptionsWith(given), interceptors };
}

const passThrough: grpc.Interceptor = (options, nextCall) => new grpc.InterceptingCall(nextCall(options));

function functions<T>(value: unknown, name: string): T[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((f) => typeof f === 'function')) return value as T[];
  throw new InvalidInputError(`channelOptions.${name} must be an array of grpc-js ${name === 'interceptors' ? 'interceptors' : 'interceptor providers'} (functions), got ${describeValue(value)}`,
    { field: `channelOptions.${name}` });
}
