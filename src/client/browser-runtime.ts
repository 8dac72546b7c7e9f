/** The browser half of the client: gRPC-Web over `fetch`, and no embedded server. */
import { createGrpcWebTransport } from '../transport/grpc-web.js';
import type { ClientRuntime } from './runtime.js';

/** Installed by the browser entry (`src/browser.ts`). */
export const browserRuntime: ClientRuntime = {
  openTransport: createGrpcWebTransport,
};
