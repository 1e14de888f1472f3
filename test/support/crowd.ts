import { uuidv7 } from 'uuidv7';
import { MemoryClientStore, MeetingClient } from '../../shared/client/index.js';
import { connectSocket, syncAll, waitFor, type Harness } from './server-harness.js';
import { joinMeeting, must, type Member } from './vote-fixtures.js';

export interface NewDelegate {
  username: string;
  password: string;
  userId: string;
}

/** What the crowd needs of a running server: the in-process harness or a server process. */
export type ServerAccess = Pick<Harness, 'login' | 'connect'> & { server: { url: string } };

/**
 * Adds `count` delegate accounts to the demo meeting, through the admin API and the
 * secretary's commands, like a real set-up.
 */
export async function addDelegates(h: ServerAccess, count: number, prefix = 'db'): Promise<NewDelegate[]> {
  const admin = await h.login('admin');
  const secretary = await joinMeeting(h, 'thuky');
  const meetingId = secretary.meeting.id;
  const made = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const username = `${prefix}${String(i).padStart(3, '0')}`;
      const password = `mat-khau-${uuidv7()}`;
      const res = await fetch(`${h.server.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({ username, displayName: `Đại biểu ${i}`, password }),
      });
      if (res.status !== 201) throw new Error(`create ${username}: ${res.status}`);
      const { user } = (await res.json()) as { user: { id: string } };
      await must(secretary.socket, 'participant:set', { meetingId, userId: user.id, role: 'delegate' });
      return { username, password, userId: user.id };
    }),
  );
  secretary.socket.disconnect();
  return made;
}

/** `count` new delegates, each signed in on its own raw socket and checked in. */
export async function crowdOfDelegates(h: Harness, count: number, prefix = 'db'): Promise<Member[]> {
  const members: Member[] = [];
  const meetingId = (await syncAll((await h.connect('thuky')).socket)).meetings[0]?.id ?? '';
  for (const d of await addDelegates(h, count, prefix)) {
    const res = await fetch(`${h.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: d.username, password: d.password }),
    });
    const { token } = (await res.json()) as { token: string };
    const socket = await connectSocket(h.server.url, token);
    await syncAll(socket);
    await must(socket, 'attendance:check-in', { meetingId, userId: d.userId });
    members.push({ username: d.username, userId: d.userId, socket });
  }
  return members;
}

export interface ClientDelegate extends NewDelegate {
  client: MeetingClient;
  store: MemoryClientStore;
}

/**
 * `count` new delegates, each on the product's own client core (the one a tablet runs, with
 * its own store: ballot keys are made and kept there), signed in and checked in.
 */
export async function crowdOfClients(h: ServerAccess, count: number, prefix = 'cl'): Promise<ClientDelegate[]> {
  const out: ClientDelegate[] = [];
  for (const d of await addDelegates(h, count, prefix)) {
    const store = new MemoryClientStore();
    const client = new MeetingClient({ store, fetch, socketOptions: { transports: ['websocket'] } });
    const login = await client.login({ serverUrl: h.server.url, username: d.username, password: d.password });
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
