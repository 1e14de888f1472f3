import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import { SqliteClientStore } from './sqlite-client-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const VOTE = '0192f0a4-1b2c-7d3e-8f40-200000000001';

describe('ballot keys in the desktop cache', () => {
  it('are kept per user across a restart, and once forgotten are in no byte of the cache files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cabinet-keys-'));
    dirs.push(dir);
    const file = join(dir, 'cache.sqlite');
    const key = makeBallotKey();
    const first = new SqliteClientStore(file);
    first.saveBallotKey('u1', VOTE, key);
    first.close();
    const again = new SqliteClientStore(file);
    expect(again.loadBallotKey('u1', VOTE)).toBe(key);
    expect(again.loadBallotKey('u2', VOTE)).toBeNull();
    expect(again.listBallotKeyVotes()).toEqual([VOTE]);
    again.forgetBallotKeys([VOTE]);
    const bytes = [file, `${file}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString('latin1'))
      .join('');
    expect(bytes).not.toContain(key);
    expect(again.listBallotKeyVotes()).toEqual([]);
    again.close();
  });
});
