import type { CommandName, ErrorCode, LocalizedText, ParsedCommand } from '../../shared/protocol/index.js';
import type { Database } from '../db/database.js';
import type { UserRecord } from '../users/user-queries.js';
import type { PendingChange } from './change-log.js';

/** A command refused by a rule: answered with its code, and the transaction rolled back. */
export class CommandRejected extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly localized?: LocalizedText,
  ) {
    super(localized?.en ?? code);
  }
}

export interface CommandContext {
  db: Database;
  actor: UserRecord;
  now: Date;
  commandId: string;
  /** The server acting on its own (a vote's deadline): no user's role is asked, and the actor is SYSTEM_ACTOR_ID. */
  system: boolean;
}

export interface CommandEffect {
  meetingId: string;
  changes: PendingChange[];
  /** Users whose set of visible meetings may have changed: they are told to sync again. */
  accessChanged?: string[];
  /** What the audit row keeps besides the command id (a cancelled vote's reason). */
  auditDetail?: Record<string, unknown>;
  /**
   * The command erased what must not outlive it in the write-ahead log (a sealed ballot
   * box): the runner truncates the log once the transaction has committed.
   */
  truncateJournal?: boolean;
}

export type CommandHandler<N extends CommandName> = (ctx: CommandContext, command: ParsedCommand<N>) => CommandEffect;
export type CommandHandlers = { [N in CommandName]: CommandHandler<N> };
