import { uuidv7 } from 'uuidv7';
import { connectSocket, syncAll, type Harness } from './server-harness.js';
import { joinMeeting, must, type Member } from './vote-fixtures.js';

/**
 * Adds `count` delegate accounts to the demo meeting (through the admin API and the
 * secretary's commands, like a real set-up) and signs each in on its own socket.
 */
export async function crowdOfDelegates(h: Harness, count: number, prefix = 'db'): Promise<Member[]> {
  const admin = await h.login('admin');
  const secretary = await joinMeeting(h, 'thuky');
  const meetingId = secretary.meeting.id;
  const passwords = new Map<string, string>();
  await Promise.all(
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
      passwords.set(username, password);
      await must(secretary.socket, 'participant:set', { meetingId, userId: user.id, role: 'delegate' });
    }),
  );
  secretary.socket.disconnect();
  const members: Member[] = [];
  for (const [username, password] of passwords) {
    const res = await fetch(`${h.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const { token, user } = (await res.json()) as { token: string; user: { id: string } };
    const socket = await connectSocket(h.server.url, token);
    await syncAll(socket);
    await must(socket, 'attendance:check-in', { meetingId, userId: user.id });
    members.push({ username, userId: user.id, socket });
  }
  return members;
}
