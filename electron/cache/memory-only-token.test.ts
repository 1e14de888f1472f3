import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEntry, StoredSession } from '../../shared/client/index.js';
import { SqliteClientStore } from './sqlite-client-store.js';
import { memoryOnlyTokens } from './token-sealer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function cacheFile() {
  const dir = mkdtempSync(join(tmpdir(), 'cabinet-memtoken-'));
  dirs.push(dir);
  return { dir, file: join(dir, 'cache.sqlite') };
}

const session: StoredSession = {
  serverUrl: 'http://192.0.2.10:8080',
  token: 'tok-3q2kR9xVbYw7LmN0pQ1sT5uZ',
  user: {
    id: '01a20c19-2953-7989-8e63-0b6c398bddec',
    username: 'daibieu1',
    displayName: 'Lê Hoàng Nam',
    isAdmin: false,
    canCreateMeetings: false,
  },
};

const queued: OutboxEntry = {
  commandId: '01a20c1a-0000-7000-8000-000000000001',
  name: 'attendance:check-in',
  payload: { commandId: '01a20c1a-0000-7000-8000-000000000001', meetingId: '01a20c19-0000-7000-8000-000000000002' },
  createdAt: '2026-03-02T08:00:00.000Z',
};

/** The token may not sit in the database, its write-ahead log or any other file of the cache. */
function expectTokenNowhereOnDisk(dir: string): void {
  for (const name of readdirSync(dir)) {
    expect(readFileSync(join(dir, name)).includes(session.token), name).toBe(false);
  }
}

describe('a cache whose token is kept in memory only (no real OS key store)', () => {
  it('gives the token back during the run but never writes it', () => {
    const { dir, file } = cacheFile();
    const store = new SqliteClientStore(file, { sealer: memoryOnlyTokens() });
    store.saveSession(session);
    expect(store.loadSession()).toEqual(session);
    expectTokenNowhereOnDisk(dir);
    store.close();
    expectTokenNowhereOnDisk(dir);
  });

  it('after a restart the user is still known and the outbox kept, but the token is gone', () => {
    const { file } = cacheFile();
    const before = new SqliteClientStore(file, { sealer: memoryOnlyTokens() });
    before.saveSession(session);
    before.addToOutbox(queued);
    before.close();

    const after = new SqliteClientStore(file, { sealer: memoryOnlyTokens() });
    expect(after.loadSession()).toEqual({ ...session, token: '' });
    expect(after.listOutbox().map((e) => e.commandId)).toEqual([queued.commandId]);
    after.close();
  });

  it('a plain token left by an older version is read once and no longer kept on disk', () => {
    const { dir, file } = cacheFile();
    const old = new SqliteClientStore(file);
    old.saveSession(session);
    old.close();

    const store = new SqliteClientStore(file, { sealer: memoryOnlyTokens() });
    expect(store.loadSession()).toEqual(session);
    expect(store.loadSession()).toEqual(session);
    store.close();
    expectTokenNowhereOnDisk(dir);

    const restarted = new SqliteClientStore(file, { sealer: memoryOnlyTokens() });
    expect(restarted.loadSession()).toEqual({ ...session, token: '' });
    restarted.close();
  });

  it('signing out forgets the token in memory too', () => {
    const { file } = cacheFile();
    const store = new SqliteClientStore(file, { sealer: memoryOnlyTokens() });
    store.saveSession(session);
    store.saveSession(null);
    expect(store.loadSession()).toBeNull();
    store.saveSession(session);
    store.clear();
    expect(store.loadSession()).toBeNull();
    store.close();
  });
});
