import { describe, expect, it } from 'vitest';
import { NOT_STARTED_SESSION, type SpeakerRequest } from '../protocol/index.js';
import {
  dropItems,
  itemElapsedSeconds,
  moveToItem,
  pauseSession,
  queueIndexFor,
  resumeSession,
  speakingSecondsLeft,
  startSession,
} from './meeting-session.js';

const t = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 7, 0, seconds));

describe('the session clock', () => {
  it('counts an item only while it is current and the meeting runs, and goes on where it stopped', () => {
    let s = startSession(NOT_STARTED_SESSION, 'a', t(0));
    expect(itemElapsedSeconds(s, 'a', t(90))).toBe(90);
    s = pauseSession(s, t(100));
    expect(s).toMatchObject({ stage: 'paused', itemSince: null, itemSeconds: { a: 100 } });
    expect(itemElapsedSeconds(s, 'a', t(500))).toBe(100);
    s = resumeSession(s, t(600));
    s = moveToItem(s, 'b', t(650));
    expect(itemElapsedSeconds(s, 'a', t(2000))).toBe(150);
    expect(itemElapsedSeconds(s, 'b', t(700))).toBe(50);
    s = moveToItem(s, 'a', t(710));
    expect(itemElapsedSeconds(s, 'a', t(720))).toBe(160);
    expect(itemElapsedSeconds(s, 'b', t(720))).toBe(60);
  });

  it('moves while paused without starting the clock, and forgets removed items', () => {
    let s = pauseSession(startSession(NOT_STARTED_SESSION, 'a', t(0)), t(10));
    s = moveToItem(s, 'b', t(20));
    expect(s.itemSince).toBeNull();
    expect(itemElapsedSeconds(s, 'b', t(99))).toBe(0);
    s = resumeSession(s, t(100));
    s = dropItems(s, ['b'], t(130));
    expect(s.currentItemId).toBeNull();
    expect(s.itemSeconds).toEqual({ a: 10 });
    expect(resumeSession(pauseSession(s, t(140)), t(150)).itemSince).toBeNull();
  });

  it('counts a speech down from its start, past zero when over time', () => {
    const speech = { startedAt: t(0).toISOString(), limitSeconds: 120 } as SpeakerRequest;
    expect(speakingSecondsLeft(speech, t(30))).toBe(90);
    expect(speakingSecondsLeft(speech, t(150))).toBe(-30);
    expect(speakingSecondsLeft({ ...speech, limitSeconds: null }, t(30))).toBeNull();
  });

  it('puts a point of order after the points of order already waiting, an ordinary request last', () => {
    const q = [{ pointOfOrder: true }, { pointOfOrder: false }, { pointOfOrder: false }];
    expect(queueIndexFor(q, true)).toBe(1);
    expect(queueIndexFor(q, false)).toBe(3);
    expect(queueIndexFor([], true)).toBe(0);
    expect(queueIndexFor([{ pointOfOrder: true }], true)).toBe(1);
  });
});
