import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadProgress } from '../../shared/client/index.js';
import type { DocumentInfo } from '../../shared/protocol/index.js';
import type { DesktopCore } from '../../electron/core/desktop-core.js';
import { makeLongPdf, makePdf, VIETNAMESE_PAGES } from '../support/pdf-fixtures.js';
import { DesktopRig, demoMeeting, waitFor } from './desktop-harness.js';
import { readWhole } from '../support/cached-document.js';

/**
 * Issue 8's desktop promise, without Electron: the secretary uploads through her desktop
 * core; the delegate's core caches every paper with progress; with the server stopped and
 * the app restarted the paper still opens from the cache; after a loss of access, and after
 * a recall, it is gone from the disk and the delegate is told. The steps share the rig, as
 * one meeting's day would.
 */
const rig = new DesktopRig();
let delegateDir: string;
let delegate: DesktopCore;
let secretary: DesktopCore;
let meetingId: string;
const pdfs: { agenda: Uint8Array; report: Uint8Array } = { agenda: new Uint8Array(), report: new Uint8Array() };
const docs: { agenda?: DocumentInfo; report?: DocumentInfo } = {};

beforeAll(async () => {
  await rig.startServer();
  delegateDir = rig.tempDir('delegate-docs');
  pdfs.agenda = await makePdf({ pages: [...VIETNAMESE_PAGES] });
  pdfs.report = await makeLongPdf(300);
});
afterAll(() => rig.cleanup());

const progress = () => delegate.client.getState().documentProgress[meetingId];
const copyFiles = () => readdirSync(delegate.documentsDir).sort();
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('desktop documents', () => {
  it('the secretary uploads through her core and sees every phase of its progress', async () => {
    secretary = rig.openCore(rig.tempDir('secretary-docs'));
    delegate = rig.openCore(delegateDir);
    await rig.signIn(secretary, 'thuky');
    await rig.signIn(delegate, 'daibieu1');
    await waitFor(() => demoMeeting(secretary.client.getState()) !== undefined, 10_000, 'secretary has the meeting');
    meetingId = demoMeeting(secretary.client.getState())?.meeting.id ?? '';

    const seen: UploadProgress[] = [];
    secretary.client.subscribe((s) => {
      const last = s.uploads.at(-1);
      if (last && last !== seen.at(-1)) seen.push(last);
    });
    const file = { name: 'bao-cao.pdf', size: pdfs.report.length, body: pdfs.report };
    const answer = await secretary.client.uploadDocument({ meetingId, title: 'Báo cáo 300 trang', file });
    if (!answer.ok) throw new Error(answer.error.code);
    docs.report = answer.data;
    expect(answer.data).toMatchObject({ meetingId, version: 1, pages: 300, size: pdfs.report.length });

    const phases = seen.map((u) => u.phase);
    expect(phases[0]).toBe('sending');
    expect(phases).toContain('checking');
    expect(phases.at(-1)).toBe('done');
    const loaded = seen.map((u) => u.loaded);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b)); // never goes back
    expect(seen.at(-1)).toMatchObject({ loaded: pdfs.report.length, total: pdfs.report.length });

    const agenda = await secretary.client.uploadDocument({
      meetingId,
      title: 'Chương trình đại hội',
      file: { name: 'chuong-trinh.pdf', size: pdfs.agenda.length, body: pdfs.agenda },
    });
    if (!agenda.ok) throw new Error(agenda.error.code);
    docs.agenda = agenda.data;
    // The uploader's own list shows them at once.
    expect(secretary.client.getState().documents[meetingId]?.map((d) => d.id)).toEqual(
      expect.arrayContaining([docs.report.id, docs.agenda.id]),
    );
  });

  it('a refused upload says why, in both languages, and leaves nothing behind', async () => {
    const text = new TextEncoder().encode('Đây không phải PDF');
    const answer = await secretary.client.uploadDocument({
      meetingId,
      title: 'Tệp giả',
      file: { name: 'gia.pdf', size: text.length, body: text },
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_A_PDF' } });
    const last = secretary.client.getState().uploads.at(-1);
    expect(last).toMatchObject({ phase: 'failed', error: { code: 'NOT_A_PDF' } });
    expect(last?.error?.message.vi).toMatch(/PDF/);
  });

  it("the delegate's core caches both papers, with progress, byte-identical and private to the account", async () => {
    await waitFor(() => progress()?.cached === 2, 20_000, 'delegate cached both');
    const bytesTotal = pdfs.report.length + pdfs.agenda.length;
    expect(progress()).toEqual({
      meetingId,
      total: 2,
      cached: 2,
      bytesTotal,
      bytesCached: bytesTotal,
      failed: 0,
      active: false,
    });
    expect(copyFiles()).toEqual([docs.report?.sha256, docs.agenda?.sha256].sort());
    for (const name of copyFiles()) expect(statSync(join(delegate.documentsDir, name)).mode & 0o777).toBe(0o600);
    expect(same(readFileSync(join(delegate.documentsDir, docs.report?.sha256 ?? '')), pdfs.report)).toBe(true);
  });

  it('with the server stopped and the app restarted, the list shows and the paper opens from the cache', async () => {
    await rig.stopServer();
    await waitFor(() => delegate.client.getState().connection === 'offline', 5_000, 'delegate offline');
    delegate.close();

    delegate = rig.openCore(delegateDir);
    expect(
      delegate.client
        .getState()
        .documents[meetingId]?.map((d) => d.title)
        .sort(),
    ).toEqual(['Báo cáo 300 trang', 'Chương trình đại hội'].sort());
    await delegate.client.whenDocumentsLoaded();
    await waitFor(() => progress()?.cached === 2, 5_000, 'progress known offline');
    const opened = await delegate.client.openDocument(docs.report?.id ?? '');
    if (!opened.ok || opened.data.kind !== 'cached') throw new Error(`not from the cache: ${JSON.stringify(opened)}`);
    expect(same(await readWhole(delegate.client, opened.data), pdfs.report)).toBe(true);
    expect(opened.data.sha256).toBe(docs.report?.sha256);
    // An earlier version is never kept: offline it cannot open.
    expect(await delegate.client.openDocument(docs.report?.id ?? '', 7)).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE' },
    });

    await rig.startServer();
    delegate.client.start();
    await waitFor(() => delegate.client.getState().connection === 'online', 20_000, 'delegate back online');
  });

  it('a paper restricted away from the delegate leaves the disk at once, with a notice', async () => {
    const chairOnly = await secretary.client.send('document:update', {
      meetingId,
      documentId: docs.agenda?.id ?? '',
      visibleTo: { roles: ['chair'], users: [] },
    });
    expect(chairOnly).toMatchObject({ ok: true });
    await waitFor(() => !copyFiles().includes(docs.agenda?.sha256 ?? ''), 10_000, 'copy deleted');
    expect(delegate.client.getState().documents[meetingId]?.map((d) => d.id)).toEqual([docs.report?.id]);
    expect(delegate.store.loadDocumentLists()[0]?.documents.map((d) => d.id)).toEqual([docs.report?.id]);
    const notice = delegate.client.getState().documentNotices.find((n) => n.documentId === docs.agenda?.id);
    expect(notice).toMatchObject({ meetingId, title: 'Chương trình đại hội', reason: 'access' });
    expect(await delegate.client.openDocument(docs.agenda?.id ?? '')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await delegate.client.dismissDocumentNotice(notice?.id ?? '');
    expect(delegate.client.getState().documentNotices).toEqual([]);
    expect(progress()).toMatchObject({ total: 1, cached: 1, bytesCached: pdfs.report.length });
  });

  it('after the close and a recall, every paper of the meeting is gone, and the delegate is told', async () => {
    const chair = rig.openCore(rig.tempDir('chair-docs'));
    await rig.signIn(chair, 'chutoa');
    await waitFor(() => demoMeeting(chair.client.getState()) !== undefined, 10_000, 'chair has the meeting');
    expect(await chair.client.send('meeting:close', { meetingId })).toMatchObject({ ok: true });
    await waitFor(() => delegate.client.getState().meetings[meetingId]?.meeting.status === 'closed', 10_000, 'closed');
    // Closed is not recalled: the papers stay for reading the record.
    expect(copyFiles()).toEqual([docs.report?.sha256]);

    expect(await secretary.client.send('documents:recall', { meetingId })).toMatchObject({ ok: true });
    await waitFor(() => copyFiles().length === 0, 10_000, 'every copy deleted');
    const state = delegate.client.getState();
    expect(state.documents[meetingId]).toEqual([]);
    expect(state.documentNotices).toEqual([
      expect.objectContaining({ documentId: docs.report?.id, title: 'Báo cáo 300 trang', reason: 'recalled' }),
    ]);
    expect(progress()).toMatchObject({ total: 0, cached: 0, bytesCached: 0 });
  });

  it('a restart after the recall keeps nothing, not even the list', async () => {
    delegate.close();
    delegate = rig.openCore(delegateDir);
    expect(delegate.client.getState().documents[meetingId] ?? []).toEqual([]);
    await delegate.client.whenDocumentsLoaded();
    expect(copyFiles()).toEqual([]);
  });
});
