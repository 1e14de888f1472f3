import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { connect as netConnect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, type ConnectionOptions, type DetailedPeerCertificate } from 'node:tls';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app.js';
import { readConfig } from '../../server/config.js';
import { createDatabase, dropDatabase, TEST_ENGINE } from '../support/postgres.js';

/**
 * The server with TLS: HTTPS and WSS on its port under a certificate from the meeting CA,
 * plain HTTP on the same port for loopback peers only.
 */

let server: RunningServer;
let password: string;
const dirs: string[] = [];
const databases: string[] = [];
const NAMES = ['localhost', '127.0.0.1', 'phong-hop.example'];

async function start(options: {
  host: string;
  tls?: boolean;
  tlsNames?: string[];
  trustProxy?: string[];
}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cabinet-tls-'));
  dirs.push(dataDir);
  let databaseUrl: string | undefined;
  if (TEST_ENGINE === 'postgres') {
    const db = await createDatabase();
    databases.push(db.name);
    databaseUrl = db.url;
  }
  return startServer({ dataDir, databaseUrl, port: 0, logLevel: 'silent', seedDemo: false, ...options });
}

beforeAll(async () => {
  server = await start({ host: '127.0.0.1', tls: true, tlsNames: NAMES });
  password = server.firstAdminPassword ?? '';
});
afterAll(async () => {
  await server.close();
  for (const d of dirs) {
    rmSync(d, { recursive: true, force: true });
    rmSync(`${d}.ca-key`, { force: true });
  }
  for (const name of databases) await dropDatabase(name);
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  send: typeof httpsRequest | typeof httpRequest,
  url: string,
  options: RequestOptions & { body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = send(url, { ...options, headers: { 'content-type': 'application/json', ...options.headers } });
    req.once('error', reject);
    req.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.end(options.body);
  });
}

function login(ca: string | undefined): Promise<Answer> {
  return call(httpsRequest, `${server.url}/api/auth/login`, {
    method: 'POST',
    ...(ca ? { ca: [ca] } : {}),
    body: JSON.stringify({ username: 'admin', password }),
  });
}

function socketConnects(url: string, options: Record<string, unknown>): Promise<Socket> {
  const socket = io(url, { reconnection: false, ...options });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

function peerOf(options: ConnectionOptions): Promise<{
  protocol: string | null;
  peer: DetailedPeerCertificate;
}> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect(options);
    socket.once('secureConnect', () => {
      const result = { protocol: socket.getProtocol(), peer: socket.getPeerCertificate(true) };
      socket.end();
      resolve(result);
    });
    socket.once('error', reject);
  });
}

describe('TLS', () => {
  it('serves https; a client that does not trust the meeting CA is refused', async () => {
    expect(server.tls).toBe(true);
    expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
    await expect(login(undefined)).rejects.toMatchObject({ code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    await expect(socketConnects(server.url, { transports: ['websocket'], auth: { token: 'x' } })).rejects.toMatchObject(
      { message: expect.stringMatching(/websocket error/) },
    );
    await expect(socketConnects(server.url, { transports: ['polling'], auth: { token: 'x' } })).rejects.toMatchObject({
      message: expect.stringMatching(/xhr poll error/),
    });
  });

  it('a client given the CA signs in and syncs over WSS and over polling', async () => {
    const answer = await login(server.caCertificatePem);
    expect(answer.status).toBe(200);
    // A page served over TLS names its wss: origin for Socket.IO (older WebKit needs it named).
    expect(answer.headers['content-security-policy']).toContain(`connect-src 'self' wss://127.0.0.1:${server.port}`);
    const { token } = JSON.parse(answer.body) as { token: string };
    for (const transports of [['websocket'], ['polling']]) {
      const socket = await socketConnects(server.url, { transports, auth: { token }, ca: [server.caCertificatePem] });
      const synced = (await socket.timeout(5000).emitWithAck('session:sync', { cursors: {} })) as { ok: boolean };
      expect(synced.ok).toBe(true);
      socket.disconnect();
    }
  });

  it('plain HTTP and Socket.IO still answer loopback peers on the same port', async () => {
    const plainUrl = `http://127.0.0.1:${server.port}`;
    const health = await call(httpRequest, `${plainUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
    expect(health.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    const answer = await call(httpRequest, `${plainUrl}/api/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(answer.status).toBe(200);
    const { token } = JSON.parse(answer.body) as { token: string };
    const socket = await socketConnects(plainUrl, { transports: ['websocket'], auth: { token } });
    expect(socket.connected).toBe(true);
    socket.disconnect();
    const ca = await call(httpRequest, `${plainUrl}/api/pki/ca`);
    expect(ca.headers['content-type']).toBe('application/x-pem-file');
    expect(ca.body).toBe(server.caCertificatePem);
  });

  it('speaks TLS 1.2 or newer only, and its certificate names the configured names, chained to the CA', async () => {
    const { protocol, peer } = await peerOf({
      host: '127.0.0.1',
      port: server.port,
      servername: 'phong-hop.example',
      ca: [server.caCertificatePem],
    });
    expect(['TLSv1.2', 'TLSv1.3']).toContain(protocol);
    expect(peer.subjectaltname).toBe('DNS:localhost, IP Address:127.0.0.1, DNS:phong-hop.example');
    expect(peer.issuerCertificate.fingerprint256).toBe(server.caFingerprint);
    expect(new X509Certificate(peer.raw).checkIssued(new X509Certificate(server.caCertificatePem))).toBe(true);
    await expect(
      peerOf({ host: '127.0.0.1', port: server.port, ca: [server.caCertificatePem], maxVersion: 'TLSv1.1' }),
    ).rejects.toThrow();
    // A name the certificate does not carry is refused by the client's host check.
    await expect(
      peerOf({ host: '127.0.0.1', port: server.port, servername: 'elsewhere.example', ca: [server.caCertificatePem] }),
    ).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('a stop is prompt with a WSS socket open and a peer that never spoke', async () => {
    const other = await start({ host: '127.0.0.1', tls: true });
    const { token } = JSON.parse(
      (
        await call(httpsRequest, `${other.url}/api/auth/login`, {
          method: 'POST',
          ca: [other.caCertificatePem],
          body: JSON.stringify({ username: 'admin', password: other.firstAdminPassword }),
        })
      ).body,
    ) as { token: string };
    const socket = await socketConnects(other.url, {
      transports: ['websocket'],
      auth: { token },
      ca: [other.caCertificatePem],
    });
    const silent = netConnect(other.port, '127.0.0.1');
    await new Promise((resolve) => silent.once('connect', resolve));
    const halfway = tlsConnect({ host: '127.0.0.1', port: other.port, rejectUnauthorized: false });
    halfway.on('error', () => undefined);
    await new Promise((resolve) => halfway.once('secureConnect', resolve));
    const began = Date.now();
    await other.close();
    expect(Date.now() - began).toBeLessThan(3000);
    socket.disconnect();
    silent.destroy();
    halfway.destroy();
  });
});

describe('TLS beyond loopback', () => {
  it('is on by default on 0.0.0.0; plain HTTP from a non-loopback address is redirected, never served', async () => {
    const address = Object.values(networkInterfaces())
      .flat()
      .find((e) => e && !e.internal && e.family === 'IPv4')?.address;
    // This machine's own non-loopback address is the peer a tablet would be.
    expect(address, 'a non-loopback IPv4 address on this machine').toBeDefined();
    const open = await start({ host: '0.0.0.0' });
    try {
      expect(open.tls).toBe(true);
      expect(open.url.startsWith('https://')).toBe(true);
      const plain = await call(httpRequest, `http://${address}:${open.port}/api/health?x=1`, {
        localAddress: address,
      });
      expect(plain.status).toBe(308);
      expect(plain.headers.location).toBe(`https://${address}:${open.port}/api/health?x=1`);
      expect(plain.body).not.toContain('"status"');
      const app = await call(httpRequest, `http://${address}:${open.port}/`, { localAddress: address });
      expect(app.status).toBe(308);
      expect(app.body).not.toContain('<html');
      // Over https at that address (a default name of the certificate), it answers.
      const secure = await call(httpsRequest, `https://${address}:${open.port}/api/health`, {
        ca: [open.caCertificatePem],
        localAddress: address,
      });
      expect(secure.status).toBe(200);
      // From loopback, still plain.
      expect((await call(httpRequest, `http://127.0.0.1:${open.port}/api/health`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('serves plain HTTP to a trusted proxy (a balancer that ends TLS itself), and to nobody else', async () => {
    const address = Object.values(networkInterfaces())
      .flat()
      .find((e) => e && !e.internal && e.family === 'IPv4')?.address;
    expect(address, 'a non-loopback IPv4 address on this machine').toBeDefined();
    const behind = await start({ host: '0.0.0.0', trustProxy: [`${address}/32`] });
    try {
      const plain = await call(httpRequest, `http://${address}:${behind.port}/api/health`, { localAddress: address });
      expect(plain.status).toBe(200);
    } finally {
      await behind.close();
    }
    const other = await start({ host: '0.0.0.0', trustProxy: ['10.255.255.1'] });
    try {
      const plain = await call(httpRequest, `http://${address}:${other.port}/api/health`, { localAddress: address });
      expect(plain.status).toBe(308);
    } finally {
      await other.close();
    }
  });

  it('the configuration turns TLS on beyond loopback unless told otherwise', () => {
    expect(readConfig([], {}).tls).toBe(true);
    expect(readConfig(['--host', '192.168.1.10'], {}).tls).toBe(true);
    expect(readConfig(['--host', '127.0.0.1'], {}).tls).toBe(false);
    expect(readConfig(['--host', '::1'], {}).tls).toBe(false);
    expect(readConfig(['--host', 'localhost'], {}).tls).toBe(false);
    expect(readConfig(['--host', '127.0.0.1', '--tls'], {}).tls).toBe(true);
    expect(readConfig(['--no-tls'], {}).tls).toBe(false);
    expect(readConfig([], { CABINET_TLS: '0' }).tls).toBe(false);
    expect(readConfig([], { CABINET_HOST: '127.0.0.1', CABINET_TLS: 'yes' }).tls).toBe(true);
    expect(() => readConfig(['--tls', '--no-tls'], {})).toThrow(/contradict/);
    expect(() => readConfig([], { CABINET_TLS: 'maybe' })).toThrow(/CABINET_TLS/);
    expect(readConfig(['--tls-names', 'a.example, 10.0.0.2,fd00::2'], {}).tlsNames).toEqual([
      'a.example',
      '10.0.0.2',
      'fd00::2',
    ]);
    expect(readConfig([], { CABINET_TLS_NAMES: 'phong-hop' }).tlsNames).toEqual(['phong-hop']);
    expect(() => readConfig(['--tls-names', 'bad name'], {})).toThrow(/--tls-names/);
    expect(readConfig(['--ca-key-file', 'k'], {}).caKeyFile).toBe(join(process.cwd(), 'k'));
    expect(readConfig([], { CABINET_CA_ORGANIZATION: 'Sở Nội vụ' }).caOrganization).toBe('Sở Nội vụ');
  });
});
