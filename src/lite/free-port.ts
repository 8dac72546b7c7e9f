/** Finds a free TCP port on the loopback interface for the embedded server. */
import { createServer } from 'node:net';

/**
 * Binds `host:0`, reads the port the OS chose, and closes it again. Another process may take the
 * port before the caller binds it, so the caller must retry on a bind failure.
 */
export function pickFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error(`no port from ${String(address)}`))));
    });
  });
}
