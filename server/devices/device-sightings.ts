import { DEVICE_SEEN_EVERY_MS, DeviceClaimSchema, type DeviceClaim } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import { isDeviceRevoked, recordDeviceSeen, touchDevice } from './device-records.js';

/** What the handshake's device claim comes to: a device to record, none, or a refusal. */
export type DeviceCheck =
  { ok: true; claim: DeviceClaim | null } | { ok: false; code: 'VALIDATION_FAILED' | 'DEVICE_REVOKED' };

/**
 * Reads a client's device claim (sign-in body or handshake). Absent is allowed (an older
 * client); malformed is refused; a revoked device is refused whatever token it holds, so an
 * honest device is told at its next connection even after its session was ended.
 */
export async function checkDeviceClaim(db: Db, raw: unknown): Promise<DeviceCheck> {
  if (raw === undefined) return { ok: true, claim: null };
  const parsed = DeviceClaimSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'VALIDATION_FAILED' };
  if (await isDeviceRevoked(db, parsed.data.id)) return { ok: false, code: 'DEVICE_REVOKED' };
  return { ok: true, claim: parsed.data };
}

/** Remembered per node at most this many devices; past it the memory starts again (the UPDATE still bounds writes). */
const MAX_REMEMBERED = 10_000;

/**
 * Last seen, per node: recorded at each connection and, on events, only when this node has
 * not written it for DEVICE_SEEN_EVERY_MS, so a busy tablet costs one UPDATE a minute, not
 * one per ballot. The UPDATE itself also refuses to move a time less than a minute old.
 */
export class DeviceSightings {
  private readonly written = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** A socket connected: a new device is recorded, a known one touched. */
  async connected(userId: string, deviceId: string, claim: DeviceClaim | null): Promise<void> {
    const at = this.now();
    if (claim && claim.id === deviceId) await recordDeviceSeen(this.db, userId, claim, at);
    else await touchDevice(this.db, userId, deviceId, at);
    this.remember(userId, deviceId, at.getTime());
  }

  /** An event of a socket: a write only when this node has not written one for a minute. */
  async seen(userId: string, deviceId: string): Promise<void> {
    const at = this.now();
    const last = this.written.get(`${deviceId}/${userId}`);
    if (last !== undefined && at.getTime() - last < DEVICE_SEEN_EVERY_MS) return;
    this.remember(userId, deviceId, at.getTime());
    await touchDevice(this.db, userId, deviceId, at);
  }

  private remember(userId: string, deviceId: string, ms: number): void {
    if (this.written.size >= MAX_REMEMBERED) this.written.clear();
    this.written.set(`${deviceId}/${userId}`, ms);
  }
}
