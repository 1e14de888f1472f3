import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../shared/client/index.js';
import type { DesktopCore } from '../../electron/core/desktop-core.js';
import { DesktopRig, countItemsTitled, demoMeeting, waitFor } from './desktop-harness.js';

/**
 * The desktop flow end to end, without Electron: the client core with its SQLite cache against
 * the real server, through a server outage, app restarts, and the outbox's delivery. The steps
 * run in order and share the rig, as one working day of a tablet would.
 */
const rig = new DesktopRig();
let delegateDir: string;
let secretaryDir: string;
let delegate: DesktopCore;
let secretary: DesktopCore;
let meetingId: string;
let agendaLength: number;
let queued: CommandInput<'agenda:add-item'> & { commandId: string };

beforeAll(async () => {
  await rig.startServer();
  delegateDir = rig.tempDir('delegate');
  secretaryDir = rig.tempDir('secretary');
});
afterAll(() => rig.cleanup());

/** A core that has never seen this meeting: what the server holds now, after one sync. */
async function serverView(username: string) {
  const core = rig.openCore(rig.tempDir(`fresh-${username}`));
  await rig.signIn(core, username);
  await waitFor(() => core.client.getState().connection === 'online', 10_000, `${username} synced`);
  const meeting = core.client.getState().meetings[meetingId];
  core.close();
  return meeting;
}

describe('desktop offline cache', () => {
  it('a delegate and the secretary sync the demo meeting into their caches', async () => {
    delegate = rig.openCore(delegateDir);
    secretary = rig.openCore(secretaryDir);
    await rig.signIn(delegate, 'daibieu1');
    await rig.signIn(secretary, 'thuky');
    await waitFor(() => demoMeeting(delegate.client.getState()) !== undefined, 10_000, 'delegate has the meeting');
    await waitFor(() => demoMeeting(secretary.client.getState()) !== undefined, 10_000, 'secretary has the meeting');

    const seen = demoMeeting(delegate.client.getState());
    meetingId = seen?.meeting.id ?? '';
    agendaLength = seen?.agenda.length ?? 0;
    expect(seen?.myRole).toBe('delegate');
    expect(demoMeeting(secretary.client.getState())?.myRole).toBe('secretary');
    expect(delegate.store.loadMeetings().map((m) => m.meeting.id)).toEqual([meetingId]);
  });

  it('with the server down, a core reopened from its file still shows the meeting and its agenda', async () => {
    await rig.stopServer();
    await waitFor(() => delegate.client.getState().connection === 'offline', 5_000, 'delegate offline');
    delegate.close();

    delegate = rig.openCore(delegateDir);
    const state = delegate.client.getState();
    expect(state.connection).toBe('offline');
    expect(state.user?.username).toBe('daibieu1');
    expect(state.meetings[meetingId]?.agenda).toHaveLength(agendaLength);
    expect(state.meetings[meetingId]?.meeting.status).toBe('published');
    delegate.client.start(); // keeps trying until the server is back
  });

  it('a command made offline waits in the outbox and survives reopening the core', async () => {
    await waitFor(() => secretary.client.getState().connection === 'offline', 5_000, 'secretary offline');
    queued = {
      commandId: uuidv7(),
      meetingId,
      itemId: uuidv7(),
      parentId: null,
      title: `Mục bổ sung khi mất mạng ${Date.now()}`,
      presenter: 'Thư ký',
      plannedMinutes: 10,
    };
    // Not awaited: while offline the acknowledgement cannot come; the outbox is the promise.
    void secretary.client.send('agenda:add-item', queued);
    expect(secretary.client.getState().pendingCommands).toBe(1);
    expect(secretary.store.listOutbox().map((e) => e.commandId)).toEqual([queued.commandId]);
    secretary.close();

    secretary = rig.openCore(secretaryDir);
    expect(secretary.client.getState().pendingCommands).toBe(1);
    expect(secretary.store.listOutbox()).toMatchObject([
      { commandId: queued.commandId, name: 'agenda:add-item', payload: { title: queued.title } },
    ]);
    secretary.client.start();
  });

  it('once the server is back on the same address, the outbox is delivered exactly once', async () => {
    await rig.startServer();
    await waitFor(
      () => secretary.client.getState().pendingCommands === 0 && secretary.client.getState().connection === 'online',
      20_000,
      'outbox delivered',
    );
    expect(secretary.store.listOutbox()).toEqual([]);
    expect(secretary.client.getState().rejected).toEqual([]);
    await waitFor(
      () => countItemsTitled(secretary.client.getState().meetings[meetingId], queued.title) === 1,
      10_000,
      'secretary sees the item',
    );
    await waitFor(
      () => countItemsTitled(delegate.client.getState().meetings[meetingId], queued.title) === 1,
      20_000,
      'delegate receives the item',
    );
    expect(countItemsTitled(delegate.store.loadMeetings()[0], queued.title)).toBe(1); // and cached it

    const onServer = await serverView('chutoa');
    expect(countItemsTitled(onServer, queued.title)).toBe(1);
    expect(onServer?.agenda).toHaveLength(agendaLength + 1);
  });

  it('replaying the delivered command id is acknowledged as a replay and changes nothing', async () => {
    const before = await serverView('chutoa');
    const answer = await secretary.client.send('agenda:add-item', queued);
    expect(answer).toMatchObject({ ok: true, data: { commandId: queued.commandId, meetingId, replayed: true } });
    expect(answer.ok && answer.data.seq).toBe(before?.seq); // the first application's receipt
    expect(secretary.client.getState().pendingCommands).toBe(0);

    const after = await serverView('chutoa');
    expect(after?.seq).toBe(before?.seq);
    expect(countItemsTitled(after, queued.title)).toBe(1);
  });
});
