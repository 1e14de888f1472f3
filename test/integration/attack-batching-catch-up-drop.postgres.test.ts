import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryClientStore, MeetingClient } from '../../shared/client/index.js';
import type { RunningServer } from '../../server/app.js';
import { agendaItem, meetingSeq, secondNode } from '../support/attack-batching.js';
import type { Store } from '../../server/db/store.js';
import { ask, connectSocket, syncAll, waitFor, type TestSocket } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';

/**
 * A tablet on node two sees a batch that starts beyond what it holds (node one's batch is
 * still in its 50 ms wait) and asks `meeting:catch-up`. While that catch-up is being answered
 * (its snapshot already read: here made slow, as a 2000-row catch-up or a loaded node is), the
 * next batch arrives; it too starts beyond what the tablet holds, and the client core drops it
 * because a catch-up of that meeting is already in flight. The answer then stops short of that
 * batch's changes, and nothing asks for them again until the meeting changes once more.
 */
const { h, clients, sockets, nodes } = serverEachTest();
let second: RunningServer;
beforeEach(async () => {
  second = await secondNode(h);
  nodes.push(second);
});

/** Catch-ups of this node take `ms` longer after their read (a large or loaded catch-up). */
function slowCatchUps(store: Store, ms: number): () => void {
  const target = store as { snapshot: Store['snapshot'] };
  const original = target.snapshot;
  target.snapshot = async (work) => {
    const result = await original(work);
    await new Promise((r) => setTimeout(r, ms));
    return result;
  };
  return () => (target.snapshot = original);
}

describe('a batch that arrives while a catch-up is answered', () => {
  it('is not lost: the tablet reaches the server seq once the meeting is quiet', async () => {
    const tablet = new MeetingClient({
      store: new MemoryClientStore(),
      fetch,
      socketOptions: { transports: ['websocket'] },
    });
    clients.push(tablet);
    const login = await tablet.login({
      serverUrl: second.url,
      username: 'daibieu1',
      password: h.account('daibieu1').password,
    });
    expect(login.ok).toBe(true);
    await waitFor(
      () => tablet.getState().connection === 'online' && Object.keys(tablet.getState().meetings).length > 0,
    );
    const meetingId = Object.keys(tablet.getState().meetings)[0] ?? '';
    const staff = await h.login('thuky');
    const onOne = await connectSocket(h.server.url, staff.token);
    const onTwo = await connectSocket(second.url, staff.token);
    sockets.push(onOne, onTwo);
    await syncAll(onOne);
    await syncAll(onTwo);
    const add = (s: TestSocket, title: string) => ask(s, 'agenda:add-item', agendaItem(meetingId, title));
    const held = () => tablet.getState().meetings[meetingId]?.seq ?? -1;
    const seqNow = () => meetingSeq(h, meetingId);
    const restore = slowCatchUps(second.store, 150);
    const stuck: string[] = [];
    try {
      for (let round = 0; round < 8 && stuck.length === 0; round++) {
        // Node one: A goes out at once, B (queued behind it on the same socket) waits out the 50 ms.
        const a = add(onOne, `A${round}`);
        const b = add(onOne, `B${round}`);
        await Promise.all([a, b]);
        // Node two, quiet, sends C at once: the tablet sees a gap and catches up (slowly).
        await add(onTwo, `C${round}`);
        await new Promise((r) => setTimeout(r, 20));
        // D: node two's next batch, 50 ms after C, arrives while that catch-up is answered.
        await add(onTwo, `D${round}`);
        await new Promise((r) => setTimeout(r, 800));
        const seq = await seqNow();
        if (held() !== seq) stuck.push(`round ${round}: the tablet holds ${held()}, the server is at ${seq}`);
      }
    } finally {
      restore();
    }
    expect(stuck).toEqual([]);
  });
});
