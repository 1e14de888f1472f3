// The raw baselines' servers, each in a process of its own as the meeting server is (so both
// sides of every ratio have a core to themselves and the clients the other):
//   echo             a bare Socket.IO server acknowledging every `echo` with its payload
//   broadcast        a bare `ws` server: a message `{"size":N}` from one client sends N bytes to all others
//   static <folder>  Node's http + fs.createReadStream serving the folder's files by name
// Prints `{"port":N}` once listening.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, join } from 'node:path';
import { Server } from 'socket.io';
import { WebSocketServer, type WebSocket } from 'ws';

const [kind, folder] = process.argv.slice(2);
const http = createServer();
// Fastify's default, which the meeting server keeps: with Node's own 5 s, a client reading the
// end of a large answer slowly (200 at once) finds its keep-alive connection closed just as it
// sends the next request ("socket hang up"), and the run fails for the baseline's sake.
http.keepAliveTimeout = 72_000;

if (kind === 'echo') {
  const io = new Server(http, { serveClient: false });
  io.on('connection', (socket) =>
    socket.on('echo', (payload: unknown, ack: (answer: unknown) => void) => ack({ ok: true, data: payload })),
  );
} else if (kind === 'broadcast') {
  const wss = new WebSocketServer({ server: http });
  const bodies = new Map<number, string>();
  /** A JSON text of exactly `size` bytes (ASCII). */
  const body = (size: number) => {
    let text = bodies.get(size);
    if (!text) {
      text = JSON.stringify({ pad: '' }).replace('""', `"${'x'.repeat(Math.max(0, size - 10))}"`);
      bodies.set(size, text);
    }
    return text;
  };
  wss.on('connection', (sender: WebSocket) =>
    sender.on('message', (data) => {
      const text = body(Number((JSON.parse(String(data)) as { size: number }).size));
      for (const client of wss.clients) if (client !== sender) client.send(text);
    }),
  );
} else if (kind === 'static' && folder) {
  http.on('request', (request, response) => {
    const file = join(folder, basename(decodeURIComponent(request.url ?? '/')));
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': size });
    createReadStream(file).pipe(response);
  });
} else {
  throw new Error(`unknown baseline: ${String(kind)}`);
}

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
