import type { Migration } from './migration.js';

/**
 * The id this device names itself by to the server (shared/protocol/devices.ts): one row,
 * made once. `clear()` leaves it: a revoked device must stay known as revoked after its wipe.
 * A device enrolled before this version already has an id, in its certificate (the latest
 * identity's): it keeps that one, so revoking the device revokes that certificate too.
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

      INSERT INTO device (only, id)
        SELECT 1, json_extract(record_json, '$.info.deviceId') FROM identities
        WHERE json_valid(record_json) AND json_type(record_json, '$.info.deviceId') = 'text'
        ORDER BY saved_at DESC LIMIT 1;
    `);
  },
};
