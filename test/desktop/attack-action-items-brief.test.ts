import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../../electron/core/desktop-core.js';
import { makePaperPdf, paperById } from '../fixtures/assistant/eval-set.js';
import { DesktopRig, briefPaperIn, cacheHolds, demoMeeting, waitFor } from './desktop-harness.js';

/**
 * A brief kept on the tablet when its paper is then restricted from the delegate: the paper
 * leaves the kept brief, and its summary the cache file and its write-ahead log, not only
 * the screen (the log keeps the old page until a checkpoint, whatever secure_delete does).
 */
const rig = new DesktopRig();
let delegate: DesktopCore;
let secretary: DesktopCore;
let meetingId: string;
let documentId: string;
const PAPER = paperById('du-thao-nghi-quyet-dau-tu-cong');

beforeAll(async () => {
  await rig.startServer();
});
afterAll(() => rig.cleanup());

const paperIn = (core: DesktopCore) => briefPaperIn(core, meetingId, documentId);

describe('a kept brief whose paper is restricted from the delegate', () => {
  it('loses the paper from the state, the cache file and its log', async () => {
    secretary = rig.openCore(rig.tempDir('secretary-brief-attack'));
    await rig.signIn(secretary, 'thuky');
    await waitFor(() => demoMeeting(secretary.client.getState()) !== undefined, 10_000, 'secretary has the meeting');
    meetingId = demoMeeting(secretary.client.getState())!.meeting.id;
    const pdf = await makePaperPdf(PAPER);
    const itemId = demoMeeting(secretary.client.getState())!.agenda.find((i) => i.parentId === null)!.id;
    const uploaded = await secretary.client.uploadDocument({
      meetingId,
      title: PAPER.title,
      file: { name: `${PAPER.id}.pdf`, size: pdf.length, body: pdf },
      agendaItemId: itemId,
    });
    if (!uploaded.ok) throw new Error(uploaded.error.code);
    documentId = uploaded.data.id;

    delegate = rig.openCore(rig.tempDir('delegate-brief-attack'));
    await rig.signIn(delegate, 'daibieu1');
    await waitFor(() => paperIn(delegate) !== undefined, 20_000, 'brief with the paper');
    const summary = paperIn(delegate)!.summary.map((s) => s.text.slice(0, 40));
    expect(summary.length).toBeGreaterThan(0);
    expect(summary.some((s) => cacheHolds(delegate, s))).toBe(true);

    const moved = await secretary.client.send('document:update', {
      meetingId,
      documentId,
      visibleTo: { roles: ['chair'], users: [] },
    });
    expect(moved).toMatchObject({ ok: true });
    await waitFor(() => paperIn(delegate) === undefined, 20_000, 'paper gone from the brief');
    await waitFor(
      () => (delegate.client.getState().documents[meetingId] ?? []).every((d) => d.id !== documentId),
      10_000,
      'paper gone from the list',
    );
    for (const s of summary) expect(cacheHolds(delegate, s), s).toBe(false);
    expect(cacheHolds(delegate, PAPER.title)).toBe(false);
  });
});
