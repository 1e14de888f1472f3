import { MemoryClientStore, MeetingClient } from '../../shared/client/index.js';
import { addDelegates, type NewDelegate, type ServerAccess } from '../simulator/accounts.js';
import { DelegateCrowd, mustAllPass } from '../simulator/crowd.js';
import { waitFor, type Harness } from './server-harness.js';
import { joinMeeting, must, yesNoVote, type Member } from './vote-fixtures.js';

export { addDelegates, type NewDelegate, type ServerAccess };

/** `count` new delegates, each signed in on its own raw socket and checked in. */
export async function crowdOfDelegates(h: Harness, count: number, prefix = 'db'): Promise<Member[]> {
  const crowd = await DelegateCrowd.prepare(h, count, prefix);
  await crowd.connect([h.server.url]);
  mustAllPass(await crowd.burst((d) => d.checkIn()), 'check-ins');
  return crowd.delegates.map((d) => ({ username: d.account.username, userId: d.account.userId, socket: d.socket }));
}

export interface ClientDelegate extends NewDelegate {
  client: MeetingClient;
  store: MemoryClientStore;
}

/**
 * `count` new delegates, each on the product's own client core (the one a tablet runs, with
 * its own store: ballot keys are made and kept there), signed in and checked in.
 */
export async function crowdOfClients(
  h: ServerAccess,
  count: number,
  prefix = 'cl',
  /** Where the tablets reach the server: another address of it (a relay) if given. */
  serverUrl = h.server.url,
): Promise<ClientDelegate[]> {
  const out: ClientDelegate[] = [];
  for (const d of await addDelegates(h, count, prefix)) {
    const store = new MemoryClientStore();
    const client = new MeetingClient({ store, fetch, socketOptions: { transports: ['websocket'] } });
    const login = await client.login({ serverUrl, username: d.username, password: d.password });
    if (!login.ok) throw new Error(`sign-in ${d.username}: ${login.error.code}`);
    await waitFor(
      () => client.getState().connection === 'online' && Object.keys(client.getState().meetings).length > 0,
    );
    const meetingId = Object.keys(client.getState().meetings)[0] ?? '';
    const answer = await client.send('attendance:check-in', { meetingId, userId: d.userId });
    if (!answer.ok) throw new Error(`check-in ${d.username}: ${answer.error.code}`);
    out.push({ ...d, client, store });
  }
  return out;
}

/** Waits until every delegate's client core shows the vote in that state. */
export async function crowdSees(crowd: readonly ClientDelegate[], voteId: string, status: string): Promise<void> {
  for (const d of crowd) {
    await waitFor(
      () =>
        Object.values(d.client.getState().meetings).some((m) =>
          m.votes.some((v) => v.id === voteId && v.status === status),
        ),
      10_000,
      `vote seen ${status}`,
    );
  }
}

/**
 * `count` new delegates on client cores of their own (kept in `crowd`, which the test stops),
 * and a secret vote whose ballots may be changed, opened by the chair: every tablet sees it open.
 */
export async function secretVoteBeforeCrowd(h: Harness, crowd: ClientDelegate[], count: number, prefix: string) {
  crowd.push(...(await crowdOfClients(h, count, prefix)));
  const chair = await joinMeeting(h, 'chutoa');
  const meetingId = chair.meeting.id;
  const vote = yesNoVote({ kind: 'secret', allowChange: true });
  await must(chair.socket, 'vote:create', { meetingId, ...vote });
  await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
  await crowdSees(crowd, vote.voteId, 'open');
  return { chair, meetingId, vote };
}
