import {
  DEVICE_SEEN_EVERY_MS,
  MAX_DEVICES_PER_USER,
  type DeviceClaim,
  type DeviceInfo,
  type DevicePlatform,
} from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';

/**
 * The devices table (migration 160): one row per device id and person. Writes are few on
 * purpose: a row is made the first time a person uses a device, and `last_seen_at` moves
 * only when it is older than DEVICE_SEEN_EVERY_MS, checked in the UPDATE itself, so nodes
 * and reconnects racing each other still write at most once a minute.
 */

/** Whether any person's row of this device id is revoked: the device is, for everyone on it. */
export async function isDeviceRevoked(db: Db, deviceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('devices')
    .select('id')
    .where('id', '=', deviceId)
    .where('revoked_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records that this person used the device now: a new row the first time (past
 * MAX_DEVICES_PER_USER the row seen longest ago, never a revoked or enrolled one, is forgotten, so a
 * client making up ids cannot grow the table), otherwise `last_seen_at` at most once a minute.
 */
export async function recordDeviceSeen(db: Db, userId: string, claim: DeviceClaim, now: Date): Promise<void> {
  const at = now.toISOString();
  const known = await db
    .selectFrom('devices')
    .select(['last_seen_at'])
    .where('id', '=', claim.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (known) {
    await touchDevice(db, userId, claim.id, now);
    return;
  }
  await db
    .insertInto('devices')
    .values({
      id: claim.id,
      user_id: userId,
      name: claim.name,
      platform: claim.platform,
      first_seen_at: at,
      last_seen_at: at,
      revoked_at: null,
      revoked_by: null,
    })
    .onConflict((oc) => oc.columns(['id', 'user_id']).doNothing())
    .execute();
  const kept = await db
    .selectFrom('devices')
    .select(['id'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    // A device with a certificate stays listed: an admin must find it to revoke it.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('certificates as c')
            .select('c.serial')
            .whereRef('c.device_id', '=', 'devices.id')
            .whereRef('c.user_id', '=', 'devices.user_id'),
        ),
      ),
    )
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .offset(MAX_DEVICES_PER_USER)
    .limit(1000)
    .execute();
  const stale = kept.map((r) => r.id).filter((id) => id !== claim.id);
  if (stale.length > 0) await db.deleteFrom('devices').where('user_id', '=', userId).where('id', 'in', stale).execute();
}

/** Moves `last_seen_at` if it is older than DEVICE_SEEN_EVERY_MS; a revoked row stays as it was. */
export async function touchDevice(db: Db, userId: string, deviceId: string, now: Date): Promise<void> {
  await db
    .updateTable('devices')
    .set({ last_seen_at: now.toISOString() })
    .where('id', '=', deviceId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('last_seen_at', '<=', new Date(now.getTime() - DEVICE_SEEN_EVERY_MS).toISOString())
    .execute();
}

/** Every person's devices, the most recently seen first, with their certificates. */
export async function listDevices(db: Db): Promise<DeviceInfo[]> {
  const rows = await db
    .selectFrom('devices as d')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .select([
      'd.id',
      'd.user_id',
      'u.username',
      'u.display_name',
      'd.name',
      'd.platform',
      'd.first_seen_at',
      'd.last_seen_at',
      'd.revoked_at',
      'd.revoked_by',
    ])
    .orderBy('u.display_name')
    .orderBy('d.last_seen_at', 'desc')
    .orderBy('d.id')
    .execute();
  const certificates = await db
    .selectFrom('certificates')
    .select(['device_id', 'user_id', 'fingerprint', 'serial', 'issued_at', 'not_after', 'revoked_at'])
    .where('device_id', 'is not', null)
    .orderBy('issued_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    name: r.name,
    platform: r.platform as DevicePlatform,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
    certificates: certificates
      .filter((c) => c.device_id === r.id && c.user_id === r.user_id)
      .map((c) => ({
        fingerprint: c.fingerprint,
        serial: c.serial,
        issuedAt: c.issued_at,
        notAfter: c.not_after,
        revokedAt: c.revoked_at,
      })),
  }));
}
