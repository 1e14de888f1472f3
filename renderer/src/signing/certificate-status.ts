import type { CertificateInfo } from '../../../shared/protocol/index.js';

export type CertificateStatusWord = 'valid' | 'revoked' | 'expired';

/** Revoked first (whatever its dates), then out of its validity, else valid. */
export function certificateStatus(c: CertificateInfo, now: Date): CertificateStatusWord {
  if (c.revokedAt) return 'revoked';
  const time = now.getTime();
  return time < Date.parse(c.notBefore) || time > Date.parse(c.notAfter) ? 'expired' : 'valid';
}
