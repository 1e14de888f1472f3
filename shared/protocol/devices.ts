import { z } from 'zod';
import { IdSchema, text } from './primitives.js';

/**
 * Devices (issue 13). Each client names its device by an id of its own making, at sign-in
 * (`LoginRequest.device`) and in the Socket.IO handshake (`auth.device`); the server keeps
 * one row per device and person, with when it was first and last seen. An admin revokes a
 * device: its certificates are revoked (the CRL lists them), its sessions end, its sockets
 * are cut; a sign-in or a connection naming it is refused with DEVICE_REVOKED, and the
 * device, told so, erases everything it holds for every person on it.
 */

export const DevicePlatformSchema = z.enum(['desktop', 'browser']);
export type DevicePlatform = z.infer<typeof DevicePlatformSchema>;

/** What a client says of its device. The id is a UUID: bounded, and no way to smuggle text. */
export const DeviceClaimSchema = z.strictObject({
  id: IdSchema,
  name: text(100),
  platform: DevicePlatformSchema,
});
export type DeviceClaim = z.infer<typeof DeviceClaimSchema>;

const timestamp = z.iso.datetime({ offset: true });

/** A certificate of the device, as the admin screen shows it. */
export const DeviceCertificateSchema = z.object({
  fingerprint: z.string(),
  serial: z.string(),
  issuedAt: timestamp,
  notAfter: timestamp,
  revokedAt: timestamp.nullable(),
});

/** One device as one person used it. */
export const DeviceInfoSchema = z.object({
  id: IdSchema,
  userId: IdSchema,
  username: z.string(),
  displayName: z.string(),
  name: z.string(),
  platform: DevicePlatformSchema,
  firstSeenAt: timestamp,
  /** Moves at most once a minute (DEVICE_SEEN_EVERY_MS), not at every event. */
  lastSeenAt: timestamp,
  revokedAt: timestamp.nullable(),
  revokedBy: IdSchema.nullable(),
  certificates: z.array(DeviceCertificateSchema),
});
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>;

/** How often at most a device's `lastSeenAt` is written. */
export const DEVICE_SEEN_EVERY_MS = 60_000;
/** Devices kept per person; past it the one seen longest ago (never a revoked one) is forgotten. */
export const MAX_DEVICES_PER_USER = 30;

export const DeviceListRequestSchema = z.strictObject({});
export const DeviceListResultSchema = z.object({ devices: z.array(DeviceInfoSchema) });

/** Revokes the device for every person who used it; `userId` names the row the admin chose (for the record). */
export const DeviceRevokeRequestSchema = z.strictObject({ deviceId: IdSchema, userId: IdSchema });
export const DeviceRevokeResultSchema = z.object({
  deviceId: IdSchema,
  revokedAt: timestamp,
  /** Certificates revoked with it (they are now in the CRL). */
  certificates: z.array(z.string()),
  /** Sessions signed in from it that ended. */
  sessionsEnded: z.number().int().nonnegative(),
});
export type DeviceRevokeResult = z.infer<typeof DeviceRevokeResultSchema>;

/** Sent to the device's sockets just before they are cut, and as the refusal of its next connection. */
export const DeviceRevokedEventSchema = z.object({ deviceId: IdSchema, revokedAt: timestamp });
export type DeviceRevokedEvent = z.infer<typeof DeviceRevokedEventSchema>;
