import type { Server as HttpServer } from 'node:http';
import { BlockList, isIP, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { issueServerCertificate, type ServerCertificate } from './issue-certificates.js';
import type { MeetingCa } from './meeting-ca.js';
import { defaultServerNames, isLoopbackAddress, tlsByDefault } from './server-names.js';

/** The first byte of a TLS record carrying a handshake (a ClientHello). */
const TLS_HANDSHAKE = 0x16;
/** A peer that connects and says nothing is dropped after this long. */
const FIRST_BYTE_MS = 10_000;
/** How much of a plain request from afar is read to find its Host and path. */
const PLAIN_HEAD_LIMIT = 8 * 1024;

export interface TlsMaterial {
  /** PEM of the server's key. */
  key: string;
  /** PEM of the server's certificate followed by the CA's. */
  cert: string;
}

/**
 * Makes an HTTP server (Fastify's, with Socket.IO attached) answer TLS on its own port: each
 * new connection's first byte is read; a TLS ClientHello goes through a TLS server whose
 * secured sockets are handed back to the HTTP server (so Fastify and Socket.IO see one
 * server, and its `closeAllConnections` reaches them); plain HTTP is served only to loopback
 * peers (development, tests, `http://localhost:8080`) and the `plainFrom` addresses (the
 * trusted proxies: a balancer that ends TLS itself). Plain HTTP from any other peer is
 * answered with a redirect to https (or a short text), never with the app.
 */
export function serveTlsOnSamePort(server: HttpServer, material: TlsMaterial, plainFrom: string[] = []): void {
  const plainAllowed = addressMatcher(plainFrom);
  const tlsServer = createTlsServer({
    key: material.key,
    cert: material.cert,
    minVersion: 'TLSv1.2',
    ALPNProtocols: ['http/1.1'],
    // A peer that starts a handshake and goes quiet is dropped as soon as one that sends nothing.
    handshakeTimeout: FIRST_BYTE_MS,
  });
  // Every raw connection: a stop destroys those not yet the HTTP server's (a silent peer, a
  // handshake), and the others are gone by then.
  const raw = new Set<Socket>();
  const handOver = new WeakSet<Socket>();
  // The HTTP server's own handling of a connection, kept to be called once a socket is told apart.
  const httpListeners = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  const serveHttp = (socket: Socket) => {
    for (const listener of httpListeners) listener.call(server, socket);
  };

  server.on('connection', (socket: Socket) => {
    if (handOver.has(socket)) {
      serveHttp(socket);
      return;
    }
    raw.add(socket);
    socket.once('close', () => raw.delete(socket));
    socket.setTimeout(FIRST_BYTE_MS, () => socket.destroy());
    socket.once('error', () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      socket.unshift(chunk);
      socket.setTimeout(0);
      if (chunk[0] === TLS_HANDSHAKE) {
        // TLSSocket reads what is already buffered (the unshifted ClientHello) first.
        tlsServer.emit('connection', socket);
      } else if (isLoopbackAddress(socket.remoteAddress) || plainAllowed(socket.remoteAddress)) {
        handOver.add(socket);
        server.emit('connection', socket);
        socket.resume();
      } else {
        refusePlain(socket);
      }
    });
  });

  tlsServer.on('secureConnection', (tlsSocket: TLSSocket) => {
    handOver.add(tlsSocket);
    server.emit('connection', tlsSocket);
  });
  tlsServer.on('tlsClientError', (_error, tlsSocket) => tlsSocket.destroy());

  const closeAll = server.closeAllConnections.bind(server);
  server.closeAllConnections = () => {
    closeAll();
    for (const socket of raw) socket.destroy();
    raw.clear();
  };
}

/** A plain request from afar: a redirect to the same address over https, then the connection ends. */
function refusePlain(socket: Socket): void {
  let head = '';
  const answer = () => {
    socket.removeAllListeners('data');
    const match = /^[A-Z]+ (\/[^\s]*) HTTP\/1\.[01]\r?\n/.exec(head);
    const host = /\r?\nhost:[ \t]*([A-Za-z0-9.\-:[\]]{1,300})[ \t]*\r?\n/i.exec(head)?.[1];
    const body = 'This meeting server answers only over HTTPS.\n';
    const status = match && host ? '308 Permanent Redirect' : '400 Bad Request';
    const location = match && host ? `location: https://${host}${match[1] ?? '/'}\r\n` : '';
    socket.end(
      `HTTP/1.1 ${status}\r\n${location}content-type: text/plain; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  };
  // A fixed deadline, not an idle timer: a byte every few seconds must not hold the connection.
  const deadline = setTimeout(() => socket.destroy(), FIRST_BYTE_MS);
  socket.once('close', () => clearTimeout(deadline));
  socket.on('data', (chunk: Buffer) => {
    head += chunk.toString('latin1');
    if (/\r?\n\r?\n/.test(head) || head.length >= PLAIN_HEAD_LIMIT) answer();
  });
  socket.resume();
}

export interface TlsChoice {
  /** The host the server listens on: TLS is on by default unless it is a loopback address. */
  host: string;
  /** true/false forces TLS on or off; undefined: by `host`. */
  tls?: boolean | undefined;
  /** Names and addresses of the certificate; undefined or empty: `defaultServerNames()`. */
  tlsNames?: string[] | undefined;
  /** Addresses or CIDRs besides loopback served plain HTTP (the `--trust-proxy` balancer). */
  plainFrom?: string[] | undefined;
}

/**
 * Decides whether this start serves TLS; if so, issues its certificate from the meeting CA
 * and puts TLS in front of `server`. The certificate, or null when the server stays plain.
 */
export function startTls(ca: MeetingCa, server: HttpServer, choice: TlsChoice, now: Date): ServerCertificate | null {
  if (!(choice.tls ?? tlsByDefault(choice.host))) return null;
  const names = choice.tlsNames?.length ? choice.tlsNames : defaultServerNames();
  const certificate = issueServerCertificate(ca, names, now);
  serveTlsOnSamePort(server, { key: certificate.keyPem, cert: certificate.chainPem }, choice.plainFrom);
  return certificate;
}

/** `10.0.0.2`, `10.1.0.0/16`, `fd00::/8` (already checked by the configuration). */
function addressMatcher(entries: string[]): (address: string | undefined) => boolean {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    if (!address) return false;
    const plain =
      address.toLowerCase().startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    return list.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
  };
}
