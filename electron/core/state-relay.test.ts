import { describe, expect, it } from 'vitest';
import type { ClientState } from '../../shared/client/index.js';
import { relayState, type StateSource } from './state-relay.js';

function state(pendingCommands: number): ClientState {
  return {
    connection: 'online',
    serverUrl: 'http://lan:8080',
    user: null,
    meetings: {},
    pendingCommands,
    lastSyncAt: null,
    rejected: [],
    documents: {},
    documentProgress: {},
    uploads: [],
    documentNotices: [],
    annotations: {},
    messages: {},
    identity: null,
    approvals: {},
    revokedNotice: null,
  };
}

function fakeSource(): StateSource & { set(next: ClientState): void; listenerCount(): number } {
  let current = state(0);
  const listeners = new Set<(s: ClientState) => void>();
  return {
    getState: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      current = next;
      for (const l of listeners) l(next);
    },
    listenerCount: () => listeners.size,
  };
}

describe('relayState', () => {
  it('pushes only the last of a burst of changes', () => {
    const source = fakeSource();
    const pushed: number[] = [];
    const tasks: (() => void)[] = [];
    relayState(
      source,
      (s) => pushed.push(s.pendingCommands),
      (task) => tasks.push(task),
    );
    source.set(state(1));
    source.set(state(2));
    source.set(state(3));
    expect(tasks).toHaveLength(1);
    tasks.shift()?.();
    expect(pushed).toEqual([3]);
    source.set(state(4));
    tasks.shift()?.();
    expect(pushed).toEqual([3, 4]);
  });

  it('stops pushing once stopped, even with a push already scheduled', () => {
    const source = fakeSource();
    const pushed: number[] = [];
    const tasks: (() => void)[] = [];
    const stop = relayState(
      source,
      (s) => pushed.push(s.pendingCommands),
      (task) => tasks.push(task),
    );
    source.set(state(1));
    stop();
    tasks.shift()?.();
    source.set(state(2));
    expect(pushed).toEqual([]);
    expect(source.listenerCount()).toBe(0);
  });

  it('uses setImmediate by default', async () => {
    const source = fakeSource();
    const pushed: number[] = [];
    relayState(source, (s) => pushed.push(s.pendingCommands));
    source.set(state(5));
    expect(pushed).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pushed).toEqual([5]);
  });
});
