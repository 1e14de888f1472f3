import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../../electron/core/desktop-core.js';
import type { DocumentInfo } from '../../shared/protocol/index.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { DesktopRig, demoMeeting, waitFor } from './desktop-harness.js';

/**
 * `readDocumentRange` on a real desktop core, over a real server: the reader's ranges of a
 * cached paper come only for a paper the signed-in person may open now.
 */
const rig = new DesktopRig();
let secretary: DesktopCore;
let tablet: DesktopCore;
let meetingId: string;
let shared: DocumentInfo;
let sharedPdf: Uint8Array;

const files = () => (existsSync(tablet.documentsDir) ? readdirSync(tablet.documentsDir) : []);

async function upload(title: string, chairOnly = false): Promise<{ doc: DocumentInfo; bytes: Uint8Array }> {
  const bytes = await makePdf({ pages: [`${title}: trang một`, 'Trang hai'] });
  const answer = await secretary.client.uploadDocument({
    meetingId,
    title,
    file: { name: 'p.pdf', size: bytes.length, body: bytes },
    ...(chairOnly ? { visibleTo: { users: [], roles: ['chair' as const] } } : {}),
  });
  if (!answer.ok) throw new Error(answer.error.code);
  return { doc: answer.data, bytes };
}

beforeAll(async () => {
  await rig.startServer();
  secretary = rig.openCore(rig.tempDir('ranges-secretary'));
  tablet = rig.openCore(rig.tempDir('ranges-tablet'));
  await rig.signIn(secretary, 'thuky');
  await rig.signIn(tablet, 'daibieu1');
  await waitFor(() => demoMeeting(secretary.client.getState()) !== undefined, 10_000, 'meeting');
  meetingId = demoMeeting(secretary.client.getState())?.meeting.id ?? '';
  ({ doc: shared, bytes: sharedPdf } = await upload('Tờ trình chung'));
  await waitFor(() => files().includes(shared.sha256), 20_000, 'cached on the tablet');
});
afterAll(() => rig.cleanup());

describe('readDocumentRange on the desktop core', () => {
  it('serves the ranges of a cached paper the person may open', async () => {
    const opened = await tablet.client.openDocument(shared.id);
    expect(opened).toEqual({ ok: true, data: { kind: 'cached', sha256: shared.sha256, length: sharedPdf.length } });
    const head = await tablet.client.readDocumentRange(shared.sha256, 0, 1024);
    expect(head.ok && Buffer.from(head.data).equals(Buffer.from(sharedPdf.subarray(0, 1024)))).toBe(true);
    expect(await tablet.client.readDocumentRange(shared.sha256, 0, sharedPdf.length + 1)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it("refuses a paper restricted to the chair, though the secretary's device holds and reads it", async () => {
    const { doc: secret } = await upload('Hồ sơ riêng của chủ tọa', true);
    await waitFor(() => readdirSync(secretary.documentsDir).includes(secret.sha256), 20_000, 'on the secretary device');
    const onSecretary = await secretary.client.readDocumentRange(secret.sha256, 0, 64);
    expect(onSecretary.ok).toBe(true);
    expect(await tablet.client.readDocumentRange(secret.sha256, 0, 64)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('refuses every range once the session is revoked, though the copy stays for the next sign-in', async () => {
    const token = tablet.store.loadSession()?.token ?? '';
    await fetch(`${rig.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await waitFor(() => tablet.client.getState().connection === 'signed-out', 10_000, 'signed out');
    expect(files()).toContain(shared.sha256);
    expect(await tablet.client.readDocumentRange(shared.sha256, 0, 1024)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});
