import { protocolError, type Ack, type DeviceRevokeResult } from '../../shared/protocol/index.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Store } from '../db/store.js';

/** What the revocation of a device ended, for the socket layer to act on after the commit. */
export interface DeviceRevoked extends DeviceRevokeResult {
  /** The sessions signed in from the device (their caches are forgotten, their sockets cut). */
  sessionIds: string[];
}

const REASON = 'device revoked';

/**
 * Revokes a device, in one transaction with its audit row: every person's row of the id is
 * marked, the device's unrevoked certificates are revoked (the meeting CA's CRL lists them),
 * and the sessions signed in from it are deleted, so an old token no longer opens anything.
 */
export async function revokeDevice(
  store: Store,
  actorId: string,
  target: { deviceId: string; userId: string },
  now: Date,
): Promise<Ack<DeviceRevoked>> {
  const at = now.toISOString();
  return store.transaction(async (tx): Promise<Ack<DeviceRevoked>> => {
    // Two admins revoking at once on two nodes: one of them finds it already revoked.
    await store.lockName(tx, `device:${target.deviceId}`);
    const row = await tx
      .selectFrom('devices')
      .select(['id', 'name', 'revoked_at'])
      .where('id', '=', target.deviceId)
      .where('user_id', '=', target.userId)
      .executeTakeFirst();
    if (!row) return { ok: false, error: protocolError('NOT_FOUND') };
    if (row.revoked_at !== null) return { ok: false, error: protocolError('CONFLICT') };
    await tx
      .updateTable('devices')
      .set({ revoked_at: at, revoked_by: actorId })
      .where('id', '=', target.deviceId)
      .where('revoked_at', 'is', null)
      .execute();
    const certificates = await tx
      .selectFrom('certificates')
      .select(['fingerprint', 'serial'])
      .where('device_id', '=', target.deviceId)
      .where('revoked_at', 'is', null)
      .execute();
    const fingerprints = certificates.map((c) => c.fingerprint);
    if (fingerprints.length > 0)
      await tx
        .updateTable('certificates')
        .set({ revoked_at: at, revoked_by: actorId, revocation_reason: REASON })
        .where('fingerprint', 'in', fingerprints)
        .execute();
    const sessions = await tx.selectFrom('sessions').select('id').where('device_id', '=', target.deviceId).execute();
    const sessionIds = sessions.map((s) => s.id);
    if (sessionIds.length > 0) await tx.deleteFrom('sessions').where('id', 'in', sessionIds).execute();
    await appendAudit(tx, store, {
      at,
      actorId,
      action: 'device:revoke',
      meetingId: null,
      detail: {
        deviceId: target.deviceId,
        userId: target.userId,
        deviceName: row.name,
        certificates: certificates.map((c) => c.serial),
        sessionsEnded: sessionIds.length,
      },
    });
    return {
      ok: true,
      data: {
        deviceId: target.deviceId,
        revokedAt: at,
        certificates: fingerprints,
        sessionsEnded: sessionIds.length,
        sessionIds,
      },
    };
  });
}
