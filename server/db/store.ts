import type { Db } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The meeting database, whichever engine holds it. Queries are written once with Kysely
 * against `db`; what differs between the engines (locks, erasing old row images, closing)
 * is here and nowhere else.
 */
export interface Store {
  readonly dialect: Dialect;
  readonly db: Db;
  /** Where the data lives, for the start-up message (no password). */
  readonly location: string;
  /**
   * Runs `work` in one transaction. On SQLite the single connection serialises every
   * transaction; on PostgreSQL they run side by side, so a writer that checks and then acts
   * takes the locks below first.
   */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Runs `work` against one consistent view of the data (a snapshot and the sequence number
   * it was read at must not straddle a commit): SQLite holds its connection meanwhile,
   * PostgreSQL reads in a read-only REPEATABLE READ transaction.
   */
  snapshot<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Holds the meeting's row until the transaction ends: every command of one meeting, on
   * every node, then runs one after the other (its sequence, its rules, its audit chain).
   * A meeting that does not exist locks nothing (the command then finds no meeting).
   */
  lockMeeting(tx: Db, meetingId: string): Promise<void>;
  /** Holds a named lock until the transaction ends (a command id, a user's sockets). */
  lockName(tx: Db, name: string): Promise<void>;
  /**
   * Removes images of rows that were changed or deleted (a secret ballot box before its
   * seal) from the database's files, after the transaction that changed them committed.
   * True when it is sure they are gone; false asks the caller to try again later.
   */
  eraseOldRowImages(): Promise<boolean>;
  close(): Promise<void>;
}

/** Thrown by a transaction that the database aborted to break a deadlock or a conflict: safe to run again. */
export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

/** A unique constraint refused the row (PostgreSQL 23505, SQLite's constraint error). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The disk or the database's quota is full (SQLite SQLITE_FULL, PostgreSQL 53100, or the OS's ENOSPC). */
export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === '53100' || code === 'ENOSPC';
}
