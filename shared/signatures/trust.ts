import type * as pkijs from 'pkijs';
import { fingerprintOf, normalizeSerialHex } from './bytes.js';
import {
  isCaCertificate,
  keyUsageBits,
  pathLengthOf,
  nameToString,
  parseCertificate,
  serialHexOfCertificate,
} from './certificate.js';
import { parseRevocationList, revokedBy } from './crl.js';
import type { CmsFailure, TrustPolicy } from './types.js';

/**
 * Whether a signer certificate is trusted at a time: a chain up to an anchor, every
 * certificate valid then, fit for signing, and not revoked by then (by the policy's list or
 * by a CRL its issuer signed).
 */

interface Held {
  cert: pkijs.Certificate;
  der: Uint8Array;
}

export type TrustVerdict = { ok: true; revokedLater?: Date } | { ok: false; reason: CmsFailure; detail: string };

const MAX_DEPTH = 6;

/** keyUsage bit 5: the key may sign certificates (RFC 5280 4.2.1.3); without the extension, any use. */
const KEY_CERT_SIGN = 5;

async function issued(child: pkijs.Certificate, issuer: pkijs.Certificate): Promise<boolean> {
  if (!child.issuer.isEqual(issuer.subject) || !isCaCertificate(issuer)) return false;
  const usage = keyUsageBits(issuer);
  if (usage && !usage(KEY_CERT_SIGN)) return false;
  try {
    return await child.verify(issuer);
  } catch {
    return false;
  }
}

function parsedAll(ders: Uint8Array[]): Held[] {
  const out: Held[] = [];
  for (const der of ders) {
    try {
      out.push({ cert: parseCertificate(der), der });
    } catch {
      // An anchor that is no certificate trusts nothing.
    }
  }
  return out;
}

function sameDer(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Signer first, anchor last; null when no chain reaches an anchor. */
async function buildPath(signer: Held, others: Held[], anchors: Held[]): Promise<Held[] | null> {
  const path = [signer];
  if (anchors.some((a) => sameDer(a.der, signer.der))) return path;
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    const current = path[path.length - 1]!;
    for (const anchor of anchors) {
      if (await issued(current.cert, anchor.cert)) return [...path, anchor];
    }
    let next: Held | undefined;
    for (const other of others) {
      if (path.some((p) => sameDer(p.der, other.der))) continue;
      if (await issued(current.cert, other.cert)) {
        next = other;
        break;
      }
    }
    if (!next) return null;
    path.push(next);
  }
  return null;
}

/**
 * Each CA's pathLenConstraint: how many CA certificates may stand between it and the signer
 * (RFC 5280 4.2.1.9). A root that allows none makes a CA below it worthless.
 */
function pathLengthProblem(path: Held[]): TrustVerdict | null {
  for (let i = 2; i < path.length; i += 1) {
    const limit = pathLengthOf(path[i]!.cert);
    if (limit !== null && i - 1 > limit)
      return {
        ok: false,
        reason: 'UNTRUSTED',
        detail: `CA certificate "${nameToString(path[i]!.cert.subject)}" allows ${limit} CA(s) below it, the chain has ${i - 1}`,
      };
  }
  return null;
}

function validityProblem(path: Held[], at: Date): TrustVerdict | null {
  for (const [i, held] of path.entries()) {
    const who = i === 0 ? 'the signer certificate' : `CA certificate "${nameToString(held.cert.subject)}"`;
    if (at.getTime() < held.cert.notBefore.value.getTime())
      return {
        ok: false,
        reason: 'NOT_YET_VALID',
        detail: `${who} is valid only from ${held.cert.notBefore.value.toISOString()}`,
      };
    if (at.getTime() > held.cert.notAfter.value.getTime())
      return { ok: false, reason: 'EXPIRED', detail: `${who} expired ${held.cert.notAfter.value.toISOString()}` };
  }
  return null;
}

/** The earliest revocation of any certificate of the path (anchors excepted). */
async function earliestRevocation(path: Held[], policy: TrustPolicy): Promise<{ at: Date; serialHex: string } | null> {
  const crls = [];
  for (const der of policy.crls ?? []) {
    try {
      crls.push(parseRevocationList(der));
    } catch {
      // Not a CRL: it revokes nothing.
    }
  }
  let earliest: { at: Date; serialHex: string } | null = null;
  const note = (at: Date, serialHex: string): void => {
    if (!earliest || at.getTime() < earliest.at.getTime()) earliest = { at, serialHex };
  };
  for (let i = 0; i + 1 < path.length; i += 1) {
    const cert = path[i]!;
    const issuer = path[i + 1]!;
    const serialHex = serialHexOfCertificate(cert.cert);
    const issuerFingerprint = await fingerprintOf(issuer.der);
    for (const r of policy.revocations ?? []) {
      const sameSerial = normalizeSerialHex(r.serialHex) === serialHex;
      if (sameSerial && r.issuerFingerprint.toLowerCase() === issuerFingerprint) note(r.revokedAt, serialHex);
    }
    for (const crl of crls) {
      for (const entry of (await revokedBy(crl, issuer.cert)) ?? [])
        if (entry.serialHex === serialHex) note(entry.revokedAt, serialHex);
    }
  }
  return earliest;
}

export async function judgeTrust(
  signer: { cert: pkijs.Certificate; der: Uint8Array },
  included: Uint8Array[],
  policy: TrustPolicy,
  at: Date,
): Promise<TrustVerdict> {
  const path = await buildPath(signer, parsedAll(included), parsedAll(policy.anchors));
  if (!path)
    return {
      ok: false,
      reason: 'UNTRUSTED',
      detail: `no chain from "${nameToString(signer.cert.issuer)}" to a trusted CA`,
    };
  const length = pathLengthProblem(path);
  if (length) return length;
  const validity = validityProblem(path, at);
  if (validity) return validity;
  const usage = keyUsageBits(signer.cert);
  if (usage && !usage(0) && !usage(1))
    return {
      ok: false,
      reason: 'NOT_FOR_SIGNING',
      detail: 'the key usage allows neither digitalSignature nor nonRepudiation',
    };
  const revoked = await earliestRevocation(path, policy);
  if (!revoked) return { ok: true };
  const { at: revokedAt, serialHex } = revoked as { at: Date; serialHex: string };
  if (revokedAt.getTime() <= at.getTime())
    return { ok: false, reason: 'REVOKED', detail: `certificate ${serialHex} was revoked ${revokedAt.toISOString()}` };
  return { ok: true, revokedLater: revokedAt };
}
