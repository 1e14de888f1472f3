import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app.js';
import type { Store } from '../../server/db/store.js';
import { DEMO_ACCOUNTS_FILE, seedDemo } from '../../server/demo/seed-demo.js';
import { COMMAND_HANDLERS } from '../../server/sync/command-handlers.js';
import { CommandRunner } from '../../server/sync/command-runner.js';
import { createDatabase, dropDatabase, TEST_ENGINE } from '../support/postgres.js';
import { testDatabase } from '../support/test-store.js';

const dirs: string[] = [];
const servers: RunningServer[] = [];
/** On PostgreSQL, the empty database of each data folder (the same one across its restarts). */
const databases = new Map<string, { name: string; url: string }>();
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const db of databases.values()) await dropDatabase(db.name);
  databases.clear();
});

async function start(dataDir: string, seedDemo: boolean, onFirstAdminPassword?: (password: string) => void) {
  let database = databases.get(dataDir);
  if (!database && TEST_ENGINE === 'postgres') {
    database = await createDatabase();
    databases.set(dataDir, database);
  }
  const s = await startServer({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    seedDemo,
    databaseUrl: database?.url,
    onFirstAdminPassword,
  });
  servers.push(s);
  expect(s.store.dialect).toBe(TEST_ENGINE);
  return s;
}

describe('first start', () => {
  it('without the demo creates only an admin with a one-time password, and no demo file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cabinet-first-'));
    dirs.push(dir);
    const s = await start(dir, false);
    expect(s.demoAccounts).toBeNull();
    expect(s.firstAdminPassword).toMatch(/^[A-Za-z0-9]{18}$/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toEqual([]);
    const login = await fetch(`${s.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: s.firstAdminPassword }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const created = await fetch(`${s.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        username: 'thuky2',
        displayName: 'Thư ký 2',
        password: 'mot-mat-khau-dai',
        canCreateMeetings: true,
      }),
    });
    expect(created.status).toBe(201);
    const dup = await fetch(`${s.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ username: 'thuky2', displayName: 'Lặp', password: 'mot-mat-khau-dai' }),
    });
    expect(dup.status).toBe(409);
    await s.close();
    const again = await start(dir, false);
    expect(again.firstAdminPassword).toBeNull();
  });

  it("without the demo shows the admin's password once, on the start that makes the admin, and drops a stale accounts file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cabinet-first-'));
    dirs.push(dir);
    // What a demo start killed before its commit leaves: passwords of accounts that do not exist.
    writeFileSync(join(dir, DEMO_ACCOUNTS_FILE), '[{"username":"admin","password":"stale"}]\n', { mode: 0o600 });
    const shown: string[] = [];
    const s = await start(dir, false, (password) => shown.push(password));
    expect(shown).toEqual([s.firstAdminPassword]);
    expect(s.demoAccounts).toBeNull();
    expect(existsSync(join(dir, DEMO_ACCOUNTS_FILE))).toBe(false);
    await s.close();
    const again = await start(dir, false, (password) => shown.push(password));
    expect(shown).toHaveLength(1);
    expect(again.demoAccounts).toBeNull();
  });

  it('with the demo keeps the same accounts and meeting across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cabinet-first-'));
    dirs.push(dir);
    const first = await start(dir, true);
    const accounts = first.demoAccounts;
    expect(accounts?.map((a) => a.username)).toEqual([
      'admin',
      'thuky',
      'chutoa',
      'daibieu1',
      'daibieu2',
      'daibieu3',
      'phonghop',
    ]);
    await first.close();
    const second = await start(dir, true);
    expect(second.demoAccounts).toEqual(accounts);
    const meetings = await second.store.db
      .selectFrom('meetings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(meetings.n).toBe(1);
  });
});

describe('the demo accounts file', () => {
  const quiet = { error: () => undefined, warn: () => undefined };

  /** The store, with a look at the data folder just before each transaction commits (or fails to). */
  function watched(store: Store, file: string, failCommit: () => boolean) {
    const beforeCommit: boolean[] = [];
    const transaction: Store['transaction'] = (work) =>
      store.transaction(async (tx) => {
        const result = await work(tx);
        beforeCommit.push(existsSync(file));
        if (failCommit()) throw new Error('the commit failed');
        return result;
      });
    const proxy = new Proxy(store, {
      get: (target, key, receiver) => (key === 'transaction' ? transaction : Reflect.get(target, key, receiver)),
    });
    return { store: proxy, beforeCommit };
  }

  it('is written before the users are committed, is gone if they are not, and is left alone by a start that finds them', async () => {
    const database = await testDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'cabinet-seed-'));
    dirs.push(dir);
    try {
      const store = await database.open();
      const runner = new CommandRunner(store, COMMAND_HANDLERS, { published: () => undefined }, quiet);
      const file = join(dir, DEMO_ACCOUNTS_FILE);
      let fail = true;
      const w = watched(store, file, () => fail);
      const users = async () =>
        (
          await store.db
            .selectFrom('users')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n;

      // The transaction that would commit the users fails: the file was there, and is gone.
      await expect(seedDemo(w.store, runner, dir, new Date())).rejects.toThrow('the commit failed');
      expect(w.beforeCommit).toEqual([true]);
      expect(existsSync(file)).toBe(false);
      expect(Number(await users())).toBe(0);

      // It commits: the file was on disk before, private, whole, with the passwords returned.
      fail = false;
      const accounts = await seedDemo(w.store, runner, dir, new Date());
      expect(w.beforeCommit).toEqual([true, true]);
      expect(Number(await users())).toBe(7);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(accounts);
      expect(readdirSync(dir)).toEqual([DEMO_ACCOUNTS_FILE]);

      // Another start (a node that lost the race, sharing this folder) finds the users and keeps the file.
      const kept = readFileSync(file, 'utf8');
      expect(await seedDemo(w.store, runner, dir, new Date())).toBeNull();
      expect(readFileSync(file, 'utf8')).toBe(kept);
      expect(readdirSync(dir)).toEqual([DEMO_ACCOUNTS_FILE]);
    } finally {
      await database.cleanup();
    }
  });
});
