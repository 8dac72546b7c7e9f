/**
 * The private half of a `MilvusClient`: its connection, schema cache and write settings. Kept out of the
 * public object (a WeakMap, not fields) so the client's surface is the SDK's, and reached by the method
 * modules through {@link coreOf}.
 */
import { MilvusError, MilvusErrorCode } from '../errors.js';
import type { IngestSettings } from '../ingest/settings.js';
import type { Connection } from './connection.js';
import type { SchemaCache } from './schema-cache.js';

/** What every method of a client works with. */
export interface ClientCore {
  readonly conn: Connection;
  readonly schemas: SchemaCache;
  readonly ingest: IngestSettings;
}

const cores = new WeakMap<object, ClientCore>();

/** Binds a client object to its core (once, in its constructor). */
export function attachCore(client: object, core: ClientCore): void {
  cores.set(client, core);
}

/** The core of a client; `MilvusError` (Internal) when a method is called on something that is not one. */
export function coreOf(client: object): ClientCore {
  const core = cores.get(client);
  if (!core) throw new MilvusError(MilvusErrorCode.Internal, 'a MilvusClient method was called on an object that is not a MilvusClient (was it detached from its client?)');
  return core;
}
