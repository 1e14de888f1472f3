import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change, CommandReceipt, MeetingSummary } from '../../shared/protocol/index.js';
import {
  ask,
  collectChanges,
  nextChange,
  startHarness,
  syncAll,
  waitFor,
  type Harness,
} from '../support/server-harness.js';
import { loggedSeqs } from '../support/stored-meeting.js';
import { agendaItem } from '../support/vote-fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.cleanup();
});

async function demoMeeting(username: string) {
  const { socket } = await h.connect(username);
  const { meetings } = await syncAll(socket);
  expect(meetings).toHaveLength(1);
  return { socket, meeting: meetings[0] as MeetingSummary };
}

describe('agenda edits reach delegates live, in sequence', () => {
  it("delivers the secretary's new item to the delegate as the next change", async () => {
    const secretary = await demoMeeting('thuky');
    const delegate = await demoMeeting('daibieu1');
    expect(delegate.meeting.myRole).toBe('delegate');
    const before = delegate.meeting.seq;

    const incoming = nextChange(delegate.socket);
    const itemId = uuidv7();
    const answer = await ask<CommandReceipt>(secretary.socket, 'agenda:add-item', {
      commandId: uuidv7(),
      meetingId: secretary.meeting.id,
      itemId,
      parentId: null,
      title: 'Thông qua biên bản kỳ họp',
      presenter: 'Thư ký',
      plannedMinutes: 5,
    });
    expect(answer).toMatchObject({ ok: true, data: { seq: before + 1, replayed: false } });

    const change = await incoming;
    expect(change.type).toBe('agenda:item-added');
    expect(change.seq).toBe(before + 1);
    if (change.type !== 'agenda:item-added') throw new Error('unexpected change');
    expect(change.data.upserted.find((i) => i.id === itemId)).toMatchObject({
      title: 'Thông qua biên bản kỳ họp',
      position: 5,
    });
  });

  it('applies a replayed command once and answers the replay with the first receipt', async () => {
    const secretary = await demoMeeting('thuky');
    const delegate = await demoMeeting('daibieu2');
    const changes = collectChanges(delegate.socket);
    const command = {
      commandId: uuidv7(),
      meetingId: secretary.meeting.id,
      itemId: uuidv7(),
      parentId: null,
      title: 'Mục phát sinh',
      presenter: '',
      plannedMinutes: 15,
    };
    const first = await ask<CommandReceipt>(secretary.socket, 'agenda:add-item', command);
    const replays = await Promise.all(
      [1, 2, 3].map(() => ask<CommandReceipt>(secretary.socket, 'agenda:add-item', command)),
    );
    expect(first.ok).toBe(true);
    for (const replay of replays) {
      expect(replay).toEqual({ ok: true, data: { ...(first.ok ? first.data : {}), replayed: true } });
    }
    // A replay over a fresh connection (a client that lost the first ack) is no different.
    const { socket: again } = await h.connect('thuky');
    expect(await ask(again, 'agenda:add-item', command)).toMatchObject({ ok: true, data: { replayed: true } });

    await waitFor(() => changes.length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(changes).toHaveLength(1);
    const stored = await h.server.store.db
      .selectFrom('agenda_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('title', '=', 'Mục phát sinh')
      .executeTakeFirstOrThrow();
    expect(stored.n).toBe(1);
  });

  it('keeps the change log gap-free and catches a client up from its cursor', async () => {
    const secretary = await demoMeeting('thuky');
    const meetingId = secretary.meeting.id;
    const from = secretary.meeting.seq;
    for (let i = 0; i < 5; i++) {
      const a = await ask(secretary.socket, 'agenda:add-item', {
        ...agendaItem(meetingId, `Mục ${i}`),
        plannedMinutes: 1,
      });
      expect(a.ok).toBe(true);
    }
    const caught = await ask<{ kind: string; changes: Change[] }>(secretary.socket, 'meeting:catch-up', {
      meetingId,
      sinceSeq: from,
    });
    expect(caught.ok).toBe(true);
    if (!caught.ok) return;
    expect(caught.data.kind).toBe('changes');
    expect(caught.data.changes.map((c) => c.seq)).toEqual([from + 1, from + 2, from + 3, from + 4, from + 5]);
    const seqs = await loggedSeqs(h, meetingId);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it('moves, nests and removes items with numbering the delegate can rebuild', async () => {
    const secretary = await demoMeeting('thuky');
    const delegate = await demoMeeting('daibieu3');
    const meetingId = secretary.meeting.id;
    const snapshot = await ask<{
      updates: Array<{
        snapshot: {
          agenda: Array<{ id: string; parentId: string | null; position: number; title: string; version: number }>;
        };
      }>;
    }>(delegate.socket, 'session:sync', { cursors: {} });
    if (!snapshot.ok) throw new Error('sync failed');
    const agenda = snapshot.data.updates[0]?.snapshot.agenda ?? [];
    const last = agenda.filter((i) => i.parentId === null).sort((a, b) => b.position - a.position)[0];
    if (!last) throw new Error('empty agenda');
    const moved = nextChange(delegate.socket);
    const answer = await ask(secretary.socket, 'agenda:move-item', {
      commandId: uuidv7(),
      meetingId,
      itemId: last.id,
      parentId: null,
      index: 0,
    });
    expect(answer.ok).toBe(true);
    const change = await moved;
    expect(change.type).toBe('agenda:item-moved');
    if (change.type !== 'agenda:item-moved') return;
    expect(change.data.upserted.find((i) => i.id === last.id)?.position).toBe(0);

    const tooDeep = await ask(secretary.socket, 'agenda:add-item', {
      commandId: uuidv7(),
      meetingId,
      itemId: uuidv7(),
      parentId: agenda.find((i) => i.parentId !== null)?.id ?? null,
      title: 'Cấp ba',
      presenter: '',
      plannedMinutes: 1,
    });
    expect(tooDeep).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const parent = agenda.find((i) => agenda.some((c) => c.parentId === i.id));
    if (!parent) throw new Error('no nested item in demo');
    const removed = await ask(secretary.socket, 'agenda:remove-item', {
      commandId: uuidv7(),
      meetingId,
      itemId: parent.id,
      baseVersion: parent.version,
    });
    expect(removed.ok).toBe(true);
    const left = await h.server.store.db
      .selectFrom('agenda_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('id', '=', parent.id), eb('parent_id', '=', parent.id)]))
      .executeTakeFirstOrThrow();
    expect(left.n).toBe(0);
  });
});
