import { describe, expect, it } from 'vitest';
import { MemoryClientStore, MeetingClient, type MeetingState } from '../../shared/client/index.js';
import { waitFor } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';
import { yesNoVote } from '../support/vote-fixtures.js';

const { h, clients } = serverEachTest();

async function signedIn(username: string) {
  const client = new MeetingClient({
    store: new MemoryClientStore(),
    fetch,
    socketOptions: { transports: ['websocket'] },
  });
  clients.push(client);
  expect((await client.login({ serverUrl: h.server.url, username, password: h.account(username).password })).ok).toBe(
    true,
  );
  await waitFor(
    () => client.getState().connection === 'online' && Object.keys(client.getState().meetings).length === 1,
  );
  const meeting = () => Object.values(client.getState().meetings)[0] as MeetingState;
  return { client, meeting, me: client.getState().user?.id ?? '' };
}

describe('votes through the client core', () => {
  it("follows a secret vote live and remembers the voter's own ballot, also after a reload", async () => {
    const chair = await signedIn('chutoa');
    const delegate = await signedIn('daibieu1');
    const meetingId = chair.meeting().meeting.id;
    const vote = yesNoVote({ kind: 'secret' });
    expect((await delegate.client.send('attendance:check-in', { meetingId, userId: delegate.me })).ok).toBe(true);
    expect((await chair.client.send('vote:create', { meetingId, ...vote })).ok).toBe(true);
    expect((await chair.client.send('vote:open', { meetingId, voteId: vote.voteId })).ok).toBe(true);
    await waitFor(() => delegate.meeting().votes.some((v) => v.id === vote.voteId && v.status === 'open'));
    expect(delegate.meeting().participants.find((p) => p.userId === delegate.me)?.present).toBe(true);

    const cast = await delegate.client.send('vote:cast', {
      meetingId,
      voteId: vote.voteId,
      choices: ['yes'],
    });
    expect(cast.ok).toBe(true);
    expect(delegate.meeting().myBallots).toEqual([vote.voteId]);
    await waitFor(() => chair.meeting().votes[0]?.ballotCount === 1);
    expect(chair.meeting().votes[0]?.voterIds).toBeNull();
    expect(chair.meeting().myBallots).toEqual([]);

    const reloaded = await signedIn('daibieu1');
    expect(reloaded.meeting().myBallots).toEqual([vote.voteId]);

    expect((await chair.client.send('vote:close', { meetingId, voteId: vote.voteId })).ok).toBe(true);
    expect(delegate.meeting().votes[0]?.result ?? null).toBeNull();
    expect((await chair.client.send('vote:publish', { meetingId, voteId: vote.voteId })).ok).toBe(true);
    await waitFor(() => delegate.meeting().votes[0]?.status === 'published');
    expect(delegate.meeting().votes[0]?.result).toMatchObject({ ballots: 1, tally: { yes: 1 } });
  });

  it('tells the voter plainly when a ballot queued offline arrives after the close', async () => {
    const chair = await signedIn('chutoa');
    const delegate = await signedIn('daibieu2');
    const meetingId = chair.meeting().meeting.id;
    const vote = yesNoVote();
    await delegate.client.send('attendance:check-in', { meetingId, userId: delegate.me });
    await chair.client.send('vote:create', { meetingId, ...vote });
    await chair.client.send('vote:open', { meetingId, voteId: vote.voteId });
    await waitFor(() => delegate.meeting().votes[0]?.status === 'open');

    delegate.client.stop();
    const queued = delegate.client.send('vote:cast', {
      meetingId,
      voteId: vote.voteId,
      choices: ['no'],
    });
    expect(delegate.client.getState().pendingCommands).toBe(1);
    expect((await chair.client.send('vote:close', { meetingId, voteId: vote.voteId })).ok).toBe(true);
    delegate.client.start();
    expect(await queued).toMatchObject({ ok: false, error: { code: 'VOTE_NOT_OPEN' } });
    await waitFor(() => delegate.client.getState().rejected.length === 1);
    expect(delegate.client.getState().rejected[0]?.error.message.vi).toMatch(/không được ghi nhận/);
    expect(delegate.client.getState().pendingCommands).toBe(0);
    expect(delegate.meeting().myBallots).toEqual([]);
  });
});
