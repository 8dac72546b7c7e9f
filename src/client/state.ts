/**
 * The private state of a `MilvusClient`: its connection, schema cache and write settings. Kept out of the
 * public object (a WeakMap, not fields) so the client's surface is the SDK's, and reached by the method
 * modules through {@link stateOf}. (Not to be confused with the encoder's cores in `codec/`.)
 */
import { MilvusError, MilvusErrorCode } from '../errors.js';
import type { Engine } from '../codec/types.js';
import type { IngestSettings } from '../ingest/settings.js';
import type { Connection } from './connection.js';
import type { SchemaCache } from './schema-cache.js';

/** What every method of a client works with. */
export interface ClientState {
  readonly conn: Connection;
  /** Which insert encoder this client's writes use. */
  readonly engine: Engine;
  readonly schemas: SchemaCache;
  readonly ingest: IngestSettings;
}

const states = new WeakMap<object, ClientState>();

/** Binds a client object to its state (once, in its constructor). */
export function attachState(client: object, state: ClientState): void {
  states.set(client, state);
}

/** The state of a client; `MilvusError` (Internal) when a method is called on something that is not one. */
export function stateOf(client: object): ClientState {
  const state = states.get(client);
  if (!state) throw new MilvusError(MilvusErrorCode.Internal, 'a MilvusClient method was called on an object that is not a MilvusClient (was it detached from its client?)');
  return state;
}
