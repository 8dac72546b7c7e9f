/** The browser half of the client: gRPC-Web over `fetch`, no grpc-js interceptors, and no embedded server. */
import { browserChannelOptions } from '../transport/channel-options.js';
import { createGrpcWebTransport } from '../transport/grpc-web.js';
import type { ClientRuntime } from './runtime.js';

/** Installed by the browser entry (`src/browser.ts`). */
export const browserRuntime: ClientRuntime = {
  channelOptions: browserChannelOptions,
  openTransport: createGrpcWebTransport,
};
