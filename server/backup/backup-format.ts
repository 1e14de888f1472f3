import { existsSync, readdirSync } from 'node:fs';
import type { Dialect } from '../db/store.js';

/**
 * A backup is a folder: `backup.json` (this manifest), `cabinet.sqlite` (SQLite only: the
 * database as one file, no write-ahead log), `documents/<2 hex>/<sha256>` (SQLite only; with
 * PostgreSQL the papers are in the database), `ca/meeting-ca.pem` (the public certificate),
 * and `demo-accounts.json` when the data folder has one. Never the CA key file: it seals
 * the CA's private key in the database and is kept apart from every copy of the data.
 */
export const BACKUP_MANIFEST = 'backup.json';
export const BACKUP_FORMAT = 'paperless-cabinet-backup/1';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  engine: Dialect;
  /** The database's schema version (SQLite's user_version); null with PostgreSQL. */
  schemaVersion: number | null;
  documents: { count: number; bytes: number };
  /** Audit chains and their rows, each checked intact when the copy was made. */
  audit: { chains: number; rows: number } | null;
  /**
   * Secret votes open when the copy was made: it holds their ballots as they were before the
   * seal (README, "Who can learn what about a secret vote").
   */
  openSecretVotes: number;
}

export class BackupError extends Error {}

/** A folder that does not exist or holds nothing: the only kind a backup or restore writes into. */
export function isEmptyFolder(path: string): boolean {
  return !existsSync(path) || readdirSync(path).length === 0;
}
