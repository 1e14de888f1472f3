import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredSession } from '../../shared/client/index.js';
import { SqliteClientStore } from './sqlite-client-store.js';
import type { TokenSealer } from './token-sealer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function cacheFile() {
  const dir = mkdtempSync(join(tmpdir(), 'cabinet-seal-'));
  dirs.push(dir);
  return { dir, file: join(dir, 'cache.sqlite') };
}

/** Stands in for safeStorage: a keyed XOR, enough to tell sealed from plain. */
const fakeSealer = (key: number): TokenSealer => ({
  seal: (t) => Buffer.from([...Buffer.from(t)].map((b) => b ^ key)).toString('base64'),
  open: (s) => {
    const text = Buffer.from([...Buffer.from(s, 'base64')].map((b) => b ^ key)).toString();
    return text.startsWith('tok-') ? text : null;
  },
});

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

describe('session token at rest', () => {
  it('never writes the token in plain text, and reads it back', () => {
    const { dir, file } = cacheFile();
    const store = new SqliteClientStore(file, { sealer: fakeSealer(0x5a) });
    store.saveSession(session);
    expect(store.loadSession()).toEqual(session);
    store.close();
    for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name)).includes(session.token)).toBe(false);
  });

  it('keeps the user but not the token when the token cannot be opened here', () => {
    const { file } = cacheFile();
    const a = new SqliteClientStore(file, { sealer: fakeSealer(0x5a) });
    a.saveSession(session);
    a.close();
    const b = new SqliteClientStore(file, { sealer: fakeSealer(0x33) });
    expect(b.loadSession()).toEqual({ ...session, token: '' });
    b.close();
  });

  it('still reads a plain token written before sealing existed', () => {
    const { file } = cacheFile();
    const old = new SqliteClientStore(file);
    old.saveSession(session);
    old.close();
    const sealed = new SqliteClientStore(file, { sealer: fakeSealer(0x5a) });
    expect(sealed.loadSession()?.token).toBe(session.token);
    sealed.close();
  });
});
