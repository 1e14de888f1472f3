import type { Store } from '../../server/db/store.js';
import type { MeetingSnapshot } from '../../shared/protocol/index.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { connectSocket, syncAll, type Harness, type TestSocket } from './server-harness.js';

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
          if (prop !== 'insertInto') return (value as (...a: unknown[]) => unknown).bind(t);
          return (table: string) => {
            const insert = (value as (x: string) => { values(v: unknown): unknown }).call(t, table);
            if (table !== 'commands') return insert;
            return new Proxy(insert, {
              get(i, p) {
                const v = Reflect.get(i, p, i) as unknown;
                if (p === 'values') {
                  return (row: { name?: string }) => {
                    names.push(String(row.name));
                    return insert.values(row);
                  };
                }
                return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(i) : v;
              },
            });
          };
        },
      });
      return work(watched);
    });
  };
  return { batches, restore: () => (target.transaction = original) };
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
