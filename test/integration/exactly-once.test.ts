import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryClientStore, MeetingClient, type MeetingState } from '../../shared/client/index.js';
import { SYSTEM_ACTOR_ID } from '../../shared/protocol/index.js';
import { openDatabase, type Database } from '../../server/db/database.js';
import { COMMAND_HANDLERS } from '../../server/sync/command-handlers.js';
import { CommandRunner } from '../../server/sync/command-runner.js';
import { findUserByUsername } from '../../server/users/user-queries.js';
import { startHarness, waitFor, type Harness } from '../support/server-harness.js';
import { currentVote, joinMeeting, must, yesNoVote } from '../support/vote-fixtures.js';

let h: Harness;
const closers: Array<() => void> = [];
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  for (const c of closers.splice(0)) c();
  await h.cleanup();
});

const quiet = { error: () => undefined, warn: () => undefined };
const count = (db: Database, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

/**
 * A connection whose next write transaction lets `first` run just before it starts: another
 * node (another connection to the same database) applying the same command at that moment.
 */
function racedConnection(file: string, first: () => void): Database {
  const db = openDatabase(file, undefined, { exclusive: false });
  closers.push(() => db.close());
  let raced = false;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') {
        return (fn: (...a: unknown[]) => unknown) => {
          const tx = target.transaction(fn);
          return Object.assign((...a: unknown[]) => tx(...a), {
            immediate: (...a: unknown[]) => {
              if (!raced) {
                raced = true;
                first();
              }
              return tx.immediate(...a);
            },
          });
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('a command applied exactly once', () => {
  it('answers the first receipt when another node applied the same command id a moment before', async () => {
    // Two nodes on one file: the server (which holds its file alone) steps aside for them.
    await h.stop();
    const file = join(h.dataDir, 'cabinet.sqlite');
    const other = openDatabase(file, undefined, { exclusive: false });
    closers.push(() => other.close());
    const secretary = findUserByUsername(other, 'thuky');
    if (!secretary) throw new Error('no secretary');
    const meetingId = (other.prepare('SELECT id FROM meetings').get() as { id: string }).id;
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
    const raced = racedConnection(file, () => {
      firstAnswer = nodeB.execute(secretary, 'agenda:add-item', command);
    });
    const nodeA = new CommandRunner(raced, COMMAND_HANDLERS, { published: () => undefined }, quiet);

    const answer = nodeA.execute(secretary, 'agenda:add-item', command);
    expect(firstAnswer).toMatchObject({ ok: true, data: { replayed: false } });
    expect(answer).toMatchObject({ ok: true, data: { commandId: command.commandId, replayed: true } });
    expect(count(other, 'SELECT COUNT(*) AS n FROM commands WHERE id = ?', command.commandId)).toBe(1);
    expect(count(other, 'SELECT COUNT(*) AS n FROM agenda_items WHERE id = ?', command.itemId)).toBe(1);
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

    // The server cannot write for a moment (a full disk, a locked file): every write fails.
    h.server.db.pragma('query_only = ON');
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

    h.server.db.pragma('query_only = OFF');
    expect(await sent).toMatchObject({ ok: true });
    expect(client.getState().pendingCommands).toBe(0);
    expect(count(h.server.db, 'SELECT COUNT(*) AS n FROM agenda_items WHERE id = ?', itemId)).toBe(1);
    await waitFor(() => meeting().agenda.some((i) => i.id === itemId));
  });

  it('records a vote closed by its deadline as done by the system, not by whoever opened it', async () => {
    const chair = await joinMeeting(h, 'chutoa');
    const meetingId = chair.meeting.id;
    const vote = yesNoVote({ durationSeconds: 60 });
    await must(chair.socket, 'vote:create', { meetingId, ...vote });
    await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
    h.server.db.prepare("UPDATE votes SET closes_at = '2000-01-01T00:00:00.000Z' WHERE id = ?").run(vote.voteId);
    await h.restart();
    await waitFor(() => currentVote(h, vote.voteId).status === 'closed', 5000, 'closed at its deadline');

    const db = h.server.db;
    expect(db.prepare('SELECT opened_by, closed_by FROM votes WHERE id = ?').get(vote.voteId)).toEqual({
      opened_by: chair.userId,
      closed_by: SYSTEM_ACTOR_ID,
    });
    expect(db.prepare("SELECT user_id FROM commands WHERE name = 'vote:close'").all()).toEqual([
      { user_id: SYSTEM_ACTOR_ID },
    ]);
    expect(db.prepare("SELECT actor_id FROM meeting_changes WHERE type = 'vote:closed'").all()).toEqual([
      { actor_id: SYSTEM_ACTOR_ID },
    ]);
    expect(db.prepare("SELECT actor_id FROM audit_log WHERE action = 'vote:close'").all()).toEqual([
      { actor_id: SYSTEM_ACTOR_ID },
    ]);
  });
});
