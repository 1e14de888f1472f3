import { describe, expect, it } from 'vitest';
import { TabSessionStore } from './session-store.js';

class FakeStorage implements Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  readonly items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

const VOTE = '0192f0a4-1b2c-7d3e-8f40-200000000001';

describe('the tab store', () => {
  it('keeps a ballot key across a reload, for its user only, and forgets it on sign-out', () => {
    const storage = new FakeStorage();
    const first = new TabSessionStore(storage as unknown as Storage);
    first.saveBallotKey('u1', VOTE, 'k'.repeat(43));
    const reloaded = new TabSessionStore(storage as unknown as Storage);
    expect(reloaded.loadBallotKey('u1', VOTE)).toBe('k'.repeat(43));
    expect(reloaded.loadBallotKey('u2', VOTE)).toBeNull();
    reloaded.forgetBallotKeys([VOTE]);
    expect(new TabSessionStore(storage as unknown as Storage).listBallotKeyVotes()).toEqual([]);
    reloaded.saveBallotKey('u1', VOTE, 'k'.repeat(43));
    reloaded.clear();
    expect([...storage.items.keys()]).toEqual([]);
  });
});
