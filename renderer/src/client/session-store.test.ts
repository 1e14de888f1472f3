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

  it('keeps the device id in the browser storage through a wipe, and erases the session and keys of the tab', () => {
    const tab = new FakeStorage();
    const browser = new FakeStorage();
    const store = new TabSessionStore(tab as unknown as Storage, browser as unknown as Storage);
    store.saveDeviceId('0192f0a4-1b2c-7d3e-8f40-200000000002');
    store.saveSession({
      serverUrl: 'http://s',
      token: 't',
      user: { id: 'u1', username: 'lan', displayName: 'Lan', isAdmin: false, canCreateMeetings: false },
    });
    store.saveBallotKey('u1', VOTE, 'k'.repeat(43));
    // Another tab of the same browser is the same device.
    expect(
      new TabSessionStore(new FakeStorage() as unknown as Storage, browser as unknown as Storage).loadDeviceId(),
    ).toBe('0192f0a4-1b2c-7d3e-8f40-200000000002');
    store.clear();
    expect([...tab.items.keys()]).toEqual([]);
    expect(store.loadDeviceId()).toBe('0192f0a4-1b2c-7d3e-8f40-200000000002');
    expect([...browser.items.keys()]).toEqual(['cabinet.device-id']);
  });
});
