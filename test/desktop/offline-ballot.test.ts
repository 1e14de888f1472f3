import { afterEach, describe, expect, it } from 'vitest';
import { yesNoVote } from '../support/vote-fixtures.js';
import { DesktopRig, demoMeeting, waitFor } from './desktop-harness.js';

const rig = new DesktopRig();
afterEach(async () => {
  await rig.cleanup();
});

describe('a ballot on a tablet that loses the server', () => {
  it('waits in the SQLite outbox across an app restart and counts once when the server is back', async () => {
    await rig.startServer();
    const chair = rig.openCore(rig.tempDir('chair'));
    const tabletDir = rig.tempDir('tablet');
    let tablet = rig.openCore(tabletDir);
    await rig.signIn(chair, 'chutoa');
    await rig.signIn(tablet, 'daibieu1');
    await waitFor(
      () => demoMeeting(chair.client.getState()) !== undefined && demoMeeting(tablet.client.getState()) !== undefined,
    );
    const meetingId = demoMeeting(chair.client.getState())?.meeting.id ?? '';
    const me = tablet.client.getState().user?.id ?? '';
    expect((await tablet.client.send('attendance:check-in', { meetingId, userId: me })).ok).toBe(true);
    const vote = yesNoVote({ kind: 'secret' });
    expect((await chair.client.send('vote:create', { meetingId, ...vote })).ok).toBe(true);
    expect((await chair.client.send('vote:open', { meetingId, voteId: vote.voteId })).ok).toBe(true);
    await waitFor(() => demoMeeting(tablet.client.getState())?.votes[0]?.status === 'open');

    // The server goes away; the delegate votes anyway, then the tablet app is closed.
    await rig.stopServer();
    await waitFor(() => tablet.client.getState().connection === 'offline');
    void tablet.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: ['yes'] });
    expect(tablet.client.getState().pendingCommands).toBe(1);
    tablet.close();

    await rig.startServer();
    tablet = rig.openCore(tabletDir);
    expect(tablet.client.getState().pendingCommands).toBe(1);
    tablet.client.start();
    await waitFor(() => tablet.client.getState().pendingCommands === 0, 10_000, 'outbox delivered');
    await waitFor(() => demoMeeting(tablet.client.getState())?.myBallots.includes(vote.voteId) === true);
    expect(tablet.client.getState().rejected).toEqual([]);
    const count = await rig.server?.store.db
      .selectFrom('votes')
      .select('ballot_count')
      .where('id', '=', vote.voteId)
      .executeTakeFirst();
    expect(count?.ballot_count).toBe(1);
  });
});
