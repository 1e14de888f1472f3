import { describe, expect, it } from 'vitest';
import { documentInfo, documentSyncRig, RIG_MEETING_ID } from '../../test/support/document-sync-rig.js';
import { sha256Hex } from './document-download.js';
import type { DocumentTransport } from './document-platform.js';
import { MemoryDocumentCache } from './memory-document-cache.js';

/**
 * The reader's access to a cached copy by ranges: `open` answers `cached` without reading the
 * file, and every range is checked again against what this user may open now.
 */
const meetingId = RIG_MEETING_ID;
const encode = (text: string) => new TextEncoder().encode(text);
const paper = encode('%PDF-1.7 Báo cáo tài chính năm 2026, bản thứ nhất\n%%EOF');
const newer = encode('%PDF-1.7 Báo cáo tài chính năm 2026, bản sửa đổi\n%%EOF');
const secret = encode('%PDF-1.7 Hồ sơ kỷ luật, chỉ chủ tọa xem\n%%EOF');

const info = (id: string, sha256: string, size: number, version = 1) =>
  documentInfo({ id, sha256, size, version, revision: version });

/** Every download fails as if the link were down. */
const offline: DocumentTransport = {
  upload: () => Promise.reject(new Error('offline')),
  download: () => Promise.reject(new Error('offline')),
};

async function documents() {
  const cache = new MemoryDocumentCache();
  const hold = async (bytes: Uint8Array) => {
    const sha = await sha256Hex(bytes);
    await cache.append(sha, bytes);
    expect(await cache.finish(sha)).toBe(true);
    return sha;
  };
  const paperSha = await hold(paper);
  // Held on the device (another meeting's paper, or left by a bug) but not in this user's lists.
  const secretSha = await hold(secret);
  const { sync, signOut } = await documentSyncRig({
    transport: offline,
    cache,
    openUncached: 'download',
    prefetch: false,
  });
  const doc = info('0190f000-0000-7000-8000-0000000000b2', paperSha, paper.length);
  sync.onChanged({ meetingId, upserted: [doc], removed: [] });
  return { sync, doc, paperSha, secretSha, signOut };
}

describe('DocumentSync by ranges', () => {
  it('opens a held copy as `cached` with its length, and reads it by ranges', async () => {
    const { sync, doc, paperSha } = await documents();
    expect(await sync.open(doc.id)).toEqual({
      ok: true,
      data: { kind: 'cached', sha256: paperSha, length: paper.length },
    });
    expect(await sync.readRange(paperSha, 0, 8)).toEqual({ ok: true, data: paper.subarray(0, 8) });
    expect(await sync.readRange(paperSha, 9, paper.length)).toEqual({ ok: true, data: paper.subarray(9) });
  });

  it('refuses a bad range, or one past the end of the copy, as invalid', async () => {
    const { sync, paperSha } = await documents();
    for (const [begin, end] of [
      [0, 0],
      [8, 2],
      [-1, 4],
      [0.5, 4],
      [0, Number.POSITIVE_INFINITY],
      [0, paper.length + 1],
      [paper.length, paper.length + 10],
    ] as const) {
      expect(await sync.readRange(paperSha, begin, end), `${begin}-${end}`).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
  });

  it("refuses a copy that is none of this user's documents, though the device holds it", async () => {
    const { sync, secretSha } = await documents();
    expect(await sync.readRange(secretSha, 0, 8)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await sync.readRange('0'.repeat(64), 0, 8)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await sync.readRange('../../etc/passwd', 0, 8)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses every range once signed out, and once the paper left the list', async () => {
    const first = await documents();
    first.signOut();
    expect(await first.sync.open(first.doc.id)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await first.sync.readRange(first.paperSha, 0, 8)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const second = await documents();
    second.sync.onChanged({ meetingId, upserted: [], removed: [{ id: second.doc.id, reason: 'access' }] });
    expect(await second.sync.readRange(second.paperSha, 0, 8)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('offline, the previous version of a paper whose new one is not here opens whole', async () => {
    const { sync, doc, paperSha } = await documents();
    const next = { ...info(doc.id, await sha256Hex(newer), newer.length, 2) };
    sync.onChanged({ meetingId, upserted: [next], removed: [] });
    // Whole, not by ranges: its copy goes as soon as the new one is verified, under the reader.
    expect(await sync.open(doc.id)).toEqual({ ok: true, data: { kind: 'bytes', data: paper, sha256: paperSha } });
  });
});
