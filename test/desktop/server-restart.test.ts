import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesktopRig, countItemsTitled, demoMeeting, waitFor } from './desktop-harness.js';

/**
 * The everyday case the offline test does not cover: the tablets stay on while the meeting
 * server is restarted (an update, a reboot of the room PC). Nobody reopens the app; the core
 * must find the server again by itself.
 */
const rig = new DesktopRig();
beforeAll(() => rig.startServer());
afterAll(() => rig.cleanup());

describe('a desktop core left running through a server restart', () => {
  it('reconnects by itself, delivers what was queued, and the waiting send resolves', async () => {
    const delegate = rig.openCore(rig.tempDir('delegate'));
    const secretary = rig.openCore(rig.tempDir('secretary'));
    await rig.signIn(delegate, 'daibieu1');
    await rig.signIn(secretary, 'thuky');
    await waitFor(() => demoMeeting(delegate.client.getState()) !== undefined, 10_000, 'delegate synced');
    await waitFor(() => demoMeeting(secretary.client.getState()) !== undefined, 10_000, 'secretary synced');
    const meetingId = demoMeeting(secretary.client.getState())?.meeting.id ?? '';

    await rig.stopServer();
    await waitFor(() => secretary.client.getState().connection === 'offline', 5_000, 'secretary offline');
    const title = `Mục thêm trong lúc khởi động lại ${Date.now()}`;
    const answer = secretary.client.send('agenda:add-item', {
      meetingId,
      itemId: uuidv7(),
      parentId: null,
      title,
      presenter: '',
      plannedMinutes: 5,
    });
    expect(secretary.client.getState().pendingCommands).toBe(1);

    await rig.startServer();
    await waitFor(() => secretary.client.getState().connection === 'online', 15_000, 'secretary back online');
    await expect(answer).resolves.toMatchObject({ ok: true, data: { meetingId, replayed: false } });
    expect(secretary.store.listOutbox()).toEqual([]);
    await waitFor(() => delegate.client.getState().connection === 'online', 15_000, 'delegate back online');
    await waitFor(
      () => countItemsTitled(delegate.client.getState().meetings[meetingId], title) === 1,
      10_000,
      'delegate receives the item',
    );
  });
});
