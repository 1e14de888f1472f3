import type { Migration } from './migration.js';

/**
 * The id this device names itself by to the server (shared/protocol/devices.ts): one row,
 * made once. `clear()` leaves it: a revoked device must stay known as revoked after its wipe.
 */
export const migration0060Device: Migration = {
  version: 60,
  name: 'device',
  up(db) {
    db.exec(`
      CREATE TABLE device (
        only INTEGER PRIMARY KEY CHECK (only = 1),
        id TEXT NOT NULL
      ) STRICT;
    `);
  },
};
