import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack, Change, CommandReceipt } from '../../shared/protocol/index.js';
import { DATABASE_FILE } from '../../server/db/open-store.js';
import { openPostgresStore } from '../../server/db/postgres-store.js';
import { openSqliteStore } from '../../server/db/sqlite-store.js';
import type { Store } from '../../server/db/store.js';
import { COMMAND_HANDLERS } from '../../server/sync/command-handlers.js';
import { CommandRunner } from '../../server/sync/command-runner.js';
import { findUserByUsername } from '../../server/users/user-queries.js';
import { startHarness, type Harness } from '../support/server-harness.js';
import { agendaItem } from '../support/vote-fixtures.js';

let h: Harness;
let store: Store;
beforeEach(async () => {
  h = await startHarness();
  // The runner under test holds the database alone: the harness's server steps aside.
  await h.stop();
  store = h.databaseUrl
    ? await openPostgresStore(h.databaseUrl)
    : openSqliteStore(join(h.dataDir, DATABASE_FILE), undefined, { exclusive: false });
});
afterEach(async () => {
  await store?.close();
  await h.cleanup();
});

const quiet = { error: () => undefined, warn: () => undefined };

/** The store, counting the transactions it is asked for. */
function counted(target: Store): { store: Store; transactions: () => number } {
  let n = 0;
  const proxy = new Proxy(target, {
    get(t, prop) {
      if (prop === 'transaction') {
        return <T>(work: Parameters<Store['transaction']>[0]) => {
          n += 1;
          return t.transaction(work) as Promise<T>;
        };
      }
      return Reflect.get(t, prop, t) as unknown;
    },
  });
  return { store: proxy, transactions: () => n };
}

describe('group commit', () => {
  it('writes commands that arrive together in one transaction; a refused one leaves no trace and the others stand', async () => {
    const secretary = await findUserByUsername(store.db, 'thuky');
    if (!secretary) throw new Error('no secretary');
    const meetingId = (await store.db.selectFrom('meetings').select('id').executeTakeFirstOrThrow()).id;
    const { store: watched, transactions } = counted(store);
    // What a subscriber sees when it is told: read outside the batch's transaction (on SQLite the
    // one connection: reading before the commit would wait for ever, on PostgreSQL see nothing).
    const seenWhenPublished: number[] = [];
    const runner = new CommandRunner(
      watched,
      COMMAND_HANDLERS,
      {
        published: async (changes: Change[]) => {
          for (const c of changes) {
            if (c.type !== 'agenda:item-added') continue;
            const row = await store.db
              .selectFrom('commands')
              .select('id')
              .where('id', '=', c.commandId)
              .executeTakeFirst();
            seenWhenPublished.push(row ? 1 : 0);
          }
        },
      },
      quiet,
    );
    const add = (i: number) => agendaItem(meetingId, `Mục ${i}`);
    const good = Array.from({ length: 30 }, (_, i) => add(i));
    const refused = { commandId: uuidv7(), meetingId, itemId: uuidv7(), baseVersion: 0, title: 'Không có' };
    const before = transactions();
    const answers: Array<Ack<CommandReceipt>> = await Promise.all([
      ...good.slice(0, 15).map((c) => runner.execute(secretary, 'agenda:add-item', c)),
      runner.execute(secretary, 'agenda:update-item', refused),
      ...good.slice(15).map((c) => runner.execute(secretary, 'agenda:add-item', c)),
    ]);
    expect(transactions() - before).toBe(1);
    expect(answers.filter((a) => a.ok)).toHaveLength(30);
    expect(answers[15]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Each receipt has its own seq, in the order the commands came.
    const seqs = answers.flatMap((a) => (a.ok ? [a.data.seq] : []));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(30);
    expect(seenWhenPublished).toEqual(Array.from({ length: 30 }, () => 1));
    const items = await store.db
      .selectFrom('agenda_items')
      .select('id')
      .where(
        'id',
        'in',
        good.map((c) => c.itemId),
      )
      .execute();
    expect(items).toHaveLength(30);
    const trace = await store.db
      .selectFrom('commands')
      .select('id')
      .where('id', '=', refused.commandId)
      .executeTakeFirst();
    expect(trace).toBeUndefined();
  });
});
