import { createHash } from 'node:crypto';
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
import { truncateJournal, type Database } from '../db/database.js';
import type { UserRecord } from '../users/user-queries.js';
import { appendChange } from './change-log.js';
import { CommandRejected, type CommandEffect, type CommandHandlers } from './command-types.js';

export interface CommandPublisher {
  /** Called after commit with what the command changed. */
  published(changes: Change[], accessChanged: string[], meetingId: string): void;
}

interface Logger {
  error(obj: unknown, msg: string): void;
  warn(obj: unknown, msg: string): void;
}

type Outcome =
  | { kind: 'replay'; answer: Ack<CommandReceipt> }
  | { kind: 'applied'; receipt: CommandReceipt; changes: Change[]; effect: CommandEffect };

/**
 * Runs every command the same way: validate, then in one transaction look up the command
 * id, check rules, write state, change-log rows, the receipt and the audit row; publish only
 * after the commit. The id is looked up inside the transaction, under its write lock, so two
 * nodes (or two connections) given the same command at once apply it once and answer the
 * other with the first receipt.
 */
export class CommandRunner {
  private journalToTruncate = false;

  constructor(
    private readonly db: Database,
    private readonly handlers: CommandHandlers,
    private readonly publisher: CommandPublisher,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  execute(actor: UserRecord, name: CommandName, raw: unknown, options: { system?: boolean } = {}): Ack<CommandReceipt> {
    if (hasPrototypeKey(raw)) {
      return { ok: false, error: protocolError('VALIDATION_FAILED', [{ path: '__proto__', message: 'not allowed' }]) };
    }
    const parsed = COMMAND_SCHEMAS[name].safeParse(raw);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    const command = parsed.data;
    const payloadHash = createHash('sha256')
      .update(JSON.stringify(fingerprint(name, command)))
      .digest('hex');

    const now = this.now();
    const at = now.toISOString();
    let outcome: Outcome;
    try {
      outcome = this.db
        .transaction((): Outcome => {
          const seen = this.db
            .prepare('SELECT user_id, payload_hash, receipt FROM commands WHERE id = ?')
            .get(command.commandId) as { user_id: string; payload_hash: string; receipt: string } | undefined;
          if (seen) return { kind: 'replay', answer: replay(seen, actor.id, payloadHash) };
          // The handler is picked by name; its schema was applied just above.
          const handler = this.handlers[name] as (ctx: unknown, cmd: unknown) => CommandEffect;
          const effect = handler(
            { db: this.db, actor, now, commandId: command.commandId, system: options.system ?? false },
            command,
          );
          const meta = { meetingId: effect.meetingId, actorId: actor.id, commandId: command.commandId, at };
          const changes = effect.changes.map((c) => appendChange(this.db, meta, c));
          const seq = changes.at(-1)?.seq ?? currentSeq(this.db, effect.meetingId);
          const receipt: CommandReceipt = {
            commandId: command.commandId,
            meetingId: effect.meetingId,
            seq,
            replayed: false,
          };
          this.db
            .prepare('INSERT INTO commands (id, user_id, name, payload_hash, receipt, at) VALUES (?, ?, ?, ?, ?, ?)')
            .run(command.commandId, actor.id, name, payloadHash, JSON.stringify(receipt), at);
          appendAudit(this.db, {
            at,
            actorId: actor.id,
            action: name,
            meetingId: effect.meetingId,
            detail: { commandId: command.commandId, seq, ...effect.auditDetail },
          });
          return { kind: 'applied', receipt, changes, effect };
        })
        .immediate();
    } catch (error) {
      if (error instanceof CommandRejected) {
        return { ok: false, error: protocolError(error.code, undefined, error.localized) };
      }
      this.logger.error({ err: error, command: name, commandId: command.commandId }, 'command failed');
      return { ok: false, error: protocolError('INTERNAL') };
    }
    if (outcome.kind === 'replay') return outcome.answer;
    if (outcome.effect.truncateJournal || this.journalToTruncate) {
      // Held alone by this server, the file always truncates; should it not (a reader on
      // a non-exclusive connection), every later commit tries again until it does.
      this.journalToTruncate = !truncateJournal(this.db);
      if (this.journalToTruncate) this.logger.warn({ command: name }, 'write-ahead log not truncated yet; retrying');
    }
    this.publisher.published(outcome.changes, outcome.effect.accessChanged ?? [], outcome.effect.meetingId);
    return { ok: true, data: outcome.receipt };
  }
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

function currentSeq(db: Database, meetingId: string): number {
  return (db.prepare('SELECT seq FROM meetings WHERE id = ?').get(meetingId) as { seq: number } | undefined)?.seq ?? 0;
}
