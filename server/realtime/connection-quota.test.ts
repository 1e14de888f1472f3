import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionQuota } from './connection-quota.js';

const limits = { burst: 4, eventsPerSecond: 2, socketsPerSession: 2, socketsPerUser: 3 };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const quota = () => new ConnectionQuota(limits, () => Date.now());
const takeAll = (q: ConnectionQuota, socketId: string, n: number) =>
  Array.from({ length: n }, () => q.take(socketId)).filter(Boolean).length;

describe('connection quota', () => {
  it('caps live sockets per session and per user, and gives places back once', () => {
    const q = quota();
    expect(q.admit('a1', 'u', 's1')).toBeNull();
    expect(q.admit('a2', 'u', 's1')).toBeNull();
    expect(q.admit('a3', 'u', 's1')).toBe('session');
    expect(q.admit('b1', 'u', 's2')).toBeNull();
    expect(q.admit('b2', 'u', 's2')).toBe('user');
    expect(q.admit('c1', 'other', 's3')).toBeNull();
    q.release('a1');
    q.release('a1');
    expect(q.size).toEqual({ users: 2, sessions: 3, sockets: 3 });
    expect(q.admit('a3', 'u', 's1')).toBeNull();
    expect(q.admit('a4', 'u', 's1')).toBe('session');
  });

  it('draws every socket of a user, in any session, from one budget', () => {
    const q = quota();
    q.admit('a', 'u', 's1');
    q.admit('b', 'u', 's2');
    q.admit('c', 'other', 's3');
    expect(takeAll(q, 'a', 3) + takeAll(q, 'b', 3)).toBe(limits.burst);
    expect(takeAll(q, 'c', 3)).toBe(3);
    vi.advanceTimersByTime(1000);
    expect(takeAll(q, 'b', 5)).toBe(limits.eventsPerSecond);
    expect(q.take('unknown-socket')).toBe(false);
  });

  it('forgets a user with no socket once the bucket has refilled, not before', () => {
    const q = quota();
    q.admit('a', 'u', 's1');
    expect(takeAll(q, 'a', 10)).toBe(limits.burst);
    q.release('a');
    // Closing every socket and reconnecting must not hand out a fresh burst.
    q.admit('a2', 'u', 's1');
    expect(q.take('a2')).toBe(false);
    q.release('a2');
    expect(q.size).toEqual({ users: 1, sessions: 0, sockets: 0 });
    vi.advanceTimersByTime((limits.burst / limits.eventsPerSecond) * 1000);
    expect(q.size).toEqual({ users: 0, sessions: 0, sockets: 0 });

    q.admit('b', 'v', 's2');
    q.release('b');
    expect(q.size.users).toBe(0);
  });

  it('keeps a returning user whose forgetting was scheduled', () => {
    const q = quota();
    q.admit('a', 'u', 's1');
    q.take('a');
    q.release('a');
    q.admit('a2', 'u', 's1');
    vi.advanceTimersByTime(10_000);
    expect(q.size.users).toBe(1);
    expect(takeAll(q, 'a2', 10)).toBe(limits.burst);
  });
});
