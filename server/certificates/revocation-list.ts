import { makeRevocationList } from '../../shared/signatures/index.js';
import type { Store } from '../db/store.js';
import type { MeetingCa } from '../pki/meeting-ca.js';
import { listRevokedMeetingCertificates } from './certificate-records.js';

/** A CRL is good for a day; clients fetch it again sooner, after every revocation. */
const CRL_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Rebuilt at most this often on a node that saw no revocation itself (another node may have). */
const CRL_REFRESH_MS = 60 * 1000;

/**
 * The meeting CA's revocation list, signed by the CA, made again after every revocation
 * on this node and at least once a minute otherwise. Its number is the count of revoked
 * certificates, which only ever rises.
 */
export class CertificateRevocationList {
  private cached: { der: Uint8Array; madeAt: number } | null = null;

  constructor(
    private readonly store: Store,
    private readonly ca: MeetingCa,
  ) {}

  invalidate(): void {
    this.cached = null;
  }

  async current(now: Date): Promise<Uint8Array> {
    if (this.cached && now.getTime() - this.cached.madeAt < CRL_REFRESH_MS) return this.cached.der;
    const revoked = await listRevokedMeetingCertificates(this.store.db);
    const der = await makeRevocationList({
      issuerCertificate: this.ca.certificateDer,
      issuerKey: await this.ca.signingKey(),
      revoked: revoked.map((r) => ({ serialHex: r.serial, revokedAt: new Date(r.revoked_at ?? now) })),
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + CRL_LIFETIME_MS),
      crlNumber: revoked.length + 1,
    });
    this.cached = { der, madeAt: now.getTime() };
    return der;
  }
}
