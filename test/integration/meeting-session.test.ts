import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change, MeetingSession } from '../../shared/protocol/index.js';
import { meetingSnapshot } from '../../server/meetings/meeting-queries.js';
import { ask, collectChanges, startHarness, waitFor, type Harness } from '../support/server-harness.js';
import { agendaItem, joinMeeting, must, type Member } from '../support/vote-fixtures.js';

/** The session's stages and the current item, as every tablet of the room receives them. */
let h: Harness;
let chair: Member;
let secretary: Member;
let delegate: Member;
let meetingId: string;
let items: string[];

beforeEach(async () => {
  h = await startHarness();
  const joined = await joinMeeting(h, 'chutoa');
  chair = joined;
  secretary = await joinMeeting(h, 'thuky');
  delegate = await joinMeeting(h, 'daibieu1');
  meetingId = joined.meeting.id;
  const agenda = (await meetingSnapshot(h.server.store.db, meetingId, chair.userId))?.agenda ?? [];
  items = agenda
    .filter((i) => i.parentId === null)
    .sort((a, b) => a.position - b.position)
    .map((i) => i.id);
});
afterEach(async () => {
  await h.cleanup();
});

function lastSession(changes: Change[]): MeetingSession {
  const last = changes.filter((c) => c.type === 'session:changed').at(-1);
  if (!last || last.type !== 'session:changed') throw new Error('no session:changed');
  return last.data.session;
}

describe('running the session', () => {
  it('starts on the first item, moves, pauses and resumes, and every tablet follows', async () => {
    expect(items.length).toBeGreaterThanOrEqual(2);
    const seen = collectChanges(delegate.socket);
    const early = await ask(chair.socket, 'agenda:set-current', { commandId: uuidv7(), meetingId, itemId: items[1] });
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    await must(chair.socket, 'session:start', { meetingId });
    await waitFor(() => seen.some((c) => c.type === 'session:changed'), 5000, 'the start');
    expect(lastSession(seen)).toMatchObject({ stage: 'running', currentItemId: items[0] });
    expect(await ask(chair.socket, 'session:start', { commandId: uuidv7(), meetingId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    await must(chair.socket, 'agenda:set-current', { meetingId, itemId: items[1] });
    await waitFor(() => lastSession(seen).currentItemId === items[1], 5000, 'item 2');
    // The item left keeps the time it ran.
    expect(Object.keys(lastSession(seen).itemSeconds)).toEqual([items[0]]);

    await must(chair.socket, 'session:pause', { meetingId });
    await waitFor(() => lastSession(seen).stage === 'paused', 5000, 'the pause');
    expect(lastSession(seen)).toMatchObject({ itemSince: null, pausedAt: expect.any(String) });
    expect(await ask(chair.socket, 'session:pause', { commandId: uuidv7(), meetingId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await must(chair.socket, 'session:resume', { meetingId });
    await waitFor(() => lastSession(seen).stage === 'running', 5000, 'the resume');
    expect(lastSession(seen).itemSince).not.toBeNull();

    // A late tablet's snapshot agrees with the changes the others applied.
    expect((await meetingSnapshot(h.server.store.db, meetingId, delegate.userId))?.session).toEqual(lastSession(seen));
  });

  it('is the chair’s alone: the secretary and delegates are refused and nothing changes', async () => {
    for (const who of [secretary, delegate]) {
      for (const [event, extra] of [
        ['session:start', {}],
        ['agenda:set-current', { itemId: items[1] }],
        ['session:pause', {}],
      ] as const) {
        const answer = await ask(who.socket, event, { commandId: uuidv7(), meetingId, ...extra });
        expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    expect((await meetingSnapshot(h.server.store.db, meetingId, chair.userId))?.session.stage).toBe('not-started');
    const unknown = await ask(chair.socket, 'session:start', { commandId: uuidv7(), meetingId, itemId: uuidv7() });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('leaves no current item when the secretary removes it, and the room hears both changes', async () => {
    const itemId = uuidv7();
    await must(secretary.socket, 'agenda:add-item', { ...agendaItem(meetingId, 'Mục phát sinh'), itemId });
    await must(chair.socket, 'session:start', { meetingId, itemId });
    const seen = collectChanges(delegate.socket);
    await must(secretary.socket, 'agenda:remove-item', { meetingId, itemId, baseVersion: 0 });
    await waitFor(() => seen.some((c) => c.type === 'agenda:item-removed'), 5000, 'the removal');
    await waitFor(() => seen.at(-1)?.type === 'session:changed', 5000, 'the session change');
    // The start may arrive in the same batch; what the removal made comes after it, in order.
    expect(seen.map((c) => c.type).slice(-2)).toEqual(['agenda:item-removed', 'session:changed']);
    expect(lastSession(seen)).toMatchObject({ currentItemId: null, itemSeconds: {} });
  });
});
