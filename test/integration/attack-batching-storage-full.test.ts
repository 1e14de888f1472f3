import { describe, expect, it } from 'vitest';
import { RETRYABLE_ERRORS, type Ack, type CommandReceipt } from '../../shared/protocol/index.js';
import { verifyAuditChain } from '../../server/audit/audit-log.js';
import type { SqliteStore } from '../../server/db/sqlite-store.js';
import { adminQuery } from '../support/postgres.js';
import { ROOMY_LIMITS, agendaItem, tabsOf } from '../support/attack-batching.js';
import { ask, type Harness } from '../support/server-harness.js';
import { loggedSeqs } from '../support/stored-meeting.js';
import { serverEachTest } from '../support/server-each-test.js';
import { joinMeeting } from '../support/vote-fixtures.js';

/**
 * The disk fills in the middle of a group-commit batch. SQLite rolls the whole transaction
 * back on SQLITE_FULL (not just the statement), so the savepoint of the failing command is
 * gone with it; PostgreSQL fails the statement (53100) and the savepoint takes it back.
 * Either way: no command is answered ok that is not on the disk, none is applied twice when
 * the client sends it again, and the log and the audit chain stay whole.
 */
const { h, sockets } = serverEachTest(ROOMY_LIMITS);

const addItem = (meetingId: string, size: number) =>
  agendaItem(meetingId, `Mục ${'dài '.repeat(size * 4)}`, 'Sở Tài chính '.repeat(size));

/**
 * Makes the store refuse writes the way a full disk does, until `free()`. SQLite: `headroom`
 * pages left, so the batch runs out somewhere in it (in a statement SQLite can take back
 * alone, or in one where it rolls back the whole transaction). PostgreSQL: every fourth
 * change-log row meets a full disk (SQLSTATE 53100).
 */
async function fillStorage(headroom: number): Promise<{ free(): Promise<void> }> {
  if (!h.databaseUrl) {
    const raw = (h.server.store as SqliteStore).raw;
    const pages = raw.pragma('page_count', { simple: true }) as number;
    raw.pragma(`max_page_count = ${pages + headroom}`);
    return { free: async () => void raw.pragma('max_page_count = 1073741823') };
  }
  await adminQuery(
    `CREATE SEQUENCE IF NOT EXISTS attack_full_rows;
     CREATE OR REPLACE FUNCTION attack_full() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF nextval('attack_full_rows') % 4 = 0 THEN
           RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100';
         END IF;
         RETURN NEW;
       END $$;
     CREATE TRIGGER attack_full BEFORE INSERT ON meeting_changes FOR EACH ROW EXECUTE FUNCTION attack_full();`,
    [],
    h.databaseUrl,
  );
  return {
    free: async () => void (await adminQuery('DROP TRIGGER attack_full ON meeting_changes', [], h.databaseUrl)),
  };
}

/** Whether the batch's transaction broke as a whole (SQLite's rollback of everything), seen from the store. */
function watchBrokenBatches(): { broken: string[]; restore(): void } {
  const store = h.server.store as { transaction: Harness['server']['store']['transaction'] };
  const original = store.transaction;
  const broken: string[] = [];
  store.transaction = async (work) => {
    try {
      return await original(work);
    } catch (error) {
      broken.push(String((error as { code?: unknown }).code));
      throw error;
    }
  };
  return { broken, restore: () => (store.transaction = original) };
}

async function stored(commandId: string): Promise<number> {
  const rows = await h.server.store.db.selectFrom('commands').select('id').where('id', '=', commandId).execute();
  return rows.length;
}

describe('a full disk in the middle of a batch', () => {
  it('answers ok only what is stored, and a command sent again after space is freed is applied once', async () => {
    const secretary = await joinMeeting(h, 'thuky');
    const meetingId = secretary.meeting.id;
    const many = await tabsOf(h, h.server.url, 'thuky', 8, sockets);
    const watch = watchBrokenBatches();
    let partly = 0;
    try {
      for (let round = 0; round < 18; round++) {
        const commands = many.map(() => addItem(meetingId, 1 + (round % 5)));
        const storage = await fillStorage(1 + (round % 6));
        let first: Array<Ack<CommandReceipt>>;
        try {
          first = await Promise.all(many.map((s, i) => ask<CommandReceipt>(s, 'agenda:add-item', commands[i])));
        } finally {
          await storage.free();
        }
        if (first.some((a) => a.ok) && first.some((a) => !a.ok)) partly += 1;
        // Every answer tells the truth about the disk; a refusal is no verdict (the client keeps it).
        for (const [i, answer] of first.entries()) {
          expect(await stored(commands[i]?.commandId ?? '')).toBe(answer.ok ? 1 : 0);
          if (!answer.ok) expect(RETRYABLE_ERRORS.has(answer.error.code)).toBe(true);
        }
        const again = await Promise.all(many.map((s, i) => ask<CommandReceipt>(s, 'agenda:add-item', commands[i])));
        for (const [i, answer] of again.entries()) {
          expect(answer.ok && answer.data.replayed).toBe(first[i]?.ok === true);
          expect(await stored(commands[i]?.commandId ?? '')).toBe(1);
        }
      }
    } finally {
      watch.restore();
    }
    // Both ways a full disk breaks a batch were met: some commands of a batch kept and the rest
    // refused, and (SQLite) the whole transaction rolled back under the savepoints.
    expect(partly).toBeGreaterThan(0);
    if (!h.databaseUrl) expect(watch.broken.length).toBeGreaterThan(0);

    const seqs = await loggedSeqs(h, meetingId);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(await verifyAuditChain(h.server.store.db)).toBeNull();
    const applied = await h.server.store.db.selectFrom('commands').select('id').execute();
    expect(new Set(applied.map((r) => r.id)).size).toBe(applied.length);

    // What was answered ok survives a restart.
    const count = applied.length;
    await h.restart();
    expect(await h.server.store.db.selectFrom('commands').select('id').execute()).toHaveLength(count);
  });
});
