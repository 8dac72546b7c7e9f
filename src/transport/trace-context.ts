/**
 * W3C trace context from OpenTelemetry, for `trace: true` in Node. `@opentelemetry/api` is not a
 * dependency: it is looked up, once, on the first traced call, from where milvus-wasm is installed (so the
 * application's copy is found), and when it is not installed tracing does nothing. The API keeps its state
 * (the registered propagator, the active context) in one global, so any copy of a compatible version sees the
 * application's setup.
 */
import { createRequire } from 'node:module';
import { MilvusError, MilvusErrorCode } from '../errors.js';
import type { TraceInjector } from './types.js';

/** The part of `@opentelemetry/api` used here. */
export interface OpenTelemetryApi {
  context: { active(): unknown };
  propagation: { inject(context: unknown, carrier: Record<string, string>): void };
}

/** `@opentelemetry/api`, or `null` when it is not installed. Throws `MilvusError` when it is but cannot be loaded. */
export function loadOpenTelemetry(): OpenTelemetryApi | null {
  // CJS bundles have __filename; ESM has import.meta.url. Only the branch that exists is evaluated.
  const requireHere = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  let api: Partial<OpenTelemetryApi>;
  try {
    api = requireHere('@opentelemetry/api') as Partial<OpenTelemetryApi>;
  } catch (cause) {
    if ((cause as { code?: unknown }).code === 'MODULE_NOT_FOUND') return null;
    throw new MilvusError(MilvusErrorCode.Internal, `trace: @opentelemetry/api is installed but could not be loaded: ${(cause as Error).message}`, { cause });
  }
  if (typeof api.propagation?.inject !== 'function' || typeof api.context?.active !== 'function') {
    throw new MilvusError(MilvusErrorCode.Internal, 'trace: the installed @opentelemetry/api has no propagation.inject or context.active');
  }
  return api as OpenTelemetryApi;
}

/**
 * An injector that writes the active context of the API `load` returns, through the globally registered
 * propagator (the W3C one writes `traceparent` and `tracestate`). `load` runs on the first call only; when it
 * returns `null` every call is left as it is.
 */
export function traceInjectorFrom(load: () => OpenTelemetryApi | null): TraceInjector {
  let api: OpenTelemetryApi | null | undefined;
  return (carrier) => {
    if (api === undefined) api = load();
    api?.propagation.inject(api.context.active(), carrier);
  };
}

/** The injector behind `trace: true`. */
export const injectOpenTelemetryContext: TraceInjector = traceInjectorFrom(loadOpenTelemetry);
