import { createHash } from 'node:crypto';
import type { Db } from '../db/schema.js';
import { isRetryableConflict, type Store } from '../db/store.js';
import type { MarkAges, MarkCounts, ThrottleState, ThrottleView } from './login-throttle-state.js';

export interface PostgresThrottleOptions {
  /**
   * A slot older than this is taken to belong to an attempt whose node died mid-check (a
   * password check takes well under a second): it no longer counts and is deleted.
   */
  deadSlotMs?: number;
  /** A waiting attempt looks again after a random pause in this range (ms): spread, so waiters do not knock together. */
  pollMs?: [number, number];
}

/** Attempts to run a settling or a reservation that PostgreSQL aborted to break a deadlock. */
const TRIES = 3;

/**
 * The throttle's marks in `sign_in_marks`, shared by every node on one PostgreSQL: an
 * attacker spreading guesses over the nodes meets one count. Keys are stored as SHA-256 hex,
 * so the table never holds a name someone typed (often a password typed in the wrong box).
 *
 * `exclusive` is one transaction that first takes an advisory lock per key, in sorted order
 * so that two reservations sharing keys never wait on each other in a circle. At READ
 * COMMITTED each statement after the locks sees every mark committed by whoever held them
 * before, so failures plus slots cannot pass a limit across nodes.
 */
export class PostgresThrottleState implements ThrottleState {
  private readonly deadSlotMs: number;
  private readonly poll: [number, number];

  constructor(
    private readonly store: Store,
    options: PostgresThrottleOptions = {},
  ) {
    this.deadSlotMs = options.deadSlotMs ?? 2 * 60_000;
    this.poll = options.pollMs ?? [50, 100];
  }

  readonly pollMs = (): number => {
    const [low, high] = this.poll;
    return low + Math.random() * (high - low);
  };

  async exclusive<T>(keys: readonly string[], work: (view: ThrottleView) => Promise<T>): Promise<T> {
    const locks = [...new Set(keys.map(hashKey))].sort();
    for (let tries = 1; ; tries++) {
      try {
        return await this.store.transaction(async (tx) => {
          for (const lock of locks) await this.store.lockName(tx, `sign-in:${lock}`);
          return work(this.view(tx));
        });
      } catch (error) {
        if (tries >= TRIES || !isRetryableConflict(error)) throw error;
      }
    }
  }

  /** Deletes many rows without the keys' locks: a rare deadlock with a settling is left to PostgreSQL to break. */
  async prune(now: number, ages: MarkAges): Promise<void> {
    await this.store.db
      .deleteFrom('sign_in_marks')
      .where((eb) =>
        eb.or([
          eb.and([eb('kind', '=', 'failure'), eb('at', '<=', now - ages.failure)]),
          eb.and([eb('kind', '=', 'success'), eb('at', '<=', now - ages.success)]),
          eb.and([eb('kind', '=', 'slot'), eb('at', '<=', now - this.deadSlotMs)]),
        ]),
      )
      .execute();
  }

  private view(tx: Db): ThrottleView {
    return {
      counts: async (keys, now, ages) => {
        const byHash = new Map(keys.map((key) => [hashKey(key), key]));
        const rows = await tx
          .selectFrom('sign_in_marks')
          .select(['key', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
          .where('key', 'in', [...byHash.keys()])
          .where((eb) =>
            eb.or([
              eb.and([eb('kind', '=', 'failure'), eb('at', '>', now - ages.failure)]),
              eb.and([eb('kind', '=', 'success'), eb('at', '>', now - ages.success)]),
              // Older slots belong to a node that died mid-check: they would block the key for ever.
              eb.and([eb('kind', '=', 'slot'), eb('at', '>', now - this.deadSlotMs)]),
            ]),
          )
          .groupBy(['key', 'kind'])
          .execute();
        const counts = new Map<string, MarkCounts>();
        for (const key of keys) counts.set(key, { failures: 0, successes: 0, slots: 0 });
        for (const row of rows) {
          const count = counts.get(byHash.get(row.key) ?? '');
          if (!count) continue;
          const n = Number(row.n);
          if (row.kind === 'failure') count.failures = n;
          else if (row.kind === 'success') count.successes = n;
          else count.slots = n;
        }
        return counts;
      },
      takeSlots: async (attempt, keys, now) => {
        await tx
          .insertInto('sign_in_marks')
          .values(keys.map((key) => ({ key: hashKey(key), kind: 'slot' as const, attempt, at: now })))
          .execute();
      },
      dropSlots: async (attempt) => {
        await tx.deleteFrom('sign_in_marks').where('attempt', '=', attempt).where('kind', '=', 'slot').execute();
      },
      add: async (kind, keys, at) => {
        if (keys.length === 0) return;
        await tx
          .insertInto('sign_in_marks')
          .values(keys.map((key) => ({ key: hashKey(key), kind, attempt: null, at })))
          .execute();
      },
      forgetFailures: async (keys) => {
        if (keys.length === 0) return;
        await tx
          .deleteFrom('sign_in_marks')
          .where('key', 'in', keys.map(hashKey))
          .where('kind', '=', 'failure')
          .execute();
      },
    };
  }
}

/** What `sign_in_marks` keeps of a throttle key: its SHA-256, never the address or name itself. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
