import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { MemoryClientStore, MeetingClient, type MeetingState } from '../../shared/client/index.js';
import { waitFor } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';

const { h, clients, replaceServer } = serverEachTest();

async function signedIn(
  username: string,
  now?: () => Date,
): Promise<{ client: MeetingClient; meeting: () => MeetingState }> {
  const client = new MeetingClient({
    store: new MemoryClientStore(),
    fetch,
    socketOptions: { transports: ['websocket'] },
    now,
  });
  clients.push(client);
  const answer = await client.login({
    serverUrl: `${h.server.url}/`,
    username,
    password: h.account(username).password,
  });
  expect(answer.ok).toBe(true);
  await waitFor(
    () => client.getState().connection === 'online' && Object.keys(client.getState().meetings).length === 1,
    5000,
    `${username} synced`,
  );
  const meeting = () => Object.values(client.getState().meetings)[0] as MeetingState;
  return { client, meeting };
}

describe('client core (browser store) against the real server', () => {
  it('signs in, syncs the demo meeting with its agenda, and follows live edits', async () => {
    const secretary = await signedIn('thuky');
    const delegate = await signedIn('daibieu1');
    expect(delegate.meeting().agenda.length).toBeGreaterThan(5);
    expect(delegate.meeting().myRole).toBe('delegate');
    expect(delegate.client.getState().lastSyncAt).not.toBeNull();

    const seen: number[] = [];
    delegate.client.subscribe((s) => seen.push(Object.values(s.meetings)[0]?.seq ?? 0));
    const receipt = await secretary.client.send('agenda:add-item', {
      meetingId: secretary.meeting().meeting.id,
      itemId: uuidv7(),
      parentId: null,
      title: 'Ý kiến cử tri',
      presenter: '',
      plannedMinutes: 20,
    });
    expect(receipt).toMatchObject({ ok: true, data: { replayed: false } });
    await waitFor(() => delegate.meeting().agenda.some((i) => i.title === 'Ý kiến cử tri'));
    expect(delegate.meeting().seq).toBe(receipt.ok ? receipt.data.seq : -1);
    expect(secretary.client.getState().pendingCommands).toBe(0);
  });

  it("learns how far its clock is off the server's, so the room's clocks agree on every tablet", async () => {
    // A tablet whose clock is seven minutes behind (no internet time on a closed LAN).
    const behind = 7 * 60_000;
    const tablet = await signedIn('daibieu3', () => new Date(Date.now() - behind));
    const offset = tablet.client.getState().clockOffsetMs ?? 0;
    expect(Math.abs(offset - behind)).toBeLessThan(2_000);
    const punctual = await signedIn('daibieu1');
    expect(Math.abs(punctual.client.getState().clockOffsetMs ?? NaN)).toBeLessThan(2_000);
  });

  it('catches up by sequence after a dropped connection', async () => {
    const secretary = await signedIn('thuky');
    const delegate = await signedIn('daibieu2');
    const held = delegate.meeting().seq;
    delegate.client.stop();
    expect(delegate.client.getState().connection).toBe('offline');
    for (const title of ['A', 'B', 'C']) {
      await secretary.client.send('agenda:add-item', {
        meetingId: secretary.meeting().meeting.id,
        itemId: uuidv7(),
        parentId: null,
        title,
        presenter: '',
        plannedMinutes: 1,
      });
    }
    expect(delegate.meeting().seq).toBe(held);
    delegate.client.start();
    await waitFor(() => delegate.meeting().seq === held + 3, 5000, 'catch-up');
    expect(delegate.meeting().agenda.filter((i) => ['A', 'B', 'C'].includes(i.title))).toHaveLength(3);
  });

  it('queues edits while offline and delivers them in order once back', async () => {
    const secretary = await signedIn('thuky');
    const meetingId = secretary.meeting().meeting.id;
    secretary.client.stop();
    const first = secretary.client.send('agenda:add-item', {
      meetingId,
      itemId: uuidv7(),
      parentId: null,
      title: 'Một',
      presenter: '',
      plannedMinutes: 1,
    });
    const second = secretary.client.send('agenda:add-item', {
      meetingId,
      itemId: uuidv7(),
      parentId: null,
      title: 'Hai',
      presenter: '',
      plannedMinutes: 1,
    });
    expect(secretary.client.getState().pendingCommands).toBe(2);
    secretary.client.start();
    const [a, b] = await Promise.all([first, second]);
    expect(a.ok && b.ok && b.data.seq === a.data.seq + 1).toBe(true);
    await waitFor(() => secretary.client.getState().pendingCommands === 0);
    const titles = await h.server.store.db
      .selectFrom('agenda_items')
      .select('title')
      .where('title', 'in', ['Một', 'Hai'])
      .orderBy('position')
      .execute();
    expect(titles).toEqual([{ title: 'Một' }, { title: 'Hai' }]);
  });

  it('tells the user when a queued command is refused on replay', async () => {
    const admin = await signedIn('admin');
    const secretary = await signedIn('thuky');
    const meetingId = secretary.meeting().meeting.id;
    const newSecretary = (await h.login('daibieu3')).user.id;
    const oldSecretary = secretary.client.getState().user?.id ?? '';
    secretary.client.stop();
    const queued = secretary.client.send('agenda:add-item', {
      meetingId,
      itemId: uuidv7(),
      parentId: null,
      title: 'Bị từ chối',
      presenter: '',
      plannedMinutes: 1,
    });
    // Meanwhile the admin hands the meeting to someone else.
    expect(
      (await admin.client.send('participant:set', { meetingId, userId: newSecretary, role: 'secretary' })).ok,
    ).toBe(true);
    expect((await admin.client.send('participant:set', { meetingId, userId: oldSecretary, role: 'observer' })).ok).toBe(
      true,
    );
    secretary.client.start();
    expect(await queued).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await waitFor(() => secretary.client.getState().rejected.length === 1);
    expect(secretary.client.getState().rejected[0]?.error.message.vi).toMatch(/không có quyền/);
    expect(secretary.client.getState().pendingCommands).toBe(0);
    await waitFor(() => secretary.meeting().myRole === 'observer');
    const notice = secretary.client.getState().rejected[0]?.commandId ?? '';
    await secretary.client.dismissRejected(notice);
    expect(secretary.client.getState().rejected).toEqual([]);
  });

  it('refuses a wrong password without signing in', async () => {
    const client = new MeetingClient({ store: new MemoryClientStore(), fetch });
    const answer = await client.login({ serverUrl: h.server.url, username: 'thuky', password: 'wrong' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(client.getState().connection).toBe('signed-out');
    const unreachable = await client.login({ serverUrl: 'http://127.0.0.1:1', username: 'a', password: 'b' });
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
  });
});

describe('client core when the session ends on the server', () => {
  it('keeps queued edits across an expired session and delivers them after the same user signs in again', async () => {
    const secretary = await signedIn('thuky');
    const meetingId = secretary.meeting().meeting.id;
    secretary.client.stop();
    const queued = secretary.client.send('agenda:add-item', {
      meetingId,
      itemId: uuidv7(),
      parentId: null,
      title: 'Giữ lại',
      presenter: '',
      plannedMinutes: 1,
    });
    await h.server.store.db.deleteFrom('sessions').execute();
    secretary.client.start();
    await waitFor(() => secretary.client.getState().connection === 'signed-out', 5000, 'signed out');
    expect(secretary.client.getState().pendingCommands).toBe(1);
    const again = await secretary.client.login({
      serverUrl: h.server.url,
      username: 'thuky',
      password: h.account('thuky').password,
    });
    expect(again.ok).toBe(true);
    expect(await queued).toMatchObject({ ok: true });
    await waitFor(() => secretary.meeting()?.agenda.some((i) => i.title === 'Giữ lại'));
  });

  it("forgets the previous user's cache when another user signs in", async () => {
    const secretary = await signedIn('thuky');
    secretary.client.stop();
    const answer = await secretary.client.login({
      serverUrl: h.server.url,
      username: 'daibieu1',
      password: h.account('daibieu1').password,
    });
    expect(answer.ok).toBe(true);
    await waitFor(() => secretary.client.getState().connection === 'online');
    expect(Object.values(secretary.client.getState().meetings).map((m) => m.myRole)).toEqual(['delegate']);
  });
});

describe("client core under the server's flood limit", () => {
  it('slows a long outbox replay down instead of losing commands', { timeout: 30_000 }, async () => {
    await replaceServer({ socketLimits: { burst: 6, eventsPerSecond: 6 } });
    const secretary = await signedIn('thuky');
    const meetingId = secretary.meeting().meeting.id;
    secretary.client.stop();
    const sent = Array.from({ length: 15 }, (_, i) =>
      secretary.client.send('agenda:add-item', {
        meetingId,
        itemId: uuidv7(),
        parentId: null,
        title: `Hàng đợi ${i}`,
        presenter: '',
        plannedMinutes: 1,
      }),
    );
    secretary.client.start();
    const answers = await Promise.all(sent);
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(secretary.client.getState().rejected).toEqual([]);
    const stored = await h.server.store.db
      .selectFrom('agenda_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('title', 'like', 'Hàng đợi %')
      .executeTakeFirstOrThrow();
    expect(stored.n).toBe(15);
  });
});
