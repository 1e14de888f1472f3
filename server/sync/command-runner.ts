import { createHash } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import {
  COMMAND_SCHEMAS,
  hasPrototypeKey,
  protocolError,
  validationError,
  type Ack,
  type Change,
  type CommandName,
  type CommandReceipt,
} from '../../shared/protocol/index.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Db } from '../db/schema.js';
import { isRetryableConflict, isStorageFull, type Store } from '../db/store.js';
import type { UserRecord } from '../users/user-queries.js';
import { appendChange } from './change-log.js';
import { CommandRejected, PERSONAL_COMMANDS, type CommandEffect, type CommandHandlers } from './command-types.js';
import type { SignatureServices } from '../certificates/signature-services.js';
import { firstRow, preparedQuery } from '../db/prepared-query.js';

export interface CommandPublisher {
  /** Called after commit with what the command changed. */
  published(changes: Change[], accessChanged: string[], meetingId: string, effect: CommandEffect): void | Promise<void>;
}

interface Logger {
  error(obj: unknown, msg: string): void;
  warn(obj: unknown, msg: string): void;
}

type Outcome =
  | { kind: 'replay'; answer: Ack<CommandReceipt> }
  | { kind: 'applied'; receipt: CommandReceipt; changes: Change[]; effect: CommandEffect };

/** A validated command waiting for its batch. */
interface Queued {
  actor: UserRecord;
  name: CommandName;
  command: { commandId: string };
  payloadHash: string;
  system: boolean;
  answer: (answer: Ack<CommandReceipt>) => void;
  /** Runs so far that a deadlock or conflict broke. */
  conflicts: number;
}

/** A transaction the database broke to end a deadlock is run again, a few times. */
const CONFLICT_RETRIES = 3;

/**
 * Commands of one meeting that arrive while its previous batch is being written share one
 * transaction, hence one fsync: 500 ballots cast together were 500 commits. Each still runs
 * in its own savepoint, so a refused or failed command leaves no trace and the others stand,
 * and each is answered only after the commit that holds it. A batch is kept small enough
 * that the first in it are not kept waiting for long: a commit costs a fraction of a
 * millisecond here, a ballot's statements about one.
 */
const MAX_BATCH = 50;

/**
 * Runs every command the same way: validate, then in one transaction lock, look up the
 * command id, check rules, write state, change-log rows, the receipt and the audit row;
 * answer and publish only after the commit.
 *
 * The locks make this hold with several nodes on one PostgreSQL: the command id's lock
 * first, so the same command sent to two nodes at once is applied once and the other
 * answers with the first receipt (its lookup runs after the first commit); then the
 * meeting's row, so that every command of a meeting runs after the one before it, and a
 * rule checked here (the last secretary, a vote still open) still holds when it commits.
 * On SQLite the one connection already runs transactions one at a time.
 */
export class CommandRunner {
  private eraseOwed = false;
  /** Per meeting (commands without one share ''): what waits, and whether a batch is running. */
  private readonly lines = new Map<string, { waiting: Queued[]; running: boolean }>();

  constructor(
    private readonly store: Store,
    private readonly handlers: CommandHandlers,
    private readonly publisher: CommandPublisher,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
    private readonly signatures?: SignatureServices,
  ) {}

  execute(
    actor: UserRecord,
    name: CommandName,
    raw: unknown,
    options: { system?: boolean } = {},
  ): Promise<Ack<CommandReceipt>> {
    if (hasPrototypeKey(raw)) {
      return Promise.resolve({
        ok: false,
        error: protocolError('VALIDATION_FAILED', [{ path: '__proto__', message: 'not allowed' }]),
      });
    }
    const parsed = COMMAND_SCHEMAS[name].safeParse(raw);
    if (!parsed.success) return Promise.resolve({ ok: false, error: validationError(parsed.error) });
    const command = parsed.data;
    const payloadHash = createHash('sha256')
      .update(JSON.stringify(fingerprint(name, command)))
      .digest('hex');
    return new Promise((answer) => {
      const queued = { actor, name, command, payloadHash, system: options.system ?? false, answer, conflicts: 0 };
      this.enqueue(lineOf(queued), queued);
    });
  }

  private enqueue(key: string, queued: Queued): void {
    let line = this.lines.get(key);
    if (!line) {
      line = { waiting: [], running: false };
      this.lines.set(key, line);
    }
    line.waiting.push(queued);
    if (!line.running) {
      line.running = true;
      // What arrives in this turn of the event loop joins the first batch.
      setImmediate(() => void this.drain(key));
    }
  }

  private async drain(key: string): Promise<void> {
    const line = this.lines.get(key);
    if (!line) return;
    try {
      while (line.waiting.length > 0) {
        await this.runBatch(line.waiting.splice(0, MAX_BATCH));
        // SQLite answers synchronously, so without this a long queue would never let the event
        // loop read the sockets: the next batch would not grow, nor other meetings be heard.
        if (line.waiting.length > 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      line.running = false;
      this.lines.delete(key);
    }
  }

  private async runBatch(batch: Queued[]): Promise<void> {
    let results: Array<Outcome | { kind: 'failed'; error: unknown }>;
    try {
      results = await this.store.transaction(async (tx) => {
        const done: Array<Outcome | { kind: 'failed'; error: unknown }> = [];
        // A batch of one needs no savepoint: its failure rolls back the transaction.
        if (batch.length === 1) {
          const [only] = batch as [Queued];
          done.push(await this.apply(tx, only, this.now()));
          return done;
        }
        // Every command id's lock first, in one order on every node, then (in apply) the
        // meeting's: a batch holding the meeting while it waits for a command id another
        // node's batch holds, which waits for the meeting, would deadlock (PostgreSQL ends
        // that only after deadlock_timeout, stalling the meeting each time).
        const ids = [...new Set(batch.map((q) => q.command.commandId))].sort();
        for (const id of ids) await this.store.lockName(tx, `command:${id}`);
        for (const queued of batch) {
          await tx.executeQuery(SAVEPOINT);
          try {
            done.push(await this.apply(tx, queued, this.now()));
            await tx.executeQuery(RELEASE_SAVEPOINT);
          } catch (error) {
            try {
              await tx.executeQuery(ROLLBACK_TO_SAVEPOINT);
              await tx.executeQuery(RELEASE_SAVEPOINT);
            } catch {
              // SQLite rolled the whole transaction back itself (SQLITE_FULL on a statement
              // with no journal of its own): the batch fails with the error that says why.
              throw error;
            }
            done.push({ kind: 'failed', error });
          }
        }
        return done;
      });
    } catch (error) {
      // Nothing of the batch was committed. A broken deadlock runs each again alone.
      if (batch.length === 1) this.failed(batch[0] as Queued, error);
      else if (isRetryableConflict(error)) for (const queued of batch) await this.runBatch([queued]);
      else for (const queued of batch) this.failed(queued, error);
      return;
    }
    for (const [i, result] of results.entries()) {
      const queued = batch[i] as Queued;
      if (result.kind === 'failed') this.failed(queued, result.error);
      else if (result.kind === 'replay') queued.answer(result.answer);
      else await this.committed(queued, result);
    }
  }

  private async committed(queued: Queued, outcome: Extract<Outcome, { kind: 'applied' }>): Promise<void> {
    if (outcome.effect.eraseOldRowImages || this.eraseOwed) await this.eraseOldRowImages(queued.name);
    try {
      // Changes are queued for the room here and leave after this answer; document notices
      // (read back from the database) have gone out when the sender gets the receipt.
      await this.publisher.published(
        outcome.changes,
        outcome.effect.accessChanged ?? [],
        outcome.effect.meetingId,
        outcome.effect,
      );
    } catch (error) {
      this.logger.error({ err: error, command: queued.name }, 'publishing a committed command failed');
    }
    queued.answer({ ok: true, data: outcome.receipt });
  }

  private failed(queued: Queued, error: unknown): void {
    if (error instanceof CommandRejected) {
      queued.answer({ ok: false, error: protocolError(error.code, undefined, error.localized) });
      return;
    }
    if (isRetryableConflict(error) && queued.conflicts < CONFLICT_RETRIES) {
      queued.conflicts += 1;
      this.enqueue(lineOf(queued), queued);
      return;
    }
    const code = isStorageFull(error) ? 'STORAGE_FULL' : 'INTERNAL';
    this.logger.error({ err: error, command: queued.name, commandId: queued.command.commandId }, 'command failed');
    queued.answer({ ok: false, error: protocolError(code) });
  }

  private async apply(tx: Db, queued: Queued, now: Date): Promise<Outcome> {
    const { actor, name, command, payloadHash, system } = queued;
    const at = now.toISOString();
    await this.store.lockName(tx, `command:${command.commandId}`);
    const meetingId = (command as { meetingId?: unknown }).meetingId;
    if (PERSONAL_COMMANDS.has(name)) await this.store.lockName(tx, `annotations:${actor.id}`);
    else if (typeof meetingId === 'string') await this.store.lockMeeting(tx, meetingId);
    const seen = await firstRow(commandSeen(tx, { id: command.commandId }));
    if (seen) return { kind: 'replay', answer: replay(seen, actor.id, payloadHash) };
    // The handler is picked by name; its schema was applied by the caller.
    const handler = this.handlers[name] as (ctx: unknown, cmd: unknown) => Promise<CommandEffect>;
    const effect = await handler(
      {
        db: tx,
        dialect: this.store.dialect,
        actor,
        now,
        commandId: command.commandId,
        system,
        signatures: this.signatures,
      },
      command,
    );
    const meta = { meetingId: effect.meetingId, actorId: actor.id, commandId: command.commandId, at };
    const changes: Change[] = [];
    for (const c of effect.changes) changes.push(await appendChange(tx, meta, c));
    const seq = changes.at(-1)?.seq ?? (await currentSeq(tx, effect.meetingId));
    const receipt: CommandReceipt = { commandId: command.commandId, meetingId: effect.meetingId, seq, replayed: false };
    if (effect.receiptRev !== undefined) receipt.rev = effect.receiptRev;
    if (effect.receiptCounts) Object.assign(receipt, effect.receiptCounts);
    await recordCommand(tx, {
      id: command.commandId,
      user_id: actor.id,
      name,
      payload_hash: payloadHash,
      receipt: JSON.stringify(receipt),
      at,
    });
    if (effect.audit !== false)
      await appendAudit(tx, this.store, {
        at,
        actorId: actor.id,
        action: name,
        meetingId: effect.meetingId,
        detail: { commandId: command.commandId, seq, ...effect.auditDetail, ...effect.audit },
      });
    return { kind: 'applied', receipt, changes, effect };
  }

  private async eraseOldRowImages(name: CommandName): Promise<void> {
    // Should it not be sure (SQLite: a reader on a non-exclusive connection; PostgreSQL: a
    // transaction older than the seal still running), every later command tries again.
    try {
      this.eraseOwed = !(await this.store.eraseOldRowImages());
    } catch (error) {
      this.eraseOwed = true;
      this.logger.error({ err: error, command: name }, 'old row images not erased');
    }
    if (this.eraseOwed)
      this.logger.warn({ command: name }, 'old row images of a sealed ballot box not erased yet; retrying');
  }
}

/** Which line a command waits in: its author's for their own things, else its meeting's. */
function lineOf(queued: Pick<Queued, 'actor' | 'name' | 'command'>): string {
  if (PERSONAL_COMMANDS.has(queued.name)) return `user:${queued.actor.id}`;
  const meetingId = (queued.command as { meetingId?: unknown }).meetingId;
  return typeof meetingId === 'string' ? meetingId : '';
}

function replay(
  seen: { user_id: string; payload_hash: string; receipt: string },
  actorId: string,
  payloadHash: string,
): Ack<CommandReceipt> {
  if (seen.user_id !== actorId || seen.payload_hash !== payloadHash) {
    return { ok: false, error: protocolError('DUPLICATE_COMMAND_ID') };
  }
  return { ok: true, data: { ...(JSON.parse(seen.receipt) as CommandReceipt), replayed: true } };
}

/**
 * What a replayed command id is compared on. A ballot is compared on its vote only: the
 * commands table keeps this hash beside the user id, and a hash of a secret ballot's few
 * possible choices could be reversed.
 */
function fingerprint(name: CommandName, command: { commandId: string }): unknown {
  if (name === 'vote:cast') {
    const c = command as { commandId: string; meetingId: string; voteId: string };
    return [name, c.commandId, c.meetingId, c.voteId];
  }
  return [name, command];
}

async function currentSeq(tx: Db, meetingId: string): Promise<number> {
  const row = await tx.selectFrom('meetings').select('seq').where('id', '=', meetingId).executeTakeFirst();
  return row?.seq ?? 0;
}

const commandSeen = preparedQuery((db, v: { id: string }) =>
  db.selectFrom('commands').select(['user_id', 'payload_hash', 'receipt']).where('id', '=', v.id),
);

const recordCommand = preparedQuery(
  (db, r: { id: string; user_id: string; name: string; payload_hash: string; receipt: string; at: string }) =>
    db.insertInto('commands').values({
      id: r.id,
      user_id: r.user_id,
      name: r.name,
      payload_hash: r.payload_hash,
      receipt: r.receipt,
      at: r.at,
    }),
);

// Each command of a batch runs inside a savepoint; these run twice per ballot, so built once.
const SAVEPOINT = CompiledQuery.raw('SAVEPOINT command');
const RELEASE_SAVEPOINT = CompiledQuery.raw('RELEASE SAVEPOINT command');
const ROLLBACK_TO_SAVEPOINT = CompiledQuery.raw('ROLLBACK TO SAVEPOINT command');
