import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { Ack, CommandReceipt, Message, User } from '../protocol/index.js';
import type { ClientState } from './api.js';
import { MessageSync } from './message-sync.js';
import type { OutboxEntry } from './store.js';

/**
 * The messages part of the client core alone, over a host that answers `message:list` from
 * canned answers: what the UI is shown from the server's lists, its events, the outbox and
 * the receipts.
 */
const MEETING = uuidv7();
const GONE_MEETING = uuidv7();
const person = (username: string, displayName: string): User => ({
  id: uuidv7(),
  username,
  displayName,
  isAdmin: false,
  canCreateMeetings: false,
});
const me = person('daibieu1', 'Đại biểu Một');
const desk = person('thuky', 'Thư ký');

function request(fields: Partial<Message> = {}): Message {
  return {
    id: uuidv7(),
    meetingId: MEETING,
    kind: 'request',
    topic: 'print',
    text: 'Cần bản in',
    sender: { id: me.id, displayName: me.displayName },
    recipient: null,
    chairMaySee: false,
    state: 'open',
    answer: '',
    answeredBy: null,
    createdAt: '2026-11-30T08:00:00.000Z',
    updatedAt: '2026-11-30T08:00:00.000Z',
    rev: 1,
    ...fields,
  };
}

function rig(user: User = me) {
  const meetings = { [MEETING]: { meeting: { id: MEETING }, participants: [] } };
  let state = { user, meetings, messages: {} } as unknown as ClientState;
  const lists = new Map<string, Ack<unknown> | null>();
  const outbox: OutboxEntry[] = [];
  const sync = new MessageSync({
    state: () => state,
    update: (patch) => (state = { ...state, ...patch }),
    outbox: () => outbox,
    emit: async <T>(name: string, payload: unknown) =>
      (name === 'message:list'
        ? (lists.get((payload as { meetingId: string }).meetingId) ?? null)
        : null) as Ack<T> | null,
  });
  return {
    sync,
    lists,
    outbox,
    shown: () => state.messages[MEETING] ?? [],
    signIn: (u: User | null) => (state = { ...state, user: u }),
  };
}

const listed = (...messages: Message[]): Ack<unknown> => ({ ok: true, data: { messages } });
const receipt = (commandId: string): Ack<CommandReceipt> => ({
  ok: true,
  data: { commandId, meetingId: MEETING, seq: 4, replayed: false },
});
const entry = (name: OutboxEntry['name'], payload: Record<string, unknown>, commandId = uuidv7()): OutboxEntry => ({
  commandId,
  name,
  payload: { commandId, meetingId: MEETING, ...payload },
  createdAt: '2026-11-30T09:00:00.000Z',
});

describe('message sync', () => {
  it("shows each meeting's list after a sync, newest first, and drops a meeting no longer listed", async () => {
    const r = rig();
    const older = request({ createdAt: '2026-11-30T07:00:00.000Z' });
    const newer = request({ topic: 'water' });
    r.lists.set(MEETING, listed(older, newer));
    r.lists.set(GONE_MEETING, listed(request({ meetingId: GONE_MEETING })));
    await r.sync.synced([MEETING, GONE_MEETING]);
    expect(r.shown().map((m) => m.id)).toEqual([newer.id, older.id]);
    await r.sync.synced([MEETING]);
    expect(Object.keys(r.sync.view())).toEqual([MEETING]);
  });

  it('keeps a message whose event overtook the list on the wire (the list was read before it)', async () => {
    const r = rig();
    r.lists.set(MEETING, listed());
    const syncing = r.sync.synced([MEETING]);
    const asked = request();
    r.sync.changed({ messages: [asked] });
    await syncing;
    expect(r.shown().map((m) => m.id)).toEqual([asked.id]);
  });

  it('keeps the highest rev of each message from events, and ignores a malformed event', async () => {
    const r = rig();
    const asked = request();
    r.sync.changed({ messages: [asked] });
    r.sync.changed({ messages: [{ ...asked, state: 'done', answer: 'Đã in xong', rev: 3 }] });
    r.sync.changed({ messages: [{ ...asked, state: 'acknowledged', rev: 2 }] });
    r.sync.changed({ messages: [{ ...asked, state: 'lost', rev: 9 }] });
    r.sync.changed('not an event');
    expect(r.shown()).toEqual([
      expect.objectContaining({ state: 'done', answer: 'Đã in xong', rev: 3, pending: false }),
    ]);
  });

  it('shows a request typed offline at once, from the outbox, then as acknowledged until its record comes', () => {
    const r = rig();
    const sent = entry('message:request', { topic: 'device', text: 'Micro không nghe', chairMaySee: true });
    r.outbox.push(sent);
    r.sync.refresh();
    expect(r.shown()).toEqual([
      expect.objectContaining({
        id: sent.commandId,
        state: 'open',
        text: 'Micro không nghe',
        chairMaySee: true,
        pending: true,
      }),
    ]);
    r.outbox.pop();
    r.sync.settled(sent, receipt(sent.commandId));
    expect(r.shown()).toEqual([expect.objectContaining({ id: sent.commandId, pending: false })]);
    r.sync.changed({ messages: [request({ id: sent.commandId, topic: 'device', text: 'Micro không nghe' })] });
    expect(r.shown()).toHaveLength(1);
  });

  it("lays a secretary's answer and a withdrawal over the held record; a refused one leaves it as it was", () => {
    const r = rig(desk);
    const asked = request();
    r.sync.changed({ messages: [asked] });
    const answer = entry('message:answer', { messageId: asked.id, state: 'acknowledged', answer: 'Đang in' });
    r.outbox.push(answer);
    r.sync.refresh();
    expect(r.shown()[0]).toMatchObject({ state: 'acknowledged', answer: 'Đang in', pending: true });
    r.outbox.pop();
    r.sync.settled(answer, { ok: false, error: { code: 'CONFLICT', message: { vi: 'x', en: 'x' } } });
    expect(r.shown()[0]).toMatchObject({ state: 'open', answer: '', pending: false });
  });

  it('forgets everything when another person signs in on the device', async () => {
    const r = rig();
    r.lists.set(MEETING, listed(request({ text: 'Riêng tư' })));
    await r.sync.synced([MEETING]);
    expect(r.shown()).toHaveLength(1);
    r.signIn(desk);
    expect(r.sync.view()).toEqual({});
    r.lists.set(MEETING, listed());
    await r.sync.synced([MEETING]);
    expect(r.shown()).toEqual([]);
  });
});
