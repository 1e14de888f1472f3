import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChange } from '../../shared/client/apply-change.js';
import type { MeetingState } from '../../shared/client/store.js';
import { meetingSnapshot } from '../../server/meetings/meeting-queries.js';
import { ask, collectChanges, startHarness, waitFor, type Harness } from '../support/server-harness.js';
import { attackRoom, requestFloor, storedState, type AttackRoom } from '../support/attack-session.js';
import { must, type Member } from '../support/vote-fixtures.js';

/**
 * Races on the queue and the session, on both engines: commands sent in the same turn from
 * several devices, the agenda edited under the room, a restart; the end state is checked in
 * the database (never two speakers, never a withdrawn request speaking) and on a tablet that
 * applied every change, which must equal a fresh snapshot.
 */
let h: Harness;
let r: AttackRoom;

beforeEach(async () => {
  h = await startHarness();
  r = await attackRoom(h);
  await must(r.chair.socket, 'session:start', { meetingId: r.a });
});
afterEach(async () => {
  await h.cleanup();
});

const command = (extra: Record<string, unknown>) => ({ commandId: uuidv7(), meetingId: r.a, ...extra });

async function speakingRows(meetingId: string) {
  return (await storedState(h, meetingId)).speakers.filter((s) => s.state === 'speaking');
}

describe('races on the queue', () => {
  it('never leaves two speakers when two devices of the chair give the floor to different requests at once', async () => {
    const second: Member = { ...r.chair, socket: (await h.connect('chutoa')).socket };
    const people = [r.d1, r.d2, r.d3];
    for (let round = 0; round < 6; round++) {
      const [x, y] = [people[round % 3] as Member, people[(round + 1) % 3] as Member];
      const [rx, ry] = [await requestFloor(x, r.a), await requestFloor(y, r.a)];
      const answers = await Promise.all([
        ask(r.chair.socket, 'speaker:give-floor', command({ requestId: rx, limitSeconds: 60 })),
        ask(second.socket, 'speaker:give-floor', command({ requestId: ry, limitSeconds: null })),
      ]);
      expect(answers.every((a) => a.ok)).toBe(true);
      const speaking = await speakingRows(r.a);
      expect(speaking).toHaveLength(1);
      const other = (await storedState(h, r.a)).speakers.find((s) => s.id === (speaking[0]?.id === rx ? ry : rx));
      // The one given the floor first has spoken and is done: never waiting again, never speaking.
      expect(other?.state).toBe('done');
      await must(r.chair.socket, 'speaker:end', { meetingId: r.a });
    }
  });

  it('gives the floor or lets the person withdraw, never both, when both arrive at once', async () => {
    const people = [r.d1, r.d2, r.d3];
    for (let round = 0; round < 9; round++) {
      const who = people[round % 3] as Member;
      const requestId = await requestFloor(who, r.a);
      // Sent in the same turn, in both orders: whichever the server takes first wins.
      const give = () => ask(r.chair.socket, 'speaker:give-floor', command({ requestId, limitSeconds: 60 }));
      const withdraw = () => ask(who.socket, 'speaker:withdraw', command({ requestId }));
      const [given, withdrawn] =
        round % 2 === 0
          ? await Promise.all([give(), withdraw()])
          : await Promise.all([withdraw(), give()]).then(([w, g]) => [g, w] as const);
      expect([given.ok, withdrawn.ok].filter(Boolean)).toHaveLength(1);
      const row = (await storedState(h, r.a)).speakers.find((s) => s.id === requestId);
      expect(row?.state).toBe(given.ok ? 'speaking' : 'withdrawn');
      expect((await speakingRows(r.a)).length).toBeLessThanOrEqual(1);
      if (given.ok) await must(r.chair.socket, 'speaker:end', { meetingId: r.a });
    }
  });

  it('keeps one live request per person when their two devices ask (and withdraw) at once', async () => {
    const other: Member = { ...r.d1, socket: (await h.connect('daibieu1')).socket };
    for (let round = 0; round < 5; round++) {
      const ids = [uuidv7(), uuidv7()];
      const answers = await Promise.all([
        ask(r.d1.socket, 'speaker:request', command({ requestId: ids[0], pointOfOrder: true })),
        ask(other.socket, 'speaker:request', command({ requestId: ids[1], pointOfOrder: false })),
      ]);
      expect(answers.filter((a) => a.ok)).toHaveLength(1);
      const live = (await storedState(h, r.a)).speakers.filter(
        (s) => s.user_id === r.d1.userId && ['waiting', 'speaking'].includes(s.state),
      );
      expect(live).toHaveLength(1);
      const mine = live[0]?.id;
      const both = await Promise.all([
        ask(r.d1.socket, 'speaker:withdraw', command({ requestId: mine })),
        ask(other.socket, 'speaker:withdraw', command({ requestId: mine })),
      ]);
      expect(both.filter((a) => a.ok).length).toBeGreaterThanOrEqual(1);
      expect((await storedState(h, r.a)).speakers.find((s) => s.id === mine)?.state).toBe('withdrawn');
    }
  });
});

describe('the session under agenda edits, the close and a restart', () => {
  it('follows the current item when moved, drops it (and a removed parent’s child) when removed', async () => {
    const parent = uuidv7();
    const child = uuidv7();
    const base = { parentId: null, presenter: '', plannedMinutes: 5 };
    await must(r.secretary.socket, 'agenda:add-item', { meetingId: r.a, itemId: parent, title: 'Cha', ...base });
    await must(r.secretary.socket, 'agenda:add-item', {
      meetingId: r.a,
      itemId: child,
      ...base,
      parentId: parent,
      title: 'Con',
    });
    await must(r.chair.socket, 'agenda:set-current', { meetingId: r.a, itemId: child });
    await must(r.secretary.socket, 'agenda:move-item', { meetingId: r.a, itemId: parent, parentId: null, index: 0 });
    const moved = (await meetingSnapshot(h.server.store.db, r.a, r.chair.userId))?.session;
    expect(moved?.currentItemId).toBe(child);
    const requestId = await requestFloor(r.d1, r.a);
    await must(r.secretary.socket, 'agenda:remove-item', { meetingId: r.a, itemId: parent, baseVersion: 0 });
    const after = (await meetingSnapshot(h.server.store.db, r.a, r.chair.userId))?.session;
    expect(after?.currentItemId).toBeNull();
    expect(Object.keys(after?.itemSeconds ?? {})).not.toContain(child);
    expect(after?.itemSince).toBeNull();
    // The room goes on: the floor given on no item, the chair moves to an item that exists, never a removed one.
    await must(r.chair.socket, 'speaker:give-floor', { meetingId: r.a, requestId, limitSeconds: null });
    expect(await ask(r.chair.socket, 'agenda:set-current', command({ itemId: child }))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await must(r.chair.socket, 'agenda:set-current', { meetingId: r.a, itemId: r.itemA });
    expect((await meetingSnapshot(h.server.store.db, r.a, r.chair.userId))?.session.itemSince).not.toBeNull();
  });

  it('keeps the session and the queue through a restart, and the chair goes on', async () => {
    const speaking = await requestFloor(r.d1, r.a);
    const waiting = await requestFloor(r.d2, r.a, true);
    await must(r.chair.socket, 'speaker:give-floor', { meetingId: r.a, requestId: speaking, limitSeconds: 120 });
    await must(r.chair.socket, 'session:pause', { meetingId: r.a });
    const before = await storedState(h, r.a);
    await h.restart();
    expect(await storedState(h, r.a)).toEqual(before);
    const chair = (await h.connect('chutoa')).socket;
    const d2 = (await h.connect('daibieu2')).socket;
    expect(await ask(chair, 'session:pause', command({}))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await ask(d2, 'speaker:request', command({ requestId: uuidv7(), pointOfOrder: false }))).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_IN_QUEUE' },
    });
    expect((await ask(chair, 'session:resume', command({}))).ok).toBe(true);
    expect((await ask(chair, 'speaker:give-floor', command({ requestId: waiting, limitSeconds: null }))).ok).toBe(true);
    const rows = (await storedState(h, r.a)).speakers;
    expect(rows.find((s) => s.id === speaking)?.state).toBe('done');
    expect(rows.find((s) => s.id === waiting)?.state).toBe('speaking');
  });

  it('converges: a tablet applying every change equals a fresh snapshot, through races, edits and the close', async () => {
    const seen = collectChanges(r.observer.socket);
    const start = await meetingSnapshot(h.server.store.db, r.a, r.observer.userId);
    if (!start) throw new Error('no snapshot');
    const [x, y, z] = [
      await requestFloor(r.d1, r.a),
      await requestFloor(r.d2, r.a),
      await requestFloor(r.d3, r.a, true),
    ];
    const extra = uuidv7();
    await Promise.all([
      ask(r.chair.socket, 'speaker:give-floor', command({ requestId: x, limitSeconds: 30 })),
      ask(r.d2.socket, 'speaker:withdraw', command({ requestId: y })),
      ask(r.chair.socket, 'speaker:move', command({ requestId: z, index: 5 })),
      ask(r.chair.socket, 'speaker:set-time', command({ limitSeconds: 600 })),
      ask(r.secretary.socket, 'agenda:add-item', {
        ...command({ itemId: extra, parentId: null, title: 'Thêm', presenter: '', plannedMinutes: 1 }),
      }),
      ask(r.chair.socket, 'session:pause', command({})),
    ]);
    await must(r.chair.socket, 'agenda:set-current', { meetingId: r.a, itemId: extra });
    await Promise.all([
      ask(r.chair.socket, 'session:resume', command({})),
      ask(r.secretary.socket, 'agenda:remove-item', command({ itemId: extra, baseVersion: 0 })),
      ask(r.chair.socket, 'speaker:give-floor', command({ requestId: z, limitSeconds: null })),
    ]);
    await must(r.chair.socket, 'meeting:close', { meetingId: r.a });
    const end = await meetingSnapshot(h.server.store.db, r.a, r.observer.userId);
    await waitFor(() => (seen.at(-1)?.seq ?? 0) >= (end?.seq ?? 0), 5000, 'every change');
    let state: MeetingState = { ...start, myRole: 'observer' };
    for (const change of seen) if (change.seq > state.seq) state = applyChange(state, change, r.observer.userId);
    expect({ session: state.session, speakers: state.speakers, agenda: state.agenda, seq: state.seq }).toEqual({
      session: end?.session,
      speakers: end?.speakers,
      agenda: end?.agenda,
      seq: end?.seq,
    });
    expect(end?.speakers).toEqual([]);
  });

  it('holds one live request per person in the database itself, should two commands race past the check', async () => {
    const db = h.server.store.db;
    const row = (state: 'waiting' | 'speaking') => ({
      id: uuidv7(),
      meeting_id: r.a,
      user_id: r.d1.userId,
      agenda_item_id: null,
      point_of_order: 0,
      state,
      position: 0,
      requested_at: new Date().toISOString(),
      started_at: null,
      ended_at: null,
      limit_seconds: null,
    });
    await db.insertInto('speaker_requests').values(row('waiting')).execute();
    await expect(db.insertInto('speaker_requests').values(row('speaking')).execute()).rejects.toThrow();
    await expect(db.insertInto('speaker_requests').values(row('waiting')).execute()).rejects.toThrow();
    // A finished one does not count; a state outside the five is refused.
    await db
      .insertInto('speaker_requests')
      .values({ ...row('waiting'), state: 'done' })
      .execute();
    await expect(
      db
        .insertInto('speaker_requests')
        .values({ ...row('waiting'), state: 'hacked' as 'done', user_id: r.d2.userId })
        .execute(),
    ).rejects.toThrow();
  });
});
