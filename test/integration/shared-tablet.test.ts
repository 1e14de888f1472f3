import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import { ask, waitFor } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';
import { tablet } from '../support/tablet.js';
import { joinMeeting, must, yesNoVote } from '../support/vote-fixtures.js';

const { h, clients } = serverEachTest();

describe('a shared tablet', () => {
  it("never lets one voter's ballot be changed by another, and the tally stays as cast", async () => {
    const chair = await joinMeeting(h, 'chutoa');
    const meetingId = chair.meeting.id;
    const shared = tablet(h, clients);
    const own = tablet(h, clients);
    const d1 = await shared.signIn('daibieu1');
    const d2 = await own.signIn('daibieu2');
    for (const [t, id] of [
      [shared, d1],
      [own, d2],
    ] as const) {
      expect((await t.client.send('attendance:check-in', { meetingId, userId: id })).ok).toBe(true);
    }
    const vote = yesNoVote({ kind: 'secret', allowChange: true });
    await must(chair.socket, 'vote:create', { meetingId, ...vote });
    await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
    await waitFor(() => shared.meeting().votes[0]?.status === 'open' && own.meeting().votes[0]?.status === 'open');

    // d1 votes yes on the shared tablet; d2 votes no on his own.
    expect((await shared.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: ['yes'] })).ok).toBe(true);
    expect((await own.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: ['no'] })).ok).toBe(true);
    const d1Key = shared.store.loadBallotKey(d1, vote.voteId);
    expect(d1Key).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // d2 takes the shared tablet (d1 did not sign out) and "changes" his ballot there.
    await shared.signIn('daibieu2');
    expect(shared.store.loadBallotKey(d2, vote.voteId)).toBeNull();
    expect(shared.store.listBallotKeyVotes()).toEqual([]);
    const change = await shared.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: ['abstain'] });
    expect(change).toMatchObject({ ok: false, error: { code: 'OTHER_DEVICE_BALLOT' } });
    expect(shared.store.loadBallotKey(d2, vote.voteId)).not.toBe(d1Key);

    // Even holding d1's key (read off the tablet), d2 cannot touch d1's ballot.
    const d2Socket = (await h.connect('daibieu2')).socket;
    const stolen = await ask(d2Socket, 'vote:cast', {
      commandId: uuidv7(),
      meetingId,
      voteId: vote.voteId,
      ballotKey: d1Key,
      choices: ['abstain'],
    });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'OTHER_DEVICE_BALLOT' } });
    // Nor can a member who has not voted yet use it to cast a second ballot over d1's.
    await must(chair.socket, 'attendance:check-in', { meetingId, userId: chair.userId });
    expect(
      await ask(chair.socket, 'vote:cast', {
        commandId: uuidv7(),
        meetingId,
        voteId: vote.voteId,
        ballotKey: d1Key,
        choices: ['no'],
      }),
    ).toMatchObject({ ok: false, error: { code: 'OTHER_DEVICE_BALLOT' } });
    // The answer is the same for a key that belongs to nobody: it tells nothing about d1's.
    expect(
      await ask(d2Socket, 'vote:cast', {
        commandId: uuidv7(),
        meetingId,
        voteId: vote.voteId,
        ballotKey: makeBallotKey(),
        choices: ['abstain'],
      }),
    ).toMatchObject({ ok: false, error: { code: 'OTHER_DEVICE_BALLOT' } });

    await must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });
    await must(chair.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
    await waitFor(() => own.meeting().votes[0]?.status === 'published');
    expect(own.meeting().votes[0]?.result).toMatchObject({ ballots: 2, tally: { yes: 1, no: 1, abstain: 0 } });
    // Once the vote has ended, no device keeps a key.
    await waitFor(() => own.store.listBallotKeyVotes().length === 0 && shared.store.listBallotKeyVotes().length === 0);
  });

  it('gives the same person their own key back on the same tablet, so they can change their ballot', async () => {
    const chair = await joinMeeting(h, 'chutoa');
    const meetingId = chair.meeting.id;
    const t = tablet(h, clients);
    const d1 = await t.signIn('daibieu1');
    expect((await t.client.send('attendance:check-in', { meetingId, userId: d1 })).ok).toBe(true);
    const vote = yesNoVote({ kind: 'secret', allowChange: true });
    await must(chair.socket, 'vote:create', { meetingId, ...vote });
    await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
    await waitFor(() => t.meeting().votes[0]?.status === 'open');
    expect((await t.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: ['no'] })).ok).toBe(true);
    // The same person signing in again on this tablet keeps the key: the change goes through.
    await t.signIn('daibieu1');
    expect((await t.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: ['yes'] })).ok).toBe(true);
    await must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });
    await must(chair.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
    await waitFor(() => t.meeting().votes[0]?.status === 'published');
    expect(t.meeting().votes[0]?.result).toMatchObject({ ballots: 1, tally: { yes: 1, no: 0 } });
  });

  it("keeps no one's choice in what was refused, and the next person on the tablet does not see the last one's", async () => {
    const chair = await joinMeeting(h, 'chutoa');
    const meetingId = chair.meeting.id;
    const t = tablet(h, clients);
    const d1 = await t.signIn('daibieu1');
    expect((await t.client.send('attendance:check-in', { meetingId, userId: d1 })).ok).toBe(true);
    const vote = yesNoVote({ kind: 'secret' });
    await must(chair.socket, 'vote:create', { meetingId, ...vote });
    await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
    await waitFor(() => t.meeting().votes[0]?.status === 'open');
    // Offline, d1 votes; the vote closes before the tablet is back: the ballot is refused.
    t.client.stop();
    const queued = t.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: ['no'] });
    await must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });
    t.client.start();
    expect(await queued).toMatchObject({ ok: false, error: { code: 'VOTE_NOT_OPEN' } });
    expect(t.client.getState().rejected).toEqual([
      expect.objectContaining({ name: 'vote:cast', payload: { meetingId, voteId: vote.voteId } }),
    ]);
    expect(JSON.stringify(t.client.getState())).not.toContain('"no"');

    await t.signIn('daibieu2');
    expect(t.client.getState().rejected).toEqual([]);
  });
});
