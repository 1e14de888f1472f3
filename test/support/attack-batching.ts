import { expect } from 'vitest';
import type { Store } from '../../server/db/store.js';
import type { MeetingClient, MeetingState } from '../../shared/client/index.js';
import type { MeetingSnapshot } from '../../shared/protocol/index.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { meetingSnapshot } from '../../server/meetings/meeting-queries.js';
import { connectSocket, syncAll, type Harness, type TestSocket } from './server-harness.js';
import type { CompiledQuery } from 'kysely';

export { meetingSeq } from './stored-meeting.js';
export { agendaItem } from './vote-fixtures.js';

/**
 * What the attack-batching tests share: a view of the runner's group-commit batches, tabs of
 * one sign-in, commands to fill batches with, and a meeting as a comparable value.
 */

/** An event budget that lets a test open and sync many tabs: the budget is not what is attacked. */
export const ROOMY_LIMITS = { socketLimits: { burst: 5000, eventsPerSecond: 5000 } };

/**
 * Records, for each transaction of the server's store, the names of the commands whose
 * receipts it wrote: a transaction with several is a group-commit batch. `restore()` stops.
 * The receipt is a statement compiled once (server/db/prepared-query.ts), so it is seen where
 * it runs: the transaction's `executeQuery`.
 */
export function watchBatches(store: Store): { batches: string[][]; restore(): void } {
  const batches: string[][] = [];
  const target = store as { transaction: Store['transaction'] };
  const original = target.transaction;
  target.transaction = (work) => {
    const names: string[] = [];
    batches.push(names);
    return original((tx) => {
      const watched = new Proxy(tx, {
        get(t, prop) {
          const value = Reflect.get(t, prop, t) as unknown;
          if (typeof value !== 'function') return value;
          if (prop !== 'executeQuery') return (value as (...a: unknown[]) => unknown).bind(t);
          return (query: CompiledQuery) => {
            const name = receiptCommandName(query);
            if (name !== null) names.push(name);
            return (value as (q: CompiledQuery) => unknown).call(t, query);
          };
        },
      });
      return work(watched);
    });
  };
  return { batches, restore: () => (target.transaction = original) };
}

/** The command name of an INSERT of a receipt into `commands`, or null for any other statement. */
function receiptCommandName(query: CompiledQuery): string | null {
  const columns = /^insert into "commands" \(([^)]*)\)/.exec(query.sql)?.[1];
  if (columns === undefined) return null;
  const at = columns.split(',').findIndex((c) => c.trim() === '"name"');
  return at === -1 ? null : String(query.parameters[at]);
}

/** `n` sockets of one sign-in (tabs of one browser: at most 8), each synced. */
export async function tabsOf(
  h: Pick<Harness, 'login'>,
  url: string,
  username: string,
  n: number,
  opened: TestSocket[],
): Promise<TestSocket[]> {
  const login = await h.login(username);
  const out: TestSocket[] = [];
  for (let i = 0; i < n; i++) {
    const socket = await connectSocket(url, login.token);
    opened.push(socket);
    await syncAll(socket);
    out.push(socket);
  }
  return out;
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

/** A meeting as a comparable value: lists in a fixed order (a client appends, the database sorts). */
export function comparableMeeting(m: MeetingSnapshot) {
  return {
    seq: m.seq,
    meeting: m.meeting,
    agenda: [...m.agenda].sort(byId),
    participants: [...m.participants].sort((a, b) => a.userId.localeCompare(b.userId)),
    votes: [...m.votes].sort(byId).map((v) => ({ ...v, voterIds: v.voterIds ? [...v.voterIds].sort() : v.voterIds })),
    presentation: m.presentation,
    myBallots: [...m.myBallots].sort(),
  };
}

/** Every device holds the meeting as the database holds it for its user (named in a failure). */
export async function expectHeldAsStored(
  h: Pick<Harness, 'server'>,
  devices: ReadonlyArray<{ name: string; client: MeetingClient; userId: string }>,
  meetingId: string,
): Promise<void> {
  for (const d of devices) {
    const truth = (await meetingSnapshot(h.server.store.db, meetingId, d.userId)) as MeetingSnapshot;
    const mine = d.client.getState().meetings[meetingId] as MeetingState;
    expect({ device: d.name, ...comparableMeeting(mine) }).toEqual({ device: d.name, ...comparableMeeting(truth) });
  }
}

/** A second node of the harness's deployment: another server on its PostgreSQL database. */
export function secondNode(h: Pick<Harness, 'dataDir' | 'databaseUrl'>): Promise<RunningServer> {
  return startServer({
    dataDir: h.dataDir,
    databaseUrl: h.databaseUrl,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
  });
}
