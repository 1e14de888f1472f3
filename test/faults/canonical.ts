import { createHash } from 'node:crypto';
import type { MeetingSnapshot } from '../../shared/protocol/index.js';

/** JSON with every object's keys in order, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const byKey =
  <T>(key: (x: T) => string) =>
  (a: T, b: T): number =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/**
 * One meeting's state in a form that does not depend on how it was reached: the snapshot's
 * fields only (a client's own `myRole` is not part of it), lists in id order (the agenda's
 * order is in its `position`s).
 */
export function canonicalMeeting(state: MeetingSnapshot): MeetingSnapshot {
  return {
    meeting: state.meeting,
    agenda: [...state.agenda].sort(byKey((i) => i.id)),
    participants: [...state.participants].sort(byKey((p) => p.userId)),
    votes: [...state.votes].sort(byKey((v) => v.id)),
    presentation: state.presentation,
    session: state.session,
    speakers: state.speakers,
    myBallots: [...state.myBallots].sort(),
    seq: state.seq,
  };
}

/** The checksum of a meeting's state: equal on the client and the server once they agree. */
export function meetingChecksum(state: MeetingSnapshot): string {
  return sha256(canonicalJson(canonicalMeeting(state)));
}
