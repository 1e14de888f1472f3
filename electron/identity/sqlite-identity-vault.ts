import Database from 'better-sqlite3';
import { z } from 'zod';
import type { IdentityVault, StoredIdentity } from '../../shared/client/index.js';
import { CertificateInfoSchema } from '../../shared/protocol/index.js';
import { markSealed, PLAIN_TOKENS, readSealed, type TokenSealer } from '../cache/token-sealer.js';

const RecordSchema = z.object({
  userId: z.string(),
  serverUrl: z.string(),
  info: CertificateInfoSchema,
  certificate: z.string(),
  chain: z.array(z.string()),
  caFingerprint: z.string(),
  failedPins: z.number().int().nonnegative(),
  lockedUntil: z.string().nullable(),
});

/**
 * The desktop's signing identities, in the cache file's `identities` table (migration 0040,
 * run by the cache store that opens the file first). The PIN-sealed key is sealed again with
 * the OS key store where there is one. Its own connection to the file, so the cache store
 * stays as it is; both write in WAL mode with a busy timeout.
 */
export class SqliteIdentityVault implements IdentityVault {
  private readonly db: Database.Database;
  private readonly sealer: TokenSealer;

  constructor(file: string, sealer: TokenSealer = PLAIN_TOKENS) {
    this.sealer = sealer;
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = FULL');
    // An erased key must not linger in free pages.
    this.db.pragma('secure_delete = ON');
  }

  async load(userId: string): Promise<StoredIdentity | null> {
    if (!this.db.open) return null;
    const row = this.db.prepare('SELECT record_json, sealed_key FROM identities WHERE user_id = ?').get(userId) as
      { record_json: string; sealed_key: string } | undefined;
    if (!row) return null;
    let raw: unknown;
    try {
      raw = JSON.parse(row.record_json);
    } catch {
      return null;
    }
    const record = RecordSchema.safeParse(raw);
    const stored = readSealed(row.sealed_key);
    const sealedKey = stored.sealed ? this.sealer.open(stored.body) : stored.body;
    // Another machine or OS account cannot open it: as good as no identity (enrol again).
    if (!record.success || sealedKey === null || record.data.userId !== userId) return null;
    return { ...record.data, sealedKey };
  }

  async save(identity: StoredIdentity): Promise<void> {
    const { sealedKey, ...record } = identity;
    const sealed = this.sealer === PLAIN_TOKENS ? sealedKey : markSealed(this.sealer.seal(sealedKey));
    this.db
      .prepare(
        `INSERT INTO identities (user_id, record_json, sealed_key, saved_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET record_json = excluded.record_json,
           sealed_key = excluded.sealed_key, saved_at = excluded.saved_at`,
      )
      .run(identity.userId, JSON.stringify(record), sealed, new Date().toISOString());
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async erase(userId: string): Promise<void> {
    if (!this.db.open) return;
    this.db.prepare('DELETE FROM identities WHERE user_id = ?').run(userId);
    // secure_delete zeroes the row in the file; the log would keep it until a checkpoint.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async eraseAll(): Promise<void> {
    if (!this.db.open) return;
    this.db.prepare('DELETE FROM identities').run();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
