import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetingSnapshot } from '../../server/meetings/meeting-queries.js';
import { ask, collectChanges, type Harness, startHarness, waitFor } from '../support/server-harness.js';
import { attackRoom, requestFloor, sessionCommands, storedState, type AttackRoom } from '../support/attack-session.js';
import { must, type Member } from '../support/vote-fixtures.js';

/**
 * Attacks on who runs the session and the queue, on both engines through real sockets:
 * every role that is not the chair, a participant removed or demoted after the fact, and
 * the chair of another meeting using ids of this one. Each refusal must leave the meeting's
 * session, every speaker row and its change log exactly as they were.
 */
let h: Harness;
let r: AttackRoom;

beforeEach(async () => {
  h = await startHarness();
  r = await attackRoom(h);
});
afterEach(async () => {
  await h.cleanup();
});

async function refusedAll(who: Member, meetingId: string, ids: { itemId: string; requestId: string }, code: string) {
  for (const [event, extra] of sessionCommands(ids)) {
    const answer = await ask(who.socket, event, { commandId: uuidv7(), meetingId, ...extra });
    expect(answer, `${who.username} ${event}`).toMatchObject({ ok: false, error: { code } });
  }
}

describe('the session and the queue against every role but the chair', () => {
  it('refuses the secretary, delegates (the one waiting too) and the observer every chair command, and changes nothing', async () => {
    await must(r.chair.socket, 'session:start', { meetingId: r.a });
    const requestId = await requestFloor(r.d1, r.a);
    await requestFloor(r.d2, r.a);
    const before = await storedState(h, r.a);
    for (const who of [r.secretary, r.d1, r.d2, r.observer])
      await refusedAll(who, r.a, { itemId: r.itemA, requestId }, 'FORBIDDEN');
    // The observer and the secretary never ask for the floor, not even as a point of order.
    for (const who of [r.observer, r.secretary]) {
      const answer = await ask(who.socket, 'speaker:request', {
        commandId: uuidv7(),
        meetingId: r.a,
        requestId: uuidv7(),
        pointOfOrder: true,
      });
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // An admin who is no participant speaks in nobody's name.
    const adminAsks = await ask(r.admin.socket, 'speaker:request', {
      commandId: uuidv7(),
      meetingId: r.a,
      requestId: uuidv7(),
      pointOfOrder: false,
    });
    expect(adminAsks).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await storedState(h, r.a)).toEqual(before);
  });

  it('answers a participant removed after the fact as for a meeting that does not exist; a demoted chair is refused', async () => {
    await must(r.chair.socket, 'session:start', { meetingId: r.a });
    const waiting = await requestFloor(r.d3, r.a);
    const other = await requestFloor(r.d2, r.a);
    await must(r.admin.socket, 'participant:remove', { meetingId: r.a, userId: r.d3.userId });
    const before = await storedState(h, r.a);
    for (const event of ['speaker:withdraw', 'speaker:request'])
      expect(
        await ask(r.d3.socket, event, { commandId: uuidv7(), meetingId: r.a, requestId: waiting, pointOfOrder: false }),
      ).toMatchObject({ ok: false });
    expect(
      await ask(r.d3.socket, 'speaker:withdraw', { commandId: uuidv7(), meetingId: r.a, requestId: waiting }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await storedState(h, r.a)).toEqual(before);

    // The chair demoted to a delegate by an admin: no longer runs anything.
    await must(r.admin.socket, 'participant:set', { meetingId: r.a, userId: r.chair.userId, role: 'delegate' });
    const demoted = await storedState(h, r.a);
    await refusedAll(r.chair, r.a, { itemId: r.itemA, requestId: other }, 'FORBIDDEN');
    expect(await storedState(h, r.a)).toEqual(demoted);
  });

  it('takes out of the queue whoever no longer sits as a member: removed, or made observer or secretary', async () => {
    await must(r.chair.socket, 'session:start', { meetingId: r.a });
    const seen = collectChanges(r.observer.socket);
    const [gone, speaking, stays] = [
      await requestFloor(r.d3, r.a),
      await requestFloor(r.d2, r.a),
      await requestFloor(r.d1, r.a),
    ];
    await must(r.chair.socket, 'speaker:give-floor', { meetingId: r.a, requestId: speaking, limitSeconds: null });
    await must(r.admin.socket, 'participant:remove', { meetingId: r.a, userId: r.d3.userId });
    await must(r.admin.socket, 'participant:set', { meetingId: r.a, userId: r.d2.userId, role: 'observer' });
    const rows = (await storedState(h, r.a)).speakers;
    expect(Object.fromEntries(rows.map((s) => [s.id, s.state]))).toEqual({
      [gone]: 'removed',
      [speaking]: 'done',
      [stays]: 'waiting',
    });
    // The chair cannot give the floor to someone no longer in the meeting.
    expect(
      await ask(r.chair.socket, 'speaker:give-floor', {
        commandId: uuidv7(),
        meetingId: r.a,
        requestId: gone,
        limitSeconds: null,
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Every tablet was told, and its queue is the stored one.
    const snapshot = await meetingSnapshot(h.server.store.db, r.a, r.observer.userId);
    await waitFor(() => (seen.at(-1)?.seq ?? 0) >= (snapshot?.seq ?? 0), 5000, 'the changes');
    const last = seen.filter((c) => c.type === 'speakers:changed').at(-1);
    expect(last?.type === 'speakers:changed' && last.data.speakers.map((s) => s.id)).toEqual([stays]);
    expect(snapshot?.speakers.map((s) => s.id)).toEqual([stays]);
    // A role that still asks (delegate to chair) keeps the request.
    await must(r.admin.socket, 'participant:set', { meetingId: r.a, userId: r.d1.userId, role: 'chair' });
    expect((await storedState(h, r.a)).speakers.find((s) => s.id === stays)?.state).toBe('waiting');
  });

  it('refuses the chair of meeting B every command on meeting A, and on B with ids of A', async () => {
    await must(r.chair.socket, 'session:start', { meetingId: r.a });
    const requestA = await requestFloor(r.d1, r.a);
    await requestFloor(r.d2, r.a);
    await must(r.d3.socket, 'session:start', { meetingId: r.b });
    const beforeA = await storedState(h, r.a);
    const beforeB = await storedState(h, r.b);
    // On A, d3 is a delegate: FORBIDDEN.
    await refusedAll(r.d3, r.a, { itemId: r.itemA, requestId: requestA }, 'FORBIDDEN');
    // On B, where d3 is the chair, A's request and A's item are as unknown as any id.
    for (const [event, extra] of [
      ['speaker:give-floor', { requestId: requestA, limitSeconds: 60 }],
      ['speaker:move', { requestId: requestA, index: 0 }],
      ['speaker:remove', { requestId: requestA }],
      ['agenda:set-current', { itemId: r.itemA }],
    ] as const) {
      const answer = await ask(r.d3.socket, event, { commandId: uuidv7(), meetingId: r.b, ...extra });
      expect(answer, event).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // d1, a delegate of both, withdrawing A's request through B.
    expect(
      await ask(r.d1.socket, 'speaker:withdraw', { commandId: uuidv7(), meetingId: r.b, requestId: requestA }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A new request on B reusing A's request id does not take it over.
    expect(
      await ask(r.d1.socket, 'speaker:request', {
        commandId: uuidv7(),
        meetingId: r.b,
        requestId: requestA,
        pointOfOrder: false,
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await storedState(h, r.a)).toEqual(beforeA);
    expect(await storedState(h, r.b)).toEqual(beforeB);

    // And the other way: A's chair on B (no participant: NOT_FOUND), and on A with B's ids.
    const requestB = await requestFloor(r.d1, r.b);
    const afterB = await storedState(h, r.b);
    await refusedAll(r.chair, r.b, { itemId: r.itemB, requestId: requestB }, 'NOT_FOUND');
    for (const [event, extra] of [
      ['speaker:give-floor', { requestId: requestB, limitSeconds: null }],
      ['speaker:move', { requestId: requestB, index: 0 }],
      ['speaker:remove', { requestId: requestB }],
      ['agenda:set-current', { itemId: r.itemB }],
    ] as const) {
      const answer = await ask(r.chair.socket, event, { commandId: uuidv7(), meetingId: r.a, ...extra });
      expect(answer, event).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(await storedState(h, r.b)).toEqual(afterB);
    expect(await storedState(h, r.a)).toEqual(beforeA);
  });

  it('refuses every session and queue command once the meeting is closed, the chair’s too', async () => {
    await must(r.chair.socket, 'session:start', { meetingId: r.a });
    const requestId = await requestFloor(r.d1, r.a);
    await must(r.chair.socket, 'meeting:close', { meetingId: r.a });
    const before = await storedState(h, r.a);
    expect(before.speakers.map((s) => s.state)).toEqual(['removed']);
    await refusedAll(r.chair, r.a, { itemId: r.itemA, requestId }, 'FORBIDDEN');
    for (const who of [r.d1, r.d2, r.chair])
      expect(
        await ask(who.socket, 'speaker:request', {
          commandId: uuidv7(),
          meetingId: r.a,
          requestId: uuidv7(),
          pointOfOrder: false,
        }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await storedState(h, r.a)).toEqual(before);
  });
});
