import type {
  CommandName,
  ErrorCode,
  LocalizedText,
  MinutesChanged,
  ParsedCommand,
} from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import type { Store } from '../db/store.js';
import type { UserRecord } from '../users/user-queries.js';
import type { DocumentNotice } from '../documents/document-notices.js';
import type { InvitationNotice } from '../invitations/invitation-notices.js';
import type { PendingChange } from './change-log.js';
import type { SignatureServices } from '../certificates/signature-services.js';

/**
 * Commands on a person's own things (their annotations, what they opened), not on the meeting's shared state:
 * they queue and lock per person, so a note is never kept waiting behind a room's 500
 * ballots, and two of one person's devices still write one after the other.
 */
export const PERSONAL_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'annotation:save',
  'annotation:delete',
  'annotation:share',
  'annotation:withdraw',
  'document:opened',
]);

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
  /** The command's transaction: every read and write of the handler goes through it. */
  db: Db;
  /** The engine, for what differs between them (row locks); never for queries (they would run outside the transaction). */
  dialect: Store['dialect'];
  actor: UserRecord;
  now: Date;
  commandId: string;
  /** The server acting on its own (a vote's deadline): no user's role is asked, and the actor is SYSTEM_ACTOR_ID. */
  system: boolean;
  /** Checks people's signatures and makes the server's; absent where no CA runs (some tests). */
  signatures: SignatureServices | undefined;
}

export interface CommandEffect {
  meetingId: string;
  changes: PendingChange[];
  /** Users whose set of visible meetings may have changed: they are told to sync again. */
  accessChanged?: string[];
  /** Documents whose audience or content changed: after the commit each concerned user is told (never the whole room for a restricted one). */
  documentNotices?: DocumentNotice[];
  /** Approvals recorded: after the commit each user who may see the document is told. */
  approvalNotices?: { meetingId: string; approvalId: string }[];
  /** Blobs no version names any more: removed from the disk after the commit. */
  discardBlobs?: string[];
  /** What the audit row keeps besides the command id (a cancelled vote's reason). */
  auditDetail?: Record<string, unknown>;
  /**
   * A person's own annotation, or a message: `false` writes no audit row (a private note is no
   * act of the meeting), an object is the row's whole detail (a message's never holds its
   * text). Absent for every other command.
   */
  audit?: false | Record<string, unknown>;
  /** Annotations written: after the commit their author's devices, and the audience of a shared one, are told. */
  annotationNotices?: { annotationId: string; sharedBefore: boolean }[];
  /** Messages sent or changed: after the commit those who may see each one are told (message-notices.ts). */
  messageNotices?: string[];
  /** Invitations sent or answered: after the commit their person, the secretaries and the chair are told. */
  invitationNotices?: InvitationNotice[];
  /** The `rev` the command gave an annotation, for its receipt. */
  receiptRev?: number;
  /** For `participants:add-group`'s receipt: members added, and skipped (already taking part, disabled). */
  receiptCounts?: { added: number; skipped: number };
  /** The minutes' draft was saved: after the commit the secretaries and the chair are told. */
  minutesNotice?: MinutesChanged;
  /** Both have signed the minutes: after the commit the signed file becomes a document of the meeting. */
  minutesSigned?: { meetingId: string };
  /**
   * The command erased what must not outlive it in the database's files (a sealed ballot
   * box): once the transaction has committed, the runner has the store erase old row
   * images (SQLite: truncate the write-ahead log; PostgreSQL: VACUUM FULL the box).
   */
  eraseOldRowImages?: boolean;
}

export type CommandHandler<N extends CommandName> = (
  ctx: CommandContext,
  command: ParsedCommand<N>,
) => Promise<CommandEffect>;
export type CommandHandlers = { [N in CommandName]: CommandHandler<N> };
