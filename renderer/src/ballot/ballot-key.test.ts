import { describe, expect, it } from 'vitest';
import { ballotKeyFor, ballotKeyName } from './ballot-key.js';

class MapStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const VOTE_A = '0192f0a4-1b2c-7d3e-8f40-00000000000a';
const VOTE_B = '0192f0a4-1b2c-7d3e-8f40-00000000000b';
let made = 0;
const make = () => `0192f0a4-1b2c-7d3e-8f40-${String(++made).padStart(12, '0')}`;

describe('ballotKeyFor', () => {
  it('makes one key per vote and gives the same key again', () => {
    const storage = new MapStorage();
    const a = ballotKeyFor(VOTE_A, storage, make);
    expect(ballotKeyFor(VOTE_A, storage, make)).toBe(a);
    expect(storage.getItem(ballotKeyName(VOTE_A))).toBe(a);
    expect(ballotKeyFor(VOTE_B, storage, make)).not.toBe(a);
  });

  it('survives a new page: the key is read back from storage', () => {
    const storage = new MapStorage();
    storage.setItem(ballotKeyName(VOTE_A), '0192f0a4-1b2c-7d3e-8f40-999999999999');
    expect(ballotKeyFor(VOTE_A, storage, make)).toBe('0192f0a4-1b2c-7d3e-8f40-999999999999');
  });

  it('replaces a stored value that is not a key', () => {
    const storage = new MapStorage();
    storage.setItem(ballotKeyName(VOTE_B), 'garbage');
    const key = ballotKeyFor(VOTE_B, storage, make);
    expect(key).toMatch(/^0192f0a4-/);
    expect(storage.getItem(ballotKeyName(VOTE_B))).toBe(key);
  });

  it('keeps the key in memory when storage refuses', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const vote = '0192f0a4-1b2c-7d3e-8f40-00000000000c';
    const key = ballotKeyFor(vote, broken, make);
    expect(ballotKeyFor(vote, broken, make)).toBe(key);
    expect(ballotKeyFor(vote, null, make)).toBe(key);
  });
});
