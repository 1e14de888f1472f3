import { join } from 'node:path';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryClientStore, MeetingClient, type MeetingState } from '../../shared/client/index.js';
import { SYSTEM_ACTOR_ID } from '../../shared/protocol/index.js';
import { DATABASE_FILE } from '../../server/db/open-store.js';
import { openPostgresStore } from '../../server/db/postgres-store.js';
import type { Db } from '../../server/db/schema.js';
import { openSqliteStore } from '../../server/db/sqlite-store.js';
import type { Store } from '../../server/db/store.js';
import { COMMAND_HANDLERS } from '../../server/sync/command-handlers.js';
import { CommandRunner } from '../../server/sync/command-runner.js';
import { findUserByUsername } from '../../server/users/user-queries.js';
import { ask, startHarness, waitFor, type Harness } from '../support/server-harness.js';
import { joinMeeting, must, waitForVote, yesNoVote } from '../support/vote-fixtures.js';

let h: Harness;
const closers: Array<() => void | Promise<void>> = [];
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await h.cleanup();
});

const quiet = { error: () => undefined, warn: () => undefined };

async function count(db: Db, table: 'commands' | 'agenda_items', id: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Another node's connection to the server's database: a second connection to the SQLite
 * file (which the server must have let go of), or another pool on the PostgreSQL database.
 */
async function openNode(): Promise<Store> {
  const store = h.databaseUrl
    ? await openPostgresStore(h.databaseUrl)
    : openSqliteStore(join(h.dataDir, DATABASE_FILE), undefined, { exclusive: false });
  closers.push(() => store.close());
  return store;
}

/**
 * A node whose next transaction lets `first` run to its end just before it starts: another
 * node applying the same command at that moment.
 */
function racedNode(store: Store, first: () => Promise<void>): Store {
  let raced = false;
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'transaction') {
        return async <T>(work: (tx: Db) => Promise<T>): Promise<T> => {
          if (!raced) {
            raced = true;
            await first();
          }
          return target.transaction(work);
        };
      }
      return Reflect.get(target, prop, target) as unknown;
    },
  });
}

describe('a command applied exactly once', () => {
  it('answers the first receipt when another node applied the same command id a moment before', async () => {
    // Two nodes on one database: the server (which holds a SQLite file alone) steps aside for them.
    await h.stop();
    const other = await openNode();
    const secretary = await findUserByUsername(other.db, 'thuky');
    if (!secretary) throw new Error('no secretary');
    const meetingId = (await other.db.selectFrom('meetings').select('id').executeTakeFirstOrThrow()).id;
    const command = {
      commandId: uuidv7(),
      meetingId,
      itemId: uuidv7(),
      parentId: null,
      title: 'Mục thêm từ hai máy chủ',
      presenter: '',
      plannedMinutes: 5,
    };
    const nodeB = new CommandRunner(other, COMMAND_HANDLERS, { published: () => undefined }, quiet);
    let firstAnswer: unknown;
    const raced = racedNode(await openNode(), async () => {
      firstAnswer = await nodeB.execute(secretary, 'agenda:add-item', command);
    });
    const nodeA = new CommandRunner(raced, COMMAND_HANDLERS, { published: () => undefined }, quiet);

    const answer = await nodeA.execute(secretary, 'agenda:add-item', command);
    expect(firstAnswer).toMatchObject({ ok: true, data: { replayed: false } });
    expect(answer).toMatchObject({ ok: true, data: { commandId: command.commandId, replayed: true } });
    expect(await count(other.db, 'commands', command.commandId)).toBe(1);
    expect(await count(other.db, 'agenda_items', command.itemId)).toBe(1);
  });

  it('keeps a command answered INTERNAL in the outbox and sends it again until it is applied, once', async () => {
    const client = new MeetingClient({
      store: new MemoryClientStore(),
      fetch,
      socketOptions: { transports: ['websocket'] },
    });
    closers.push(() => client.stop());
    expect(
      (await client.login({ serverUrl: h.server.url, username: 'thuky', password: h.account('thuky').password })).ok,
    ).toBe(true);
    const meeting = () => Object.values(client.getState().meetings)[0] as MeetingState;
    await waitFor(() => client.getState().connection === 'online' && meeting() !== undefined);
    const itemId = uuidv7();

    // The server cannot write for a moment (a full disk, a locked file): every command fails
    // at its last write, the audit row, after its agenda item, change and receipt were written.
    // (Renaming the table works alike on both engines; a missing table fails the statement.)
    const db = h.server.store.db;
    const probe = await h.connect('thuky'); // signed in first: a sign-in writes an audit row too
    await sql`ALTER TABLE audit_log RENAME TO audit_log_unwritable`.execute(db);
    const sent = client.send('agenda:add-item', {
      meetingId: meeting().meeting.id,
      itemId,
      parentId: null,
      title: 'Báo cáo kinh tế - xã hội',
      presenter: '',
      plannedMinutes: 10,
    });
    let settled = false;
    void sent.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 1500));
    expect(settled).toBe(false);
    expect(client.getState().pendingCommands).toBe(1);
    expect(client.getState().rejected).toEqual([]);

    expect(await count(db, 'agenda_items', itemId)).toBe(0);
    // What the client was told meanwhile: INTERNAL, as any command is now.
    expect(
      await ask(probe.socket, 'agenda:add-item', {
        commandId: uuidv7(),
        meetingId: meeting().meeting.id,
        itemId: uuidv7(),
        parentId: null,
        title: 'Thử khi không ghi được',
        presenter: '',
        plannedMinutes: 5,
      }),
    ).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    await sql`ALTER TABLE audit_log_unwritable RENAME TO audit_log`.execute(db);
    expect(await sent).toMatchObject({ ok: true });
    expect(client.getState().pendingCommands).toBe(0);
    expect(await count(db, 'agenda_items', itemId)).toBe(1);
    await waitFor(() => meeting().agenda.some((i) => i.id === itemId));
  });

  it('records a vote closed by its deadline as done by the system, not by whoever opened it', async () => {
    const chair = await joinMeeting(h, 'chutoa');
    const meetingId = chair.meeting.id;
    const vote = yesNoVote({ durationSeconds: 60 });
    await must(chair.socket, 'vote:create', { meetingId, ...vote });
    await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
    await h.server.store.db
      .updateTable('votes')
      .set({ closes_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', vote.voteId)
      .execute();
    await h.restart();
    await waitForVote(h, vote.voteId, (v) => v.status === 'closed', 5000, 'closed at its deadline');

    const db = h.server.store.db;
    expect(
      await db.selectFrom('votes').select(['opened_by', 'closed_by']).where('id', '=', vote.voteId).executeTakeFirst(),
    ).toEqual({
      opened_by: chair.userId,
      closed_by: SYSTEM_ACTOR_ID,
    });
    expect(await db.selectFrom('commands').select('user_id').where('name', '=', 'vote:close').execute()).toEqual([
      { user_id: SYSTEM_ACTOR_ID },
    ]);
    expect(
      await db.selectFrom('meeting_changes').select('actor_id').where('type', '=', 'vote:closed').execute(),
    ).toEqual([{ actor_id: SYSTEM_ACTOR_ID }]);
    expect(await db.selectFrom('audit_log').select('actor_id').where('action', '=', 'vote:close').execute()).toEqual([
      { actor_id: SYSTEM_ACTOR_ID },
    ]);
  });
});
