/**
 * The fixture of the write tests that run against one in-process sink: the sink for the whole file, a
 * fresh client for every test, and after every test each row that reached the sink checked, field by
 * field, against the input row it claims to be.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { MilvusClient, type MilvusClientOptions } from '../../src/index.js';
import { startWriteSink, type WriteSink } from '../fakes/write-sink.js';
import { expectEveryRowOnce, expectRowsAsSent, type SinkField } from './write-checks.js';

/** The sink and this test's client (valid inside tests and hooks only). */
export interface SinkFixture {
  readonly sink: WriteSink;
  readonly client: MilvusClient;
  /** Asserts that the sink received input rows `[0, n)` exactly once each, every field as the input gave it. */
  expectEveryRowOnce(n: number): void;
}

/**
 * Registers the hooks and returns the fixture: a sink describing a collection of `fields`, clients made
 * with `options`, and input row `i` being `row(i)` (the rows' `id` being their position).
 */
export function useWriteSink(fields: SinkField[], row: (index: number) => Record<string, unknown>, options: Omit<MilvusClientOptions, 'uri'>): SinkFixture {
  let sink: WriteSink | undefined;
  let client: MilvusClient | undefined;
  beforeAll(async () => {
    sink = await startWriteSink({ fields });
  });
  afterAll(async () => {
    await sink?.close();
  });
  beforeEach(() => {
    sink!.reset();
    client = new MilvusClient({ ...options, uri: sink!.uri });
  });
  afterEach(async () => {
    await client?.close();
    // Whatever reached the server, in any test, is the input rows it claims to be, field by field.
    expectRowsAsSent(sink!.calls, row, fields);
  });
  return {
    get sink() {
      return sink!;
    },
    get client() {
      return client!;
    },
    expectEveryRowOnce: (n) => expectEveryRowOnce(expectRowsAsSent(sink!.calls, row, fields), n),
  };
}

/**
 * A signal that aborts, like a user pressing ctrl-c, when the sink receives call number `index` (from 0);
 * meanwhile every call is answered with success after `delayMs`, so some are still in flight then.
 */
export function abortAtCall(sink: WriteSink, index: number, delayMs = 20): AbortSignal {
  const controller = new AbortController();
  sink.respond(async (call) => {
    if (call.index === index) controller.abort(new Error('user pressed ctrl-c'));
    await new Promise<void>((resolve) => setTimeout(resolve, delayMs));
    return { kind: 'ok' };
  });
  return controller.signal;
}
