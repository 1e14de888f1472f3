import type { Database } from 'better-sqlite3';

/**
 * The meeting CA: one row (`id` is always 1), so that every node on one PostgreSQL database
 * issues and checks certificates with the same authority. The certificate is public; the
 * private key is stored only encrypted (AES-256-GCM) under a key-encryption key that lives
 * outside the database and the data folder (server/pki/key-encryption.ts): a copy of the
 * database alone cannot sign. `fingerprint` is the SHA-256 of the certificate's DER, in hex.
 */
export function sqlite(db: Database): void {
  db.exec(`
    CREATE TABLE meeting_ca (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      certificate_pem TEXT NOT NULL,
      encrypted_key TEXT NOT NULL,
      fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
      created_at TEXT NOT NULL
    );
  `);
}

export const postgres = `
  CREATE TABLE meeting_ca (
    id integer PRIMARY KEY CHECK (id = 1),
    certificate_pem text NOT NULL,
    encrypted_key text NOT NULL,
    fingerprint text NOT NULL CHECK (length(fingerprint) = 64),
    created_at text NOT NULL
  );
`;
