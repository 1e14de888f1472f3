import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../../electron/core/desktop-core.js';
import { makePaperPdf, paperById, type Paper } from '../fixtures/assistant/eval-set.js';
import { DesktopRig, briefPaperIn, cacheHolds, demoMeeting, waitFor } from './desktop-harness.js';

/**
 * A delegate's brief on the desktop, without Electron: the client core over its real SQLite
 * cache against the real server. It arrives after the sync, follows a new version of a paper
 * the delegate opened (the reader's `document:opened`, through the outbox), survives the app
 * quitting, shows with the server stopped, and leaves the file when the delegate signs out.
 */
const rig = new DesktopRig();
let delegateDir: string;
let delegate: DesktopCore;
let secretary: DesktopCore;
let meetingId: string;
let documentId: string;
const PAPER = paperById('du-thao-nghi-quyet-dau-tu-cong');
const ADDED = 'Bổ sung dự án Trường trung học phổ thông Bắc Lâm Hải với tổng mức đầu tư 420,0 tỷ đồng.';

beforeAll(async () => {
  await rig.startServer();
  delegateDir = rig.tempDir('delegate-brief');
});
afterAll(() => rig.cleanup());

const paperIn = (core: DesktopCore) => briefPaperIn(core, meetingId, documentId);

async function upload(paper: Paper, replaces?: string): Promise<string> {
  const pdf = await makePaperPdf(paper);
  const itemId = demoMeeting(secretary.client.getState())!.agenda.find((i) => i.parentId === null)!.id;
  const answer = await secretary.client.uploadDocument({
    meetingId,
    title: paper.title,
    file: { name: `${paper.id}.pdf`, size: pdf.length, body: pdf },
    ...(replaces ? { replaces } : { agendaItemId: itemId }),
  });
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.data.id;
}

describe('the brief on the desktop', () => {
  it('arrives after the sync, with a summary of each paper on its agenda item', async () => {
    secretary = rig.openCore(rig.tempDir('secretary-brief'));
    await rig.signIn(secretary, 'thuky');
    await waitFor(() => demoMeeting(secretary.client.getState()) !== undefined, 10_000, 'secretary has the meeting');
    meetingId = demoMeeting(secretary.client.getState())!.meeting.id;
    documentId = await upload(PAPER);

    delegate = rig.openCore(delegateDir);
    await rig.signIn(delegate, 'daibieu1');
    await waitFor(() => paperIn(delegate) !== undefined, 20_000, 'brief with the paper');
    const paper = paperIn(delegate)!;
    expect(paper.summary.length).toBeGreaterThanOrEqual(3);
    const text = PAPER.pages.flat().join(' ').replace(/\s+/gu, ' ');
    for (const s of paper.summary) expect(text).toContain(s.text.slice(0, 40));
    expect(paper).toMatchObject({ version: 1, lastOpenedVersion: null, changes: null });
    const section = delegate.client.getState().briefs![meetingId]!.brief.sections.find((s) => s.papers.includes(paper));
    expect(section?.agendaItemId).not.toBeNull();
  });

  it('follows a new version of the paper the delegate opened: what changed since', async () => {
    const opened = await delegate.client.send('document:opened', { meetingId, documentId, version: 1 });
    expect(opened.ok).toBe(true);
    await waitFor(() => paperIn(delegate)?.lastOpenedVersion === 1, 10_000, 'opened version in the brief');
    const changed: Paper = { ...PAPER, pages: PAPER.pages.map((ps, i) => (i === 2 ? [...ps, ADDED] : ps)) };
    await upload(changed, documentId);
    await waitFor(() => paperIn(delegate)?.changes !== null && paperIn(delegate)?.version === 2, 20_000, 'changes');
    const changes = paperIn(delegate)!.changes!;
    expect(changes).toMatchObject({ sinceVersion: 1, changedPages: [3] });
    expect(changes.added.map((s) => s.text).join(' ')).toContain('Trường trung học phổ thông Bắc Lâm Hải');
  });

  it('survives the app quitting and shows with the server stopped', async () => {
    const before = delegate.client.getState().briefs![meetingId]!;
    delegate.close();
    await rig.stopServer();
    delegate = rig.openCore(delegateDir);
    delegate.client.start();
    const after = delegate.client.getState().briefs?.[meetingId];
    expect(after).toEqual(before);
    expect(
      paperIn(delegate)
        ?.changes?.added.map((s) => s.text)
        .join(' '),
    ).toContain('Bắc Lâm Hải');
    // Asked again offline: refused, and the kept one stays.
    expect(await delegate.client.refreshBrief(meetingId)).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(delegate.client.getState().briefs?.[meetingId]).toEqual(before);
  });

  it('leaves the app and the cache file when the delegate signs out', async () => {
    expect(cacheHolds(delegate, 'Bắc Lâm Hải')).toBe(true);
    await delegate.client.logout();
    expect(delegate.client.getState().briefs).toEqual({});
    delegate.close();
    delegate = rig.openCore(delegateDir);
    expect(delegate.client.getState().briefs).toEqual({});
    expect(cacheHolds(delegate, 'Bắc Lâm Hải')).toBe(false);
  });
});
