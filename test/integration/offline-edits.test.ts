import { afterEach, describe, expect, it } from 'vitest';
import { MemoryClientStore, MeetingClient, type MeetingState } from '../../shared/client/index.js';
import { joinMeeting, must } from '../support/vote-fixtures.js';
import { startHarness, waitFor, type Harness } from '../support/server-harness.js';

let h: Harness;
let client: MeetingClient | null = null;
afterEach(async () => {
  client?.stop();
  await h?.cleanup();
});

describe('edits made one after the other on one device while offline', () => {
  it('are all applied on reconnection; one that someone else overtook is refused with its text kept', async () => {
    h = await startHarness();
    client = new MeetingClient({ store: new MemoryClientStore(), fetch, socketOptions: { transports: ['websocket'] } });
    const c = client;
    expect(
      (await c.login({ serverUrl: h.server.url, username: 'thuky', password: h.account('thuky').password })).ok,
    ).toBe(true);
    const meeting = () => Object.values(c.getState().meetings)[0] as MeetingState;
    await waitFor(() => c.getState().connection === 'online' && meeting() !== undefined);
    const { meeting: m, agenda } = meeting();
    const [item, other] = agenda as [MeetingState['agenda'][number], MeetingState['agenda'][number]];

    c.stop(); // the tablet loses the LAN; each form opens on what the device holds
    const answers = [
      c.send('agenda:update-item', {
        meetingId: m.id,
        itemId: item.id,
        baseVersion: item.version,
        title: 'Khai mạc kỳ họp',
      }),
      c.send('agenda:update-item', {
        meetingId: m.id,
        itemId: item.id,
        baseVersion: item.version,
        presenter: 'Phó Chủ tịch HĐND',
      }),
      c.send('meeting:update', { meetingId: m.id, baseVersion: m.version, place: 'Phòng họp số 2' }),
      c.send('meeting:update', { meetingId: m.id, baseVersion: m.version, title: 'Kỳ họp thứ 12 (đã sửa)' }),
      c.send('agenda:update-item', {
        meetingId: m.id,
        itemId: other.id,
        baseVersion: other.version,
        title: 'Bản của tôi',
      }),
    ];
    // Meanwhile the other secretary device edits the second item.
    const pc = await joinMeeting(h, 'thuky');
    await must(pc.socket, 'agenda:update-item', {
      meetingId: m.id,
      itemId: other.id,
      baseVersion: other.version,
      title: 'Bản trên máy tính',
    });

    c.start();
    const acks = await Promise.all(answers);
    expect(acks.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['ok', 'ok', 'ok', 'ok', 'STALE_EDIT']);
    await waitFor(() => meeting().meeting.title === 'Kỳ họp thứ 12 (đã sửa)');
    const after = meeting();
    expect(after.agenda.find((i) => i.id === item.id)).toMatchObject({
      title: 'Khai mạc kỳ họp',
      presenter: 'Phó Chủ tịch HĐND',
      version: item.version + 2,
    });
    expect(after.meeting).toMatchObject({ place: 'Phòng họp số 2', version: m.version + 2 });
    expect(after.agenda.find((i) => i.id === other.id)?.title).toBe('Bản trên máy tính');
    // What was typed and refused is not lost: the refusal keeps it for the UI to offer back.
    expect(c.getState().rejected).toEqual([
      expect.objectContaining({
        name: 'agenda:update-item',
        error: expect.objectContaining({ code: 'STALE_EDIT' }),
        payload: expect.objectContaining({ itemId: other.id, title: 'Bản của tôi' }),
      }),
    ]);
  });
});
