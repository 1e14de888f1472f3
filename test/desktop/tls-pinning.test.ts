import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesktopCore, type DesktopCore } from '../../electron/core/desktop-core.js';
import { NodeDocumentTransport } from '../../electron/documents/node-document-transport.js';
import { pinnedFetch } from '../../electron/tls/pinned-fetch.js';
import { pinnedTlsOptions, probeServerCa } from '../../electron/tls/pinning.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { demoMeeting, waitFor } from './desktop-harness.js';

/**
 * The desktop pins the meeting CA it was enrolled with: it finds that CA in the server's
 * chain by its fingerprint, and from then on its socket, its HTTP and its documents trust
 * that CA alone, so a server with a certificate from another CA is refused even where the
 * operating system trusts that CA.
 */

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const dirs: string[] = [];
const cores: DesktopCore[] = [];
let server: RunningServer;
let impostor: RunningServer;

function temp(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cabinet-pin-${label}-`));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  const common = { port: 0, host: '127.0.0.1', logLevel: 'silent' as const, tls: true };
  [server, impostor] = await Promise.all([
    startServer({ ...common, dataDir: temp('server') }),
    // Another meeting server, of another CA: what a rogue access point in the room would run.
    startServer({ ...common, dataDir: temp('impostor'), seedDemo: false }),
  ]);
});
afterAll(async () => {
  for (const core of cores) core.close();
  await server.close();
  await impostor.close();
  for (const d of dirs) {
    rmSync(d, { recursive: true, force: true });
    rmSync(`${d}.ca-key`, { force: true });
  }
});

function password(username: string): string {
  const account = server.demoAccounts?.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  return account.password;
}

describe('TLS pinning on the desktop', () => {
  it('finds the meeting CA in the chain by its fingerprint, in any of the forms a person copies', async () => {
    expect(server.tls && impostor.tls).toBe(true);
    expect(await probeServerCa(server.url, server.caFingerprint)).toBe(server.caCertificatePem);
    const bare = server.caFingerprint.replace(/:/g, '').toLowerCase();
    expect(await probeServerCa(server.url.replace('127.0.0.1', 'localhost'), bare)).toBe(server.caCertificatePem);
  });

  it('refuses a wrong fingerprint, another CA, and plain http', async () => {
    await expect(probeServerCa(server.url, impostor.caFingerprint)).rejects.toMatchObject({ problem: 'CA_MISMATCH' });
    await expect(probeServerCa(impostor.url, server.caFingerprint)).rejects.toMatchObject({ problem: 'CA_MISMATCH' });
    await expect(probeServerCa(`http://127.0.0.1:${server.port}`, server.caFingerprint)).rejects.toMatchObject({
      problem: 'NOT_TLS',
    });
    await expect(probeServerCa(server.url, 'AB:CD')).rejects.toMatchObject({ problem: 'CA_MISMATCH' });
  });

  it('a core pinned to the meeting CA signs in, syncs the meeting over WSS and downloads over TLS', async () => {
    const core = openDesktopCore({
      dataDir: temp('core'),
      ackTimeoutMs: 3_000,
      socketOptions: { reconnectionDelay: 100, reconnectionDelayMax: 500 },
      pinnedCaPem: server.caCertificatePem,
    });
    cores.push(core);
    const answer = await core.client.login({
      serverUrl: server.url,
      username: 'daibieu1',
      password: password('daibieu1'),
    });
    expect(answer.ok).toBe(true);
    await waitFor(() => demoMeeting(core.client.getState()) !== undefined, 10_000, 'the meeting over WSS');
    expect(core.client.getState().connection).toBe('online');

    const transport = new NodeDocumentTransport(pinnedTlsOptions(server.caCertificatePem));
    const download = await transport.download({ url: `${server.url}/api/pki/ca`, headers: {} });
    expect(download.status).toBe(200);
    let body = '';
    for await (const chunk of download.body) body += Buffer.from(chunk).toString('utf8');
    expect(body).toBe(server.caCertificatePem);
    // Pinned, nothing goes in plain.
    await expect(
      transport.download({ url: `http://127.0.0.1:${server.port}/api/pki/ca`, headers: {} }),
    ).rejects.toThrow(/Refused: http:/);
    await expect(pinnedFetch(server.caCertificatePem)(`http://127.0.0.1:${server.port}/api/health`)).rejects.toThrow(
      /Refused: http:/,
    );
  });

  it('refuses a server of another CA even when the operating system trusts that CA', async () => {
    const work = temp('child');
    const caFile = join(work, 'impostor-ca.pem');
    writeFileSync(caFile, impostor.caCertificatePem);
    const script = join(work, 'pinned-child.mts');
    const at = (path: string) => JSON.stringify(join(root, path));
    writeFileSync(
      script,
      `
import { get } from 'node:https';
import { io } from ${JSON.stringify(require.resolve('socket.io-client'))};
import { openDesktopCore } from ${at('electron/core/desktop-core.ts')};
import { NodeDocumentTransport } from ${at('electron/documents/node-document-transport.ts')};
import { pinnedTlsOptions } from ${at('electron/tls/pinning.ts')};
const [url, pinnedPem] = [process.env.IMPOSTOR_URL, process.env.PINNED_PEM];
const result = {};
// What the operating system's trust (NODE_EXTRA_CA_CERTS) says of the impostor.
result.systemTrust = await new Promise((resolve) => {
  get(url + '/api/health', (res) => { res.resume(); resolve(res.statusCode); }).on('error', (e) => resolve(e.code));
});
const core = openDesktopCore({ dataDir: process.env.CORE_DIR, pinnedCaPem: pinnedPem });
const login = await core.client.login({ serverUrl: url, username: 'admin', password: 'x' });
result.login = login.ok ? 'ok' : login.error.code;
core.close();
result.socket = await new Promise((resolve) => {
  const socket = io(url, { transports: ['websocket'], reconnection: false, auth: { token: 'x' }, ...pinnedTlsOptions(pinnedPem) });
  socket.once('connect', () => { socket.disconnect(); resolve('connected'); });
  socket.once('connect_error', (e) => { socket.disconnect(); resolve(String(e.description?.code ?? e.description?.message ?? e.message)); });
});
result.download = await new NodeDocumentTransport(pinnedTlsOptions(pinnedPem))
  .download({ url: url + '/api/pki/ca', headers: {} })
  .then((r) => r.status, (e) => e.code ?? e.message);
process.stdout.write(JSON.stringify(result));
`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: caFile,
        IMPOSTOR_URL: impostor.url,
        PINNED_PEM: server.caCertificatePem,
        CORE_DIR: join(work, 'core'),
      },
      timeout: 30_000,
    });
    const result = JSON.parse(stdout) as Record<string, unknown>;
    // The system trusts the impostor's CA: a plain https request goes through...
    expect(result.systemTrust).toBe(200);
    // ...but nothing of the pinned core does.
    expect(result.login).toBe('OFFLINE');
    expect(result.socket).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY|unable to get|certificate/i);
    expect(result.download).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY/);
  });
});
