import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesktopCore, type DesktopCore } from '../../electron/core/desktop-core.js';
import { PINNED_CA_FILE_NAME } from '../../electron/tls/pinned-ca-store.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { makePdf, VIETNAMESE_PAGES } from '../support/pdf-fixtures.js';
import { demoMeeting, waitFor } from './desktop-harness.js';
import { readWhole } from '../support/cached-document.js';

/**
 * The desktop's first contact with a meeting server on TLS: with no pinned CA it refuses to
 * sign in and says why; `trustServer` with the fingerprint the server prints (and the
 * enrolment sheet carries) pins its CA for the origin, with no restart; the pin is kept in
 * the data folder and holds after a restart; another server at the same address later is
 * refused.
 */

const dirs: string[] = [];
const cores: DesktopCore[] = [];
let server: RunningServer;
let serverUrl: string;
let plainUrl: string;
let pdf: Uint8Array;

function temp(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cabinet-bootstrap-${label}-`));
  dirs.push(dir);
  return dir;
}

function openCore(dataDir: string): DesktopCore {
  const core = openDesktopCore({
    dataDir,
    ackTimeoutMs: 3_000,
    socketOptions: { reconnectionDelay: 100, reconnectionDelayMax: 500 },
  });
  cores.push(core);
  return core;
}

function password(username: string): string {
  const account = server.demoAccounts?.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  return account.password;
}

const bare = (fingerprint: string) => fingerprint.replace(/[:\s]/g, '').toLowerCase();
const common = { host: '127.0.0.1', logLevel: 'silent' as const, tls: true };

beforeAll(async () => {
  server = await startServer({ ...common, port: 0, dataDir: temp('server') });
  serverUrl = server.url;
  plainUrl = `http://127.0.0.1:${server.port}`;
  pdf = await makePdf({ pages: [...VIETNAMESE_PAGES] });
});
afterAll(async () => {
  for (const core of cores) core.close();
  await server.close();
  for (const d of dirs) {
    rmSync(d, { recursive: true, force: true });
    rmSync(`${d}.ca-key`, { force: true });
  }
});

const delegateDir = () => dirs.find((d) => d.includes('bootstrap-delegate-')) ?? '';

describe('TLS bootstrap of the desktop', () => {
  it('with no pinned CA, signing in to an https server is refused with a clear, bilingual message', async () => {
    expect(server.tls).toBe(true);
    const core = openCore(temp('delegate'));
    expect(await core.serverTrust(serverUrl)).toBeNull();
    const answer = await core.client.login({ serverUrl, username: 'daibieu1', password: password('daibieu1') });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('CERTIFICATE_UNTRUSTED');
    expect(answer.error.message.vi).toMatch(/dấu vân tay CA \(SHA-256\)/);
    expect(answer.error.message.en).toMatch(/CA fingerprint \(SHA-256\)/);
    expect(core.client.getState().user).toBeNull();
  });

  it('a wrong fingerprint pins nothing', async () => {
    const core = cores[0] as DesktopCore;
    const answer = await core.trustServer(serverUrl, randomBytes(32).toString('hex'));
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'CERTIFICATE_UNTRUSTED',
        message: {
          vi: 'Máy chủ không trình chứng thư của CA có dấu vân tay này.',
          en: 'The server did not present a CA with this fingerprint.',
        },
      },
    });
    expect(await core.serverTrust(serverUrl)).toBeNull();
    expect(existsSync(join(delegateDir(), PINNED_CA_FILE_NAME))).toBe(false);
    // Plain http cannot be trusted, and an unreachable server says so.
    expect(await core.trustServer(plainUrl, server.caFingerprint)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await core.trustServer('https://127.0.0.1:1', server.caFingerprint)).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE' },
    });
  });

  it('the right fingerprint pins the CA with no restart: sign-in, socket sync and a download then work', async () => {
    const delegate = cores[0] as DesktopCore;
    const trusted = await delegate.trustServer(serverUrl, server.caFingerprint);
    if (!trusted.ok) throw new Error(JSON.stringify(trusted.error));
    expect(trusted.data.origin).toBe(serverUrl);
    expect(bare(trusted.data.fingerprint)).toBe(bare(server.caFingerprint));
    expect(trusted.data.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(trusted.data.subject).toMatch(/Meeting CA/);
    expect(await delegate.serverTrust(`${serverUrl}/`)).toEqual(trusted.data);
    // The same fingerprint again (typed another way) is a success, not a second pin.
    expect(await delegate.trustServer(serverUrl, bare(server.caFingerprint))).toEqual(trusted);

    const file = join(delegateDir(), PINNED_CA_FILE_NAME);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(server.caCertificatePem.trim().split('\n')[1]);

    // The secretary's desktop, pinned the same way, uploads a paper.
    const secretary = openCore(temp('secretary'));
    expect((await secretary.trustServer(serverUrl, server.caFingerprint)).ok).toBe(true);
    const signedIn = await secretary.client.login({ serverUrl, username: 'thuky', password: password('thuky') });
    expect(signedIn.ok).toBe(true);
    await waitFor(() => demoMeeting(secretary.client.getState()) !== undefined, 10_000, 'secretary syncs over WSS');
    const meetingId = demoMeeting(secretary.client.getState())?.meeting.id ?? '';
    const uploaded = await secretary.client.uploadDocument({
      meetingId,
      title: 'Tờ trình qua TLS',
      file: { name: 'to-trinh.pdf', size: pdf.length, body: pdf },
    });
    if (!uploaded.ok) throw new Error(uploaded.error.code);

    const answer = await delegate.client.login({ serverUrl, username: 'daibieu1', password: password('daibieu1') });
    expect(answer.ok).toBe(true);
    await waitFor(() => demoMeeting(delegate.client.getState()) !== undefined, 10_000, 'delegate syncs over WSS');
    expect(delegate.client.getState().connection).toBe('online');
    const documentId = uploaded.data.id;
    await waitFor(
      () => delegate.client.getState().documents[meetingId]?.some((d) => d.id === documentId) ?? false,
      10_000,
      'the paper is listed',
    );
    const opened = await delegate.client.openDocument(documentId);
    if (!opened.ok || opened.data.kind !== 'cached') throw new Error(`not downloaded: ${JSON.stringify(opened)}`);
    expect(Buffer.from(await readWhole(delegate.client, opened.data)).equals(Buffer.from(pdf))).toBe(true);
  });

  it('a pinned server is never reached over plain http', async () => {
    const core = cores[0] as DesktopCore;
    const answer = await core.client.login({
      serverUrl: plainUrl,
      username: 'daibieu1',
      password: password('daibieu1'),
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_UNTRUSTED' } });
    if (!answer.ok) expect(answer.error.message.en).toMatch(/unencrypted http/);
    // The session of the https server is untouched.
    expect(core.client.getState().serverUrl).toBe(serverUrl);
  });

  it('the pin survives a restart of the core', async () => {
    const before = cores[0] as DesktopCore;
    before.close();
    const core = openCore(delegateDir());
    cores[0] = core;
    expect(bare((await core.serverTrust(serverUrl))?.fingerprint ?? '')).toBe(bare(server.caFingerprint));
    core.client.start();
    await waitFor(() => core.client.getState().connection === 'online', 10_000, 'reconnected over WSS after restart');
    const answer = await core.client.login({ serverUrl, username: 'daibieu1', password: password('daibieu1') });
    expect(answer.ok).toBe(true);
  });

  it('another server (another CA) at the same address later is refused, and its CA is not pinned over the first', async () => {
    const core = cores[0] as DesktopCore;
    const port = server.port;
    const firstFingerprint = server.caFingerprint;
    core.client.stop();
    await server.close();
    server = await startServer({ ...common, port, dataDir: temp('impostor') });
    expect(server.url).toBe(serverUrl);
    expect(bare(server.caFingerprint)).not.toBe(bare(firstFingerprint));

    const answer = await core.client.login({ serverUrl, username: 'daibieu1', password: password('daibieu1') });
    expect(answer).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(await core.trustServer(serverUrl, server.caFingerprint)).toMatchObject({
      ok: false,
      error: { code: 'CERTIFICATE_UNTRUSTED', message: { en: expect.stringMatching(/already trusts another CA/) } },
    });
    expect(bare((await core.serverTrust(serverUrl))?.fingerprint ?? '')).toBe(bare(firstFingerprint));
    // Nor does the kept session's socket reach it.
    core.client.start();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(core.client.getState().connection).not.toBe('online');
  });
});
