import { afterEach, describe, expect, it } from 'vitest';
import { MemoryClientStore, MeetingClient, type MeetingState } from '../../shared/client/index.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { joinMeeting, must } from '../support/vote-fixtures.js';
import { startHarness, waitFor, type Harness } from '../support/server-harness.js';

/**
 * The reader tells the server a paper was opened (`document:opened`) through the outbox, so a
 * paper read offline still counts for the brief. It is the client's bookkeeping, not the
 * delegate's work: it never shows as a change waiting to be sent, and a refusal on replay (the
 * paper withdrawn meanwhile) is not put before the delegate as a refused change.
 */
let h: Harness;
let client: MeetingClient | null = null;
afterEach(async () => {
  client?.stop();
  await h?.cleanup();
});

describe('a paper opened offline', () => {
  it('is told once back online, uncounted among waiting changes; refused, it is not shown', async () => {
    h = await startHarness();
    const secretary = await joinMeeting(h, 'thuky');
    const meetingId = secretary.meeting.id;
    const { token } = await h.login('thuky');
    const pdf = await makePdf({ pages: ['Tờ trình về dự toán ngân sách năm 2027.'] });
    const kept = await mustUpload(h.server.url, token, meetingId, pdf, { title: 'Giữ lại' });
    const withdrawn = await mustUpload(h.server.url, token, meetingId, pdf, { title: 'Rút lại' });

    client = new MeetingClient({ store: new MemoryClientStore(), fetch, socketOptions: { transports: ['websocket'] } });
    const c = client;
    expect(
      (await c.login({ serverUrl: h.server.url, username: 'daibieu1', password: h.account('daibieu1').password })).ok,
    ).toBe(true);
    const meeting = () => c.getState().meetings[meetingId] as MeetingState | undefined;
    await waitFor(() => c.getState().connection === 'online' && meeting() !== undefined);

    c.stop(); // the tablet leaves the Wi-Fi and the delegate reads both papers
    const answers = [kept, withdrawn].map((d) =>
      c.send('document:opened', { meetingId, documentId: d.id, version: d.version }),
    );
    expect(c.getState().pendingCommands).toBe(0);
    await must(secretary.socket, 'document:remove', { meetingId, documentId: withdrawn.id });

    c.start();
    const acks = await Promise.all(answers);
    expect(acks.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['ok', 'NOT_FOUND']);
    expect(c.getState().rejected).toEqual([]);
    expect(c.getState().pendingCommands).toBe(0);
    const rows = await h.server.store.db.selectFrom('document_opens').selectAll().execute();
    expect(rows.map((r) => r.document_id)).toEqual([kept.id]);
  });
});
