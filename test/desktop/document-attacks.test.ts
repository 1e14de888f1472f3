import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  downloadToCache,
  type DocumentTransport,
  type DownloadRequest,
  type DownloadResponse,
} from '../../shared/client/index.js';
import type { DocumentInfo } from '../../shared/protocol/index.js';
import { FileDocumentCache } from '../../electron/documents/file-document-cache.js';
import { MemoryDocumentCache } from '../../shared/client/index.js';
import { NodeDocumentTransport } from '../../electron/documents/node-document-transport.js';
import type { DesktopCore } from '../../electron/core/desktop-core.js';
import { documentInfo, documentSyncRig, MemoryLedger } from '../support/document-sync-rig.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { DesktopRig, demoMeeting, waitFor } from './desktop-harness.js';

/**
 * Attacks on the client side of the documents: a lying server or proxy against the download
 * path and the cache folder, and the desktop core's promise that a paper leaves the tablet
 * when its reader loses it (offline meanwhile, a revoked session, another person signing in).
 */
const rig = new DesktopRig();
afterAll(() => rig.cleanup());

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A server that answers whatever the test says, and records what it was asked. */
function lyingServer(
  answer: (req: DownloadRequest) => { status: number; headers?: Record<string, string>; body: Uint8Array[] },
) {
  const asked: DownloadRequest[] = [];
  const transport: DocumentTransport = {
    upload: () => Promise.reject(new Error('no')),
    async download(req): Promise<DownloadResponse> {
      asked.push(req);
      const a = answer(req);
      return {
        status: a.status,
        header: (n) => a.headers?.[n] ?? null,
        body: (async function* () {
          for (const c of a.body) yield c;
        })(),
        cancel: async () => {},
      };
    },
  };
  return { transport, asked };
}

function freshCache() {
  const parent = rig.tempDir('attack-cache');
  const ledger = new MemoryLedger();
  const dir = join(parent, 'docs');
  return { parent, dir, ledger, cache: new FileDocumentCache(dir, ledger) };
}

const PAPER = new TextEncoder().encode('%PDF-1.7 the real paper, forty-odd bytes long\n%%EOF');
const PAPER_SHA = sha(PAPER);
const job = (
  c: ReturnType<typeof freshCache>,
  transport: DocumentTransport,
  over: Partial<{ sha256: string; size: number }> = {},
) =>
  downloadToCache({
    transport,
    cache: c.cache,
    url: 'http://x/api/documents/d/content',
    token: 't',
    sha256: PAPER_SHA,
    size: PAPER.length,
    ...over,
  });

describe('a lying server or proxy against the download path', () => {
  it('bytes whose SHA-256 is not the listed one are neither kept nor readable', async () => {
    const c = freshCache();
    const forged = Uint8Array.from(PAPER);
    forged[5] = 0x41;
    const { transport } = lyingServer(() => ({ status: 200, body: [forged] }));
    expect(await job(c, transport)).toBe('mismatch');
    expect(await c.cache.read(PAPER_SHA)).toBeNull();
    expect(readdirSync(c.dir)).toEqual([]);
    expect(c.ledger.copies.size).toBe(0);
  });

  it('a body longer than announced is refused before it is written past the size', async () => {
    const c = freshCache();
    const { transport } = lyingServer(() => ({ status: 200, body: [PAPER, new Uint8Array(1 << 20)] }));
    expect(await job(c, transport)).toBe('mismatch');
    expect(readdirSync(c.dir)).toEqual([]);
  });

  it('a 200 answered to a Range request starts over instead of splicing two bodies', async () => {
    const c = freshCache();
    await c.cache.append(PAPER_SHA, PAPER.subarray(0, 10));
    const { transport, asked } = lyingServer(() => ({ status: 200, body: [PAPER] }));
    expect(await job(c, transport)).toBe('verified');
    expect(asked[0]?.headers['range']).toBe('bytes=10-');
    expect(Buffer.from((await c.cache.read(PAPER_SHA)) ?? []).equals(Buffer.from(PAPER))).toBe(true);
  });

  it('a 206 whose Content-Range is not the range asked for is not spliced', async () => {
    const c = freshCache();
    await c.cache.append(PAPER_SHA, PAPER.subarray(0, 10));
    const { transport } = lyingServer(() => ({
      status: 206,
      headers: { 'content-range': `bytes 0-${PAPER.length - 1}/${PAPER.length}` },
      body: [PAPER],
    }));
    expect(await job(c, transport)).toBe('failed');
    expect(readdirSync(c.dir)).toEqual([]);
  });

  it('a 206 whose Content-Range claims the right start but carries other bytes is never kept', async () => {
    const c = freshCache();
    await c.cache.append(PAPER_SHA, PAPER.subarray(0, 10));
    const other = new Uint8Array(PAPER.length - 10).fill(0x20);
    const { transport } = lyingServer(() => ({
      status: 206,
      headers: { 'content-range': `bytes 10-${PAPER.length - 1}/${PAPER.length}` },
      body: [other],
    }));
    expect(await job(c, transport)).toBe('mismatch');
    expect(await c.cache.read(PAPER_SHA)).toBeNull();
    expect(readdirSync(c.dir)).toEqual([]);
  });

  it('a "SHA-256" that is a path writes nothing outside (or inside) the cache folder', async () => {
    const c = freshCache();
    for (const evil of ['../escaped', `../${'a'.repeat(64)}`, '/tmp/cabinet-evil', 'A'.repeat(64)]) {
      const { transport } = lyingServer(() => ({ status: 200, body: [PAPER] }));
      const outcome = await job(c, transport, { sha256: evil }).catch(() => 'threw');
      expect(outcome === 'failed' || outcome === 'threw').toBe(true);
    }
    expect(readdirSync(c.parent)).toEqual(['docs']);
    expect(readdirSync(c.dir)).toEqual([]);
    expect(existsSync('/tmp/cabinet-evil.part')).toBe(false);
  });

  it('a file in the cache folder the ledger does not name is deleted when the cache opens', async () => {
    const c = freshCache();
    writeFileSync(join(c.dir, PAPER_SHA), PAPER); // a crash between rename and ledger row
    writeFileSync(join(c.dir, 'notes.pdf'), PAPER);
    writeFileSync(join(c.dir, 'x.part'), PAPER); // a partial copy not named by a hash
    const reopened = new FileDocumentCache(c.dir, c.ledger);
    expect(await reopened.read(PAPER_SHA)).toBeNull();
    expect(readdirSync(c.dir)).toEqual([]);
  });
});

describe('the reader never falls back to bytes the server refuses', () => {
  it('when the current version answers 404 (access gone), the superseded copy does not open instead', async () => {
    const id = '0190f000-0000-7000-8000-000000000001';
    const meetingId = '0190f000-0000-7000-8000-000000000002';
    const cache = new MemoryDocumentCache();
    await cache.append(PAPER_SHA, PAPER);
    expect(await cache.finish(PAPER_SHA)).toBe(true);
    const v1 = documentInfo({ id, meetingId, sha256: PAPER_SHA, size: PAPER.length, title: 'Mật' });
    const v2 = { ...v1, version: 2, sha256: 'b'.repeat(64), revision: 2 };
    const { transport } = lyingServer(() => ({ status: 404, body: [] }));
    const { sync } = await documentSyncRig({ transport, cache, openUncached: 'download', prefetch: true });
    sync.onChanged({ meetingId, upserted: [v1], removed: [] });
    sync.onChanged({ meetingId, upserted: [v2], removed: [] });
    const opened = await sync.open(id);
    expect(opened.ok ? `opened the superseded ${opened.data.sha256.slice(0, 8)}` : opened.error.code).toBe('NOT_FOUND');
  });
});

/**
 * The real transport, with a gate: while `hold` is on, a download's body waits for `release`
 * (even after it was cancelled), as a slow disk or a stuck connection would.
 */
class GatedTransport implements DocumentTransport {
  private readonly inner = new NodeDocumentTransport();
  hold = false;
  held = 0;
  abortedWhileHeld = 0;
  private opened: () => void = () => {};
  private gate: Promise<void> = Promise.resolve();
  upload: DocumentTransport['upload'] = (r) => this.inner.upload(r);
  arm(): void {
    this.hold = true;
    this.gate = new Promise((resolve) => (this.opened = resolve));
  }
  release(): void {
    this.hold = false;
    this.opened();
  }
  async download(request: DownloadRequest): Promise<DownloadResponse> {
    const response = await this.inner.download(request);
    if (!this.hold) return response;
    this.held += 1;
    request.signal?.onAbort(() => (this.abortedWhileHeld += 1));
    const gate = this.gate;
    return {
      ...response,
      body: (async function* () {
        await gate;
        yield* response.body;
      })(),
    };
  }
}

describe('a paper leaves the tablet with its reader', () => {
  const transport = new GatedTransport();
  let tabletDir: string;
  let tablet: DesktopCore;
  let secretary: DesktopCore;
  let meetingId: string;
  let delegateId: string;
  let pdf: Uint8Array;
  const files = () => (existsSync(tablet.documentsDir) ? readdirSync(tablet.documentsDir) : []);
  const titles = (core: DesktopCore) =>
    Object.values(core.client.getState().documents)
      .flat()
      .map((d) => d.title);
  const storedTitles = (core: DesktopCore) =>
    core.store.loadDocumentLists().flatMap((l) => l.documents.map((d) => d.title));

  async function upload(title: string, only?: string): Promise<DocumentInfo> {
    const bytes = await makePdf({ pages: [`${title} — mật`] });
    const answer = await secretary.client.uploadDocument({
      meetingId,
      title,
      file: { name: 'p.pdf', size: bytes.length, body: bytes },
      ...(only ? { visibleTo: { users: [only], roles: [] } } : {}),
    });
    if (!answer.ok) throw new Error(answer.error.code);
    return answer.data;
  }

  beforeAll(async () => {
    await rig.startServer();
    pdf = await makePdf({ pages: ['Tài liệu chung'] });
    secretary = rig.openCore(rig.tempDir('secretary'));
    tabletDir = rig.tempDir('tablet');
    tablet = rig.openCore(tabletDir, { documentTransport: transport });
    await rig.signIn(secretary, 'thuky');
    await rig.signIn(tablet, 'daibieu1');
    await waitFor(() => demoMeeting(secretary.client.getState()) !== undefined, 10_000, 'meeting');
    await waitFor(() => demoMeeting(tablet.client.getState()) !== undefined, 10_000, 'meeting on tablet');
    meetingId = demoMeeting(secretary.client.getState())?.meeting.id ?? '';
    delegateId = tablet.client.getState().user?.id ?? '';
  });

  it('a paper restricted while the tablet was off leaves the disk (with any .part) when it reconnects', async () => {
    const secret = await upload('Hồ sơ nhân sự', delegateId);
    await waitFor(() => files().includes(secret.sha256), 10_000, 'cached');
    tablet.close();
    // A crash mid-download of the same bytes left a partial copy too.
    writeFileSync(join(tablet.documentsDir, `${secret.sha256}.part`), pdf.subarray(0, 100));
    const moved = await secretary.client.send('document:update', {
      meetingId,
      documentId: secret.id,
      visibleTo: { roles: ['chair'], users: [] },
    });
    expect(moved).toMatchObject({ ok: true });
    tablet = rig.openCore(tabletDir, { documentTransport: transport });
    tablet.client.start();
    await waitFor(() => tablet.client.getState().connection === 'online', 10_000, 'online');
    await waitFor(() => !files().some((f) => f.startsWith(secret.sha256)), 10_000, 'copy and part deleted');
    expect(titles(tablet)).not.toContain('Hồ sơ nhân sự');
    expect(storedTitles(tablet)).not.toContain('Hồ sơ nhân sự');
    expect(tablet.client.getState().documentNotices).toEqual([
      expect.objectContaining({ documentId: secret.id, reason: 'access' }),
    ]);
  });

  it('once the session is revoked (signed out), the core opens no cached restricted paper', async () => {
    const secret = await upload('Kỷ luật cán bộ', delegateId);
    await waitFor(() => files().includes(secret.sha256), 10_000, 'cached');
    const token = tablet.store.loadSession()?.token ?? '';
    // The account's session ends on the server (an admin revoked the stolen tablet, or it expired).
    await fetch(`${rig.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await waitFor(() => tablet.client.getState().connection === 'signed-out', 10_000, 'signed out');
    expect(tablet.client.getState().documents).toEqual({});
    const opened = await tablet.client.openDocument(secret.id);
    expect(opened.ok ? `opened ${opened.data.kind} while signed out` : 'refused').toBe('refused');
  });

  it("another person signing in on the tablet sees none of the last one's papers, even one that arrived during the switch", async () => {
    await rig.signIn(tablet, 'daibieu1'); // the same person again: cache kept
    await waitFor(() => tablet.client.getState().connection === 'online', 10_000, 'online');
    transport.arm();
    const stuck = await upload('Báo cáo thanh tra', delegateId);
    await waitFor(() => transport.held > 0, 10_000, 'a download under way');
    const switching = tablet.client.login({
      serverUrl: rig.url,
      username: 'daibieu2',
      password: rig.password('daibieu2'),
    });
    await waitFor(() => transport.abortedWhileHeld > 0, 10_000, 'the switch cancelled the download');
    // While the switch waits for the download to stop, a paper arrives for the first person:
    // their link was closed before their papers were erased, so it reaches nothing.
    const late = await upload('Đơn tố cáo', delegateId);
    const reached = await waitFor(() => titles(tablet).includes('Đơn tố cáo'), 1_500, 'x').then(
      () => true,
      () => false,
    );
    transport.release();
    expect(reached).toBe(false);
    expect(await switching).toMatchObject({ ok: true });
    const rightAfter = titles(tablet);
    await waitFor(() => tablet.client.getState().connection === 'online', 10_000, 'online as daibieu2');
    await new Promise((r) => setTimeout(r, 500));
    const notices = tablet.client.getState().documentNotices.map((n) => n.title);
    for (const title of [stuck.title, late.title]) {
      expect.soft(rightAfter, 'the list daibieu2 is shown on signing in').not.toContain(title);
      expect.soft(notices, "daibieu2's notices").not.toContain(title);
      expect(titles(tablet)).not.toContain(title);
      expect(storedTitles(tablet)).not.toContain(title);
    }
    expect(files().filter((f) => f.startsWith(late.sha256) || f.startsWith(stuck.sha256))).toEqual([]);
  });

  it('after a sign-out no list, copy or partial copy stays on the disk', async () => {
    await tablet.client.logout();
    await waitFor(() => files().length === 0, 5_000, 'cache folder emptied');
    expect(tablet.store.loadDocumentLists()).toEqual([]);
    expect(tablet.store.listCopies()).toEqual([]);
  });
});
