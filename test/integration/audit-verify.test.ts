import BetterSqlite3 from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../server/db/schema.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditListResult } from '../../shared/protocol/index.js';
import { DATABASE_FILE } from '../../server/db/open-store.js';
import { cabinet } from '../support/cabinet-cli.js';
import { adminQuery } from '../support/postgres.js';
import { ask, connectSocket, startHarness, syncAll, type Harness } from '../support/server-harness.js';

/**
 * The audit log's chains, checked by `audit:list` (what the admin screen shows) and by
 * `cabinet audit verify` (its exit status), on each engine: a row's detail or actor changed,
 * a middle row deleted, the tail cut, each named by chain and row; each put back, intact again.
 */
let h: Harness;
let meetingId: string;
/** One sign-in for the whole file: right sign-ins of one name are bounded to ten a minute. */
let adminToken: string;

beforeAll(async () => {
  h = await startHarness();
  // A few acts on the meeting's chain and sign-ins on the global one.
  const { socket, login } = await h.connect('admin');
  adminToken = login.token;
  meetingId = (await syncAll(socket)).meetings[0]!.id;
  await h.login('thuky');
  await h.login('chutoa');
  socket.disconnect();
  if (h.databaseUrl) await adminQuery('ALTER TABLE audit_log DISABLE TRIGGER USER', [], h.databaseUrl);
});
afterAll(async () => {
  await h?.cleanup();
});

/** SQL against the database as someone with the files would run it (SQLite: the server stopped first). */
async function tamper(statements: string[]): Promise<void> {
  if (h.databaseUrl) {
    for (const s of statements) await adminQuery(s, [], h.databaseUrl);
    return;
  }
  await h.stop();
  const raw = new BetterSqlite3(join(h.dataDir, DATABASE_FILE));
  raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  for (const s of statements) raw.exec(s);
  raw.close();
  await h.start();
}

async function listed(filter: Record<string, unknown> = {}): Promise<AuditListResult> {
  const socket = await connectSocket(h.server.url, adminToken);
  const answer = await ask<AuditListResult>(socket, 'audit:list', filter);
  socket.disconnect();
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.data;
}

async function verify(): Promise<{ code: number; out: string }> {
  const where = h.databaseUrl ? ['--database', h.databaseUrl] : [];
  return cabinet(['audit', 'verify', '--data', h.dataDir, ...where]);
}

type StoredRow = Selectable<AuditLogTable>;

async function rowsOf(chain: string): Promise<StoredRow[]> {
  return h.server.store.db.selectFrom('audit_log').selectAll().where('chain', '=', chain).orderBy('id').execute();
}

const quote = (v: string | null) => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`);
const reinsert = (r: StoredRow) =>
  `INSERT INTO audit_log (id, chain, at, actor_id, action, meeting_id, detail, prev_hash, hash) VALUES (${r.id}, ${[
    r.chain,
    r.at,
    r.actor_id,
    r.action,
    r.meeting_id,
    r.detail,
    r.prev_hash,
    r.hash,
  ]
    .map(quote)
    .join(', ')})`;

describe('audit chains checked by audit:list and cabinet audit verify', { timeout: 120_000 }, () => {
  it('lists the log newest first, names resolved, a page at a time, and finds every chain intact', async () => {
    const first = await listed({ limit: 3 });
    expect(first.rows).toHaveLength(3);
    expect(first.rows[0]!.id).toBeGreaterThan(first.rows[2]!.id);
    expect(first.chains!.every((c) => c.problem === null)).toBe(true);
    expect(first.chains!.map((c) => c.chain)).toEqual(expect.arrayContaining(['global', meetingId]));
    expect(first.filters!.actions).toContain('auth:login');
    const next = await listed({ limit: 3, before: first.next });
    expect(next.rows[0]!.id).toBeLessThan(first.rows[2]!.id);
    expect(next.chains).toBeNull();
    const logins = await listed({ meetingId: null, action: 'auth:login' });
    expect(logins.rows.length).toBeGreaterThanOrEqual(3);
    expect(logins.rows.every((r) => r.meeting === null && r.action === 'auth:login')).toBe(true);
    expect(logins.rows.map((r) => r.actor?.name)).toEqual(expect.arrayContaining([expect.any(String)]));
    const ofMeeting = await listed({ meetingId });
    expect(ofMeeting.chains!.map((c) => c.chain)).toEqual([meetingId]);
    expect(ofMeeting.rows.every((r) => r.meeting?.id === meetingId && r.meeting.name)).toBe(true);
    const cli = await verify();
    expect(cli.code, cli.out).toBe(0);
    expect(cli.out).toContain('chains intact');
  });

  it('refuses everyone but an admin', async () => {
    const { socket } = await h.connect('thuky');
    const answer = await ask(socket, 'audit:list', {});
    socket.disconnect();
    expect(answer.ok ? 'ok' : answer.error.code).toBe('FORBIDDEN');
  });

  it.each([
    ['a detail changed', 'altered', 2, `detail = '{"forged":true}'`],
    ['an actor changed', 'altered', 3, `actor_id = NULL`],
  ])('names the row when %s', async (_what, kind, index, change) => {
    const row = (await rowsOf(meetingId))[index]!;
    await tamper([`UPDATE audit_log SET ${change} WHERE id = ${row.id}`]);
    await expectBroken(kind, row.id);
    await tamper([`DELETE FROM audit_log WHERE id = ${row.id}`, reinsert(row)]);
    await expectIntact();
  });

  it('names the row after a deleted middle row, and a cut tail', async () => {
    const rows = await rowsOf(meetingId);
    const middle = rows[4]!;
    await tamper([`DELETE FROM audit_log WHERE id = ${middle.id}`]);
    await expectBroken('unlinked', rows[5]!.id);
    await tamper([reinsert(middle)]);
    await expectIntact();

    const tail = rows.slice(-2);
    await tamper(tail.map((r) => `DELETE FROM audit_log WHERE id = ${r.id}`));
    await expectBroken('cut', rows.at(-3)!.id);
    await tamper(tail.map(reinsert));
    await expectIntact();
  });
  it('works with the server stopped: the file read directly, a backup made by the CLI and checked', async () => {
    await h.stop();
    try {
      const where = h.databaseUrl ? ['--database', h.databaseUrl] : [];
      const direct = await verify();
      expect(direct.code, direct.out).toBe(0);
      expect(direct.out).not.toContain('running server');
      const out = `${h.dataDir}-backup`;
      const made = await cabinet(['backup', out, '--data', h.dataDir, ...where]);
      expect(made.code, made.err).toBe(0);
      expect(made.out).not.toContain('running server');
      if (!h.databaseUrl) {
        const copy = await cabinet(['audit', 'verify', '--data', out]);
        expect(copy.code, copy.out).toBe(0);
      }
      rmSync(out, { recursive: true, force: true });
    } finally {
      await h.start();
    }
  });
});

async function expectBroken(kind: string, rowId: number): Promise<void> {
  const checked = (await listed()).chains!;
  const broken = checked.filter((c) => c.problem);
  expect(broken).toEqual([
    expect.objectContaining({ chain: meetingId, problem: expect.objectContaining({ kind, rowId }) }),
  ]);
  expect(broken[0]!.meetingTitle).toBeTruthy();
  const cli = await verify();
  expect(cli.code, cli.out).toBe(1);
  expect(cli.out).toMatch(new RegExp(`BROKEN .*${meetingId}.*row ${rowId}`));
}

async function expectIntact(): Promise<void> {
  expect((await listed()).chains!.filter((c) => c.problem)).toEqual([]);
  expect((await verify()).code).toBe(0);
}
