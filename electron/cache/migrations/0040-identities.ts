import type { Migration } from './migration.js';

/**
 * Signing identities, one per user of this device (shared/client/identity-vault.ts).
 * `record_json` holds the certificate, its chain and the count of wrong PINs; `sealed_key`
 * the private key sealed under the PIN, and again with the OS key store where there is one
 * (electron/identity/identity-sealing.ts). Not cleared at sign-out: only by `forgetIdentity`,
 * ten wrong PINs or a revoked certificate.
 */
export const migration0040Identities: Migration = {
  version: 40,
  name: 'identities',
  up(db) {
    db.exec(`
      CREATE TABLE identities (
        user_id TEXT PRIMARY KEY,
        record_json TEXT NOT NULL,
        sealed_key TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
