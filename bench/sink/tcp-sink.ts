/**
 * The raw-TCP floor's receiver, in its own process like the gRPC sink: on 127.0.0.1 it reads frames of a
 * 4-byte big-endian length and that many bytes, and answers each complete frame with its length (4 bytes),
 * so the sender knows every byte arrived. No HTTP/2, no gRPC: what loopback TCP between two Node
 * processes costs. Prints `PORT <n>` once it listens.
 *
 * Run: node --import tsx bench/sink/tcp-sink.ts
 */
import { createServer, type Socket } from 'node:net';

function serve(socket: Socket): void {
  let need = -1;
  let got = 0;
  let header = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length) {
      if (need < 0) {
        const take = Math.min(4 - header.length, chunk.length - at);
        header = Buffer.concat([header, chunk.subarray(at, at + take)]);
        at += take;
        if (header.length < 4) return;
        need = header.readUInt32BE(0);
        got = 0;
      }
      const take = Math.min(need - got, chunk.length - at);
      got += take;
      at += take;
      if (got === need) {
        socket.write(header);
        header = Buffer.alloc(0);
        need = -1;
      }
    }
  });
  socket.on('error', () => socket.destroy());
}

const server = createServer(serve);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT ${(server.address() as { port: number }).port}\n`);
});
// Nothing to flush: exit at once, open connections or not.
const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop).resume();
