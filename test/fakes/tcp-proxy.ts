/**
 * A loopback TCP proxy in front of a test server, so a test can drop every connection at a chosen
 * moment (after a request went through, before its answer) exactly as a crashed server or a broken
 * network would. Not a server of its own but a fake network, kept with the fake servers it sits in
 * front of.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface TcpProxy {
  uri: string;
  /** Destroys every open connection, both sides. New connections are still accepted. */
  cut(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    uri: `http://127.0.0.1:${port}`,
    cut: () => {
      for (const s of open) s.destroy();
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      server.close(() => resolve());
    }),
  };
}
