import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { Ack, Invitation, User } from '../protocol/index.js';
import type { ClientState } from './api.js';
import { InvitationSync } from './invitation-sync.js';

/**
 * The invitations part of the client core alone, over a host whose `invitation:list` answers
 * are released by hand: the order of a list's answer and the events around it is the test's.
 */
const MEETING = uuidv7();
const me: User = {
  id: uuidv7(),
  username: 'daibieu2',
  displayName: 'Đại biểu Hai',
  isAdmin: false,
  canCreateMeetings: false,
};

const invitation = (fields: Partial<Invitation> = {}): Invitation => ({
  meetingId: MEETING,
  userId: me.id,
  displayName: me.displayName,
  sentAt: '2026-12-01T08:00:00.000Z',
  reply: 'pending',
  reason: '',
  repliedAt: null,
  rev: 1,
  ...fields,
});

function rig() {
  let state = { user: me, invitations: {} } as unknown as ClientState;
  const answers: ((answer: Ack<unknown> | null) => void)[] = [];
  const sync = new InvitationSync({
    state: () => state,
    update: (patch) => (state = { ...state, ...patch }),
    emit: <T>(name: string) => {
      expect(name).toBe('invitation:list');
      return new Promise<Ack<T> | null>((resolve) => answers.push(resolve as (a: Ack<unknown> | null) => void));
    },
  });
  const listed = (invitations: Invitation[]) => answers.shift()?.({ ok: true, data: { invitations } });
  const held = () => state.invitations?.[MEETING] ?? [];
  return { sync, listed, held, asked: () => answers.length };
}

describe('invitations held on a tablet', () => {
  it('an event that overtook the list on the wire is kept: a list read before the write does not undo it', async () => {
    const { sync, listed, held, asked } = rig();
    const syncing = sync.synced([MEETING]);
    expect(asked()).toBe(1);
    // The server read an empty list, then the meeting was published and its event came first.
    sync.changed({ meetingId: MEETING, invitations: [invitation()] });
    expect(held().map((i) => i.userId)).toEqual([me.id]);
    listed([]);
    await syncing;
    expect(held().map((i) => [i.userId, i.reply])).toEqual([[me.id, 'pending']]);
  });

  it('a list newer than the event wins, and after the answer the list alone is the word again', async () => {
    const { sync, listed, held } = rig();
    const syncing = sync.synced([MEETING]);
    sync.changed({ meetingId: MEETING, invitations: [invitation({ rev: 1 })] });
    listed([invitation({ rev: 2, reply: 'attend', repliedAt: '2026-12-01T09:00:00.000Z' })]);
    await syncing;
    expect(held().map((i) => [i.reply, i.rev])).toEqual([['attend', 2]]);

    // No list on its way: a later list that no longer holds the invitation drops it.
    const again = sync.synced([MEETING]);
    listed([]);
    await again;
    expect(held()).toEqual([]);
  });

  it("a sync whose snapshot predates a meeting's event keeps that meeting's invitations; the next sync that leaves it out drops them", async () => {
    const { sync, listed, held } = rig();
    const OTHER = uuidv7();
    // Published while a sync was on its way: its invitation comes first, then the older snapshot.
    sync.syncAsked();
    sync.changed({ meetingId: MEETING, invitations: [invitation()] });
    const stale = sync.synced([OTHER]);
    listed([]);
    await stale;
    expect(held().map((i) => i.userId)).toEqual([me.id]);

    // The next sync still without it: the meeting is no longer this person's to see.
    sync.syncAsked();
    const next = sync.synced([OTHER]);
    listed([]);
    await next;
    expect(held()).toEqual([]);
  });

  it('a meeting the person lost is let go by the sync that leaves it out, though an event came for it before that sync was asked', async () => {
    const { sync, listed, held } = rig();
    const OTHER = uuidv7();
    // Their reply earlier in the session: its event came back.
    sync.changed({ meetingId: MEETING, invitations: [invitation({ rev: 2, reply: 'absent', reason: 'Ốm' })] });
    // Then they were taken off the meeting: the server's refresh asks for a sync, which no longer lists it.
    sync.syncAsked();
    const after = sync.synced([OTHER]);
    listed([]);
    await after;
    expect(held()).toEqual([]);
  });

  it('an event older than what is held changes nothing', () => {
    const { sync, held } = rig();
    sync.changed({ meetingId: MEETING, invitations: [invitation({ rev: 3, reply: 'absent', reason: 'Công tác' })] });
    sync.changed({ meetingId: MEETING, invitations: [invitation({ rev: 2, reply: 'pending' })] });
    expect(held().map((i) => [i.reply, i.reason, i.rev])).toEqual([['absent', 'Công tác', 3]]);
  });
});
