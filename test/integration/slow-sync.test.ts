import { afterEach, describe, expect, it } from 'vitest';
import { MemoryClientStore, MeetingClient } from '../../shared/client/index.js';
import { startHarness, waitFor, type Harness } from '../support/server-harness.js';
import { StallProxy } from '../support/stall-proxy.js';
import { currentVote, joinMeeting, must, yesNoVote } from '../support/vote-fixtures.js';

let h: Harness;
let proxy: StallProxy | null = null;
const clients: MeetingClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  await proxy?.stop();
  await h?.cleanup();
});

describe('a reconnection whose sync answer comes late', () => {
  it('asks again, comes online and sends what is queued, without another drop of the link', async () => {
    h = await startHarness();
    proxy = new StallProxy(h.server.port);
    await proxy.start();
    // Acknowledgements are awaited 1.5 s here (10 s in the app): the stall below is longer.
    const client = new MeetingClient({
      store: new MemoryClientStore(),
      fetch,
      ackTimeoutMs: 1500,
      socketOptions: { transports: ['websocket'] },
    });
    clients.push(client);
    expect(
      (await client.login({ serverUrl: proxy.url, username: 'daibieu1', password: h.account('daibieu1').password })).ok,
    ).toBe(true);
    await waitFor(
      () => client.getState().connection === 'online' && Object.keys(client.getState().meetings).length > 0,
    );
    const meetingId = Object.keys(client.getState().meetings)[0] ?? '';
    const userId = client.getState().user?.id ?? '';
    expect((await client.send('attendance:check-in', { meetingId, userId })).ok).toBe(true);

    // The Wi-Fi hiccups: the link comes back, but the server's answers are held 2.5 s.
    proxy.stallNextSync(2500);
    proxy.dropAll();
    await waitFor(() => client.getState().connection === 'offline', 5000, 'the drop');
    await waitFor(() => client.getState().connection === 'online', 15_000, 'online again after the late sync');

    const chair = await joinMeeting(h, 'chutoa');
    const vote = yesNoVote({ kind: 'secret' });
    await must(chair.socket, 'vote:create', { meetingId, ...vote });
    await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
    await waitFor(() => client.getState().meetings[meetingId]?.votes.some((v) => v.status === 'open') ?? false);
    expect(await client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: ['yes'] })).toMatchObject({
      ok: true,
    });
    expect((await currentVote(h, vote.voteId)).ballot_count).toBe(1);
  });
});
