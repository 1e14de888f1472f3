import { describe, expect, it } from 'vitest';
import type { MeetingState, OutboxEntry } from './store.js';
import { ballotKeysToForget, makeBallotKey } from './ballot-keys.js';

describe('makeBallotKey', () => {
  it('takes 256 bits from the cryptographic generator and nothing else', () => {
    const asked: number[] = [];
    const fixed = {
      getRandomValues<T extends Uint8Array>(a: T): T {
        asked.push(a.length);
        a.forEach((_, i) => (a[i] = (i * 37 + 11) & 0xff));
        return a;
      },
    };
    const bytes = Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);
    expect(makeBallotKey(fixed)).toBe(Buffer.from(bytes).toString('base64url'));
    expect(asked).toEqual([32]);
  });

  it('makes a different 43-character base64url key every time, with the platform generator', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => makeBallotKey()));
    expect(keys.size).toBe(1000);
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Every character position varies: no part of the key is fixed or derived (as a time prefix would be).
    for (let i = 0; i < 42; i++) expect(new Set([...keys].map((k) => k[i])).size).toBeGreaterThan(40);
  });
});

describe('ballotKeysToForget', () => {
  const vote = (id: string, status: string) => ({ id, status });
  const meeting = (votes: Array<{ id: string; status: string }>) => ({ votes }) as unknown as MeetingState;
  const queued = (voteId: string) => ({ name: 'vote:cast', payload: { voteId } }) as unknown as OutboxEntry;

  it('keeps keys of open votes and of ballots still queued, and forgets the rest', () => {
    const meetings = [meeting([vote('open', 'open'), vote('closed', 'closed'), vote('queued', 'closed')])];
    expect(ballotKeysToForget(['open', 'closed', 'queued', 'gone'], meetings, [queued('queued')])).toEqual([
      'closed',
      'gone',
    ]);
  });
});
