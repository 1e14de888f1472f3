import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app.js';
import { createDatabase, dropDatabase, TEST_ENGINE } from '../support/postgres.js';

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

async function start(dataDir: string, seedDemo: boolean) {
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
