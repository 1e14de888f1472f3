import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change, SpeakerRequest } from '../../shared/protocol/index.js';
import { meetingSnapshot } from '../../server/meetings/meeting-queries.js';
import { speechesOf } from '../../server/session/session-queries.js';
import { ask, collectChanges, startHarness, waitFor, type Harness } from '../support/server-harness.js';
import { joinMeeting, must, type Member } from '../support/vote-fixtures.js';

/**
 * The queue of speakers over real sockets on the test's engine: order, points of order,
 * one live request per person, the chair alone giving the floor, withdrawal, and what the
 * minutes will read back.
 */
let h: Harness;
let chair: Member;
let secretary: Member;
let observer: Member;
let d1: Member;
let d2: Member;
let d3: Member;
let meetingId: string;

beforeEach(async () => {
  h = await startHarness();
  const joined = await joinMeeting(h, 'chutoa');
  chair = joined;
  secretary = await joinMeeting(h, 'thuky');
  observer = await joinMeeting(h, 'phonghop');
  d1 = await joinMeeting(h, 'daibieu1');
  d2 = await joinMeeting(h, 'daibieu2');
  d3 = await joinMeeting(h, 'daibieu3');
  meetingId = joined.meeting.id;
  await must(chair.socket, 'session:start', { meetingId });
});
afterEach(async () => {
  await h.cleanup();
});

async function request(who: Member, pointOfOrder = false): Promise<string> {
  const requestId = uuidv7();
  await must(who.socket, 'speaker:request', { meetingId, requestId, pointOfOrder });
  return requestId;
}

/** The live queue as the observer's (the room display's) socket last heard it. */
function lastQueue(changes: Change[]): SpeakerRequest[] {
  const last = changes.filter((c) => c.type === 'speakers:changed').at(-1);
  if (!last || last.type !== 'speakers:changed') throw new Error('no speakers:changed');
  return last.data.speakers;
}

/** The live queue as the server's snapshot gives it to a tablet that joins now. */
async function storedQueue(): Promise<{ userId: string; state: string }[]> {
  const snapshot = await meetingSnapshot(h.server.store.db, meetingId, observer.userId);
  return (snapshot?.speakers ?? []).map((s) => ({ userId: s.userId, state: s.state }));
}

describe('the speakers queue', () => {
  it('keeps the order of requests, puts a point of order first (after earlier ones), and every tablet sees the same queue', async () => {
    const seen = collectChanges(observer.socket);
    await request(d1);
    await request(d2);
    await request(d3, true);
    await request(chair, true);
    await waitFor(() => seen.filter((c) => c.type === 'speakers:changed').length >= 4, 5000, 'four queue changes');
    const order = lastQueue(seen).map((s) => [s.userId, s.pointOfOrder]);
    expect(order).toEqual([
      [d3.userId, true],
      [chair.userId, true],
      [d1.userId, false],
      [d2.userId, false],
    ]);
    // A late joiner's snapshot holds the same order.
    expect((await storedQueue()).map((s) => s.userId)).toEqual([d3.userId, chair.userId, d1.userId, d2.userId]);
  });

  it('refuses a second request of the same person while the first waits or has the floor, also sent at once from two devices', async () => {
    const first = await request(d1);
    const again = await ask(d1.socket, 'speaker:request', {
      commandId: uuidv7(),
      meetingId,
      requestId: uuidv7(),
      pointOfOrder: true,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_IN_QUEUE' } });
    await must(chair.socket, 'speaker:give-floor', { meetingId, requestId: first, limitSeconds: 120 });
    const whileSpeaking = await ask(d1.socket, 'speaker:request', {
      commandId: uuidv7(),
      meetingId,
      requestId: uuidv7(),
      pointOfOrder: false,
    });
    expect(whileSpeaking).toMatchObject({ ok: false, error: { code: 'ALREADY_IN_QUEUE' } });

    const second = await h.connect('daibieu2');
    const both = await Promise.all(
      [d2.socket, second.socket].map((socket) =>
        ask(socket, 'speaker:request', { commandId: uuidv7(), meetingId, requestId: uuidv7(), pointOfOrder: false }),
      ),
    );
    expect(both.filter((a) => a.ok)).toHaveLength(1);
    expect(both.filter((a) => !a.ok)).toMatchObject([{ error: { code: 'ALREADY_IN_QUEUE' } }]);
    expect((await storedQueue()).filter((s) => s.userId === d2.userId)).toHaveLength(1);
  });

  it('lets only the chair give the floor; a refusal changes nothing', async () => {
    const requestId = await request(d1);
    for (const who of [d2, secretary, observer, d1]) {
      const answer = await ask(who.socket, 'speaker:give-floor', {
        commandId: uuidv7(),
        meetingId,
        requestId,
        limitSeconds: 60,
      });
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await storedQueue()).toEqual([{ userId: d1.userId, state: 'waiting' }]);

    const seen = collectChanges(d2.socket);
    await must(chair.socket, 'speaker:give-floor', { meetingId, requestId, limitSeconds: 90 });
    // The request's own broadcast may still arrive first (changes go out in batches after the
    // receipt): wait for the queue in which someone speaks.
    const speaking = () =>
      seen.some((c) => c.type === 'speakers:changed' && c.data.speakers.some((s) => s.state === 'speaking'));
    await waitFor(speaking, 5000, 'the floor given');
    const [speaker] = lastQueue(seen);
    expect(speaker).toMatchObject({ userId: d1.userId, state: 'speaking', limitSeconds: 90 });
    expect(speaker?.startedAt).not.toBeNull();
  });

  it('gives the floor to the next one and ends the last speech; the speeches are kept on their item for the minutes', async () => {
    const agenda = (await meetingSnapshot(h.server.store.db, meetingId, chair.userId))?.agenda ?? [];
    const top = agenda.filter((i) => i.parentId === null).sort((a, b) => a.position - b.position);
    const [first, second] = [await request(d1), await request(d2)];
    await must(chair.socket, 'speaker:give-floor', { meetingId, requestId: first, limitSeconds: null });
    await must(chair.socket, 'agenda:set-current', { meetingId, itemId: top[1]?.id });
    // Giving the floor to the next ends the speech before it.
    await must(chair.socket, 'speaker:give-floor', { meetingId, requestId: second, limitSeconds: 60 });
    await must(chair.socket, 'speaker:set-time', { meetingId, limitSeconds: 180 });
    await must(chair.socket, 'speaker:end', { meetingId });
    expect(await storedQueue()).toEqual([]);

    const speeches = await speechesOf(h.server.store.db, meetingId);
    expect(speeches.map((s) => [s.userId, s.state, s.agendaItemId, s.limitSeconds])).toEqual([
      [d1.userId, 'done', top[0]?.id, null],
      [d2.userId, 'done', top[1]?.id, 180],
    ]);
    for (const s of speeches) expect(Date.parse(s.endedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(s.startedAt ?? ''));
    // Ending with nobody speaking changes nothing; setting a time then is refused.
    const idle = await ask<{ seq: number }>(chair.socket, 'speaker:end', { commandId: uuidv7(), meetingId });
    expect(idle.ok).toBe(true);
    const noSpeaker = await ask(chair.socket, 'speaker:set-time', { commandId: uuidv7(), meetingId, limitSeconds: 60 });
    expect(noSpeaker).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('lets a person withdraw their own waiting request only', async () => {
    const mine = await request(d1);
    const other = await ask(d2.socket, 'speaker:withdraw', { commandId: uuidv7(), meetingId, requestId: mine });
    expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await must(d1.socket, 'speaker:withdraw', { meetingId, requestId: mine });
    expect(await storedQueue()).toEqual([]);
    const twice = await ask(d1.socket, 'speaker:withdraw', { commandId: uuidv7(), meetingId, requestId: mine });
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Withdrawn, they may ask again; once given the floor, withdrawing is too late.
    const again = await request(d1);
    await must(chair.socket, 'speaker:give-floor', { meetingId, requestId: again, limitSeconds: null });
    const late = await ask(d1.socket, 'speaker:withdraw', { commandId: uuidv7(), meetingId, requestId: again });
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const rows = await h.server.store.db
      .selectFrom('speaker_requests')
      .select(['id', 'state'])
      .orderBy('requested_at')
      .execute();
    expect(rows).toEqual([
      { id: mine, state: 'withdrawn' },
      { id: again, state: 'speaking' },
    ]);
  });

  it('lets the chair reorder and remove waiting requests, and nobody else', async () => {
    await request(d1);
    const b = await request(d2);
    const c = await request(d3);
    for (const who of [d1, secretary]) {
      expect(
        await ask(who.socket, 'speaker:move', { commandId: uuidv7(), meetingId, requestId: c, index: 0 }),
      ).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await ask(who.socket, 'speaker:remove', { commandId: uuidv7(), meetingId, requestId: b })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    await must(chair.socket, 'speaker:move', { meetingId, requestId: c, index: 0 });
    expect((await storedQueue()).map((s) => s.userId)).toEqual([d3.userId, d1.userId, d2.userId]);
    await must(chair.socket, 'speaker:move', { meetingId, requestId: c, index: 99 });
    expect((await storedQueue()).map((s) => s.userId)).toEqual([d1.userId, d2.userId, d3.userId]);
    await must(chair.socket, 'speaker:remove', { meetingId, requestId: b });
    expect((await storedQueue()).map((s) => s.userId)).toEqual([d1.userId, d3.userId]);
    expect(await ask(chair.socket, 'speaker:remove', { commandId: uuidv7(), meetingId, requestId: b })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('refuses observers and secretaries asking for the floor, malformed requests, and a flood from one person', async () => {
    for (const who of [observer, secretary]) {
      const answer = await ask(who.socket, 'speaker:request', {
        commandId: uuidv7(),
        meetingId,
        requestId: uuidv7(),
        pointOfOrder: false,
      });
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    for (const bad of [
      { commandId: uuidv7(), meetingId, requestId: 'không-phải-id', pointOfOrder: false },
      { commandId: uuidv7(), meetingId, requestId: uuidv7() },
      { commandId: uuidv7(), meetingId, requestId: uuidv7(), pointOfOrder: false, userId: d2.userId },
    ]) {
      expect(await ask(d1.socket, 'speaker:request', bad)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    const tooLong = await ask(chair.socket, 'speaker:give-floor', {
      commandId: uuidv7(),
      meetingId,
      requestId: uuidv7(),
      limitSeconds: 999_999,
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await storedQueue()).toEqual([]);

    // Asking and withdrawing in a loop: 20 in 10 minutes, then a clear refusal.
    for (let i = 0; i < 20; i++) await must(d1.socket, 'speaker:withdraw', { meetingId, requestId: await request(d1) });
    const flood = await ask(d1.socket, 'speaker:request', {
      commandId: uuidv7(),
      meetingId,
      requestId: uuidv7(),
      pointOfOrder: false,
    });
    expect(flood).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: { en: expect.stringMatching(/too many/) } },
    });
    // Others are not held back by it.
    await request(d2);
    expect(await storedQueue()).toEqual([{ userId: d2.userId, state: 'waiting' }]);
  });

  it('empties the queue at the close: the speaker is done, the waiting removed', async () => {
    const speaking = await request(d1);
    await request(d2);
    await must(chair.socket, 'speaker:give-floor', { meetingId, requestId: speaking, limitSeconds: null });
    await must(chair.socket, 'meeting:close', { meetingId });
    expect(await storedQueue()).toEqual([]);
    const rows = await h.server.store.db
      .selectFrom('speaker_requests')
      .select(['user_id', 'state'])
      .orderBy('requested_at')
      .execute();
    expect(rows).toEqual([
      { user_id: d1.userId, state: 'done' },
      { user_id: d2.userId, state: 'removed' },
    ]);
    const after = await ask(d3.socket, 'speaker:request', {
      commandId: uuidv7(),
      meetingId,
      requestId: uuidv7(),
      pointOfOrder: false,
    });
    expect(after).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
