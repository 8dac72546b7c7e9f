/**
 * What differs between Node and browsers, installed by the package entry that was loaded: how a transport
 * to a remote server is opened (gRPC or gRPC-Web), and whether a local path can start an embedded Milvus
 * Lite. The client reaches Node-only modules (grpc-js, the launcher) only through here, so the browser
 * entry never imports them.
 */
import { MilvusErrorCode, MilvusError } from '../errors.js';
import type { ChannelSettings, Transport, TransportFactory, TransportOptions } from '../transport/types.js';

/** An embedded server started for a local data file, with the transport to it. */
export interface EmbeddedServer {
  transport: Transport;
  /** Stops the server once no client uses it any more. */
  release(): Promise<void>;
}

/** Options of {@link ClientRuntime.startLocalServer}: the transport's, but for where the server is. */
export interface LocalServerOptions extends Omit<TransportOptions, 'address' | 'tls'> {
  dbPath: string;
  onProgress?: (message: string) => void;
}

/** The platform-specific half of the client. */
export interface ClientRuntime {
  /**
   * The channel options of a client (`client.channelOptions`), made once as it is constructed and handed to
   * its transport: in Node with the grpc-js interceptors, in browsers without. Throws `InvalidInputError`
   * for settings the runtime cannot honour.
   */
  channelOptions(settings: ChannelSettings): Record<string, unknown>;
  /** Opens a transport to a remote server (`host:port`). */
  openTransport: TransportFactory;
  /** Starts (or shares) an embedded Milvus Lite for a local data file; absent where none can run (browsers). */
  startLocalServer?: (options: LocalServerOptions) => Promise<EmbeddedServer>;
}

let installed: ClientRuntime | undefined;

/** Called once by the package entry (`index.ts` for Node, `browser.ts` for browsers) as it loads. */
export function installClientRuntime(runtime: ClientRuntime): void {
  installed = runtime;
}

/** The installed runtime. Throws `MilvusError` (Internal) when the client was loaded without an entry. */
export function clientRuntime(): ClientRuntime {
  if (!installed) {
    throw new MilvusError(MilvusErrorCode.Internal, 'no transport is installed: import MilvusClient from the package ("milvus-wasm"), not from an internal module');
  }
  return installed;
}
