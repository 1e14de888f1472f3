import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type DemoAccount, type RunningServer } from '../../server/app.js';
import { openPrivateKey, readKeyFile } from '../../server/pki/key-encryption.js';
import { freePort, LoggingServer } from '../support/server-process.js';
import { makeDeviceKey, requestFor } from '../support/signing-device.js';

/**
 * The meeting CA's key and its key-encryption key against an attacker who reads what the
 * server writes and answers (logs at info, API answers, the data folder), and the TLS front
 * against peers that speak slowly, badly or not at all.
 */

describe('the CA key in logs and answers', () => {
  let server: LoggingServer | null = null;
  let dataDir: string;
  let port: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cabinet-keyleak-'));
    port = await freePort();
    server = new LoggingServer(dataDir, port, 'debug');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no server: ${server.output}`);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.ca-key`, { force: true });
  });

  // The server process runs on its own SQLite file whatever the project's engine.
  it('neither the CA private key nor its KEK is in the logs (debug), or any API answer; the key file and the ca folder are private', async () => {
    const url = `http://127.0.0.1:${port}`;
    const accounts = JSON.parse(readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
    const answers: string[] = [];
    const call = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${url}${path}`, init);
      const text = Buffer.from(await res.arrayBuffer()).toString('latin1');
      answers.push(text);
      return { status: res.status, text };
    };
    const admin = accounts.find((a) => a.username === 'admin')!;
    const login = JSON.parse(
      (
        await call('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: admin.username, password: admin.password }),
        })
      ).text,
    ) as { token: string; user: { id: string } };
    const auth = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };
    const code = JSON.parse(
      (
        await call('/api/pki/enrollment-codes', {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ userId: login.user.id }),
        })
      ).text,
    ) as { code: string };
    const csr = await requestFor(await makeDeviceKey(), login.user.id);
    const enrolled = await call('/api/pki/enroll', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ code: code.code, deviceName: 'Máy quản trị', csr }),
    });
    expect(enrolled.status).toBe(201);
    const fingerprint = (JSON.parse(enrolled.text) as { info: { fingerprint: string } }).info.fingerprint;
    await call('/api/pki/enroll', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        code: 'AAAA-BBBB-CCCC',
        deviceName: 'x',
        csr: Buffer.alloc(600, 0x30).toString('base64'),
      }),
    });
    await call(`/api/pki/certificates/${fingerprint}/revoke`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ reason: 'Mất máy' }),
    });
    for (const path of ['/api/pki/ca', '/api/pki/crl', '/api/pki/certificates', '/api/health', '/api/nowhere'])
      await call(path, { headers: { authorization: `Bearer ${login.token}` } });
    await new Promise((r) => setTimeout(r, 300));
    // Stopped, so that its database can be read.
    await server!.stop();

    // The key, opened the way the server opens it.
    const keyFile = `${dataDir}.ca-key`;
    const kek = readFileSync(keyFile, 'utf8').trim();
    const db = new Database(join(dataDir, 'cabinet.sqlite'), { readonly: true });
    const row = db.prepare('SELECT encrypted_key, fingerprint FROM meeting_ca').get() as {
      encrypted_key: string;
      fingerprint: string;
    };
    db.close();
    const pkcs8 = openPrivateKey(readKeyFile(keyFile), row.encrypted_key, row.fingerprint)!;
    expect(pkcs8).not.toBeNull();
    const key = forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(pkcs8.toString('binary'))));
    const rsa = key as forge.pki.rsa.PrivateKey;
    const needles = [
      kek,
      kek.slice(0, 32),
      Buffer.from(kek, 'hex').toString('base64'),
      pkcs8.toString('base64').slice(128, 192),
      pkcs8.toString('hex').slice(400, 464),
      rsa.d.toString(16).slice(0, 48),
      rsa.p.toString(16).slice(0, 48),
    ];
    const output = server!.output;
    const haystacks = { logs: output, answers: answers.join('\n') };
    expect(output.length, 'the server logged at debug').toBeGreaterThan(200);
    for (const [where, text] of Object.entries(haystacks))
      for (const needle of needles) expect(text.includes(needle), `${where} hold the CA key or KEK`).toBe(false);
    expect(statSync(keyFile).mode & 0o077, 'the KEK file is readable by others').toBe(0);
    expect(statSync(join(dataDir, 'ca')).mode & 0o077).toBe(0);
  }, 60_000);
});

describe('the TLS front against slow and bad peers', () => {
  let server: RunningServer;
  let dataDir: string;
  const address = Object.values(networkInterfaces())
    .flat()
    .find((e) => e && !e.internal && e.family === 'IPv4')?.address;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cabinet-tlsfront-'));
    server = await startServer({
      dataDir,
      port: 0,
      host: '0.0.0.0',
      logLevel: 'silent',
      seedDemo: false,
    });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.ca-key`, { force: true });
  });

  function open(local: string): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const s = netConnect({ host: local, port: server.port, localAddress: local });
      s.once('connect', () => {
        s.on('error', () => undefined);
        // Reading, so that the server's end of the connection is seen.
        s.resume();
        resolve(s);
      });
      s.once('error', reject);
    });
  }

  function closed(s: Socket): Promise<number> {
    const began = Date.now();
    return new Promise((resolve) => {
      if (s.destroyed) resolve(0);
      s.once('close', () => resolve(Date.now() - began));
    });
  }

  function received(s: Socket): Promise<string> {
    let text = '';
    s.on('data', (c: Buffer) => (text += c.toString('latin1')));
    return new Promise((resolve) => s.once('close', () => resolve(text)));
  }

  it('a WebSocket upgrade in plain HTTP from afar gets a redirect, never a socket; a pipelined second request is not served', async () => {
    expect(address, 'a non-loopback IPv4 address on this machine').toBeDefined();
    const s = await open(address!);
    const text = received(s);
    s.write(
      'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n' +
        `Host: ${address}:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n' +
        'GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    const answer = await text;
    expect(answer.startsWith('HTTP/1.1 308')).toBe(true);
    expect(answer).not.toContain('101 Switching');
    expect(answer).not.toContain('"status"');
    expect(answer.match(/HTTP\/1\.1/g)).toHaveLength(1);
  });

  it('a peer that never speaks is dropped after the first-byte wait; the port serves others meanwhile', async () => {
    expect(address, 'a non-loopback IPv4 address on this machine').toBeDefined();
    const silent = await open(address!);
    const gone = closed(silent);
    const garbage = await open(address!);
    const garbageGone = closed(garbage);
    // A TLS record header followed by junk: the handshake fails and the socket is closed.
    garbage.write(Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x00, 0x40]), Buffer.alloc(64, 0xee)]));
    expect(await garbageGone).toBeLessThan(2000);
    expect((await fetch(`http://127.0.0.1:${server.port}/api/health`)).status).toBe(200);
    const ms = await gone;
    expect(ms).toBeGreaterThan(5_000);
    expect(ms).toBeLessThan(13_000);
  }, 20_000);
});
