import { identityStatement, statementBytes } from '../../shared/domain/index.js';
import { fingerprintOf, signDetachedCms } from '../../shared/signatures/index.js';
import { issueLeaf, makeCa, type TestCa, type TestIdentity } from './test-pki.js';

/**
 * A national CA of the tests (trusted by configuration where a test says so) and the
 * registration of a person's certificate from it: the chain and a signature over the
 * identity statement, as a device sends them after importing a PKCS#12.
 */
let national: Promise<TestCa> | null = null;
export function trustedOutsideCa(): Promise<TestCa> {
  national ??= makeCa('Cơ quan chứng thực quốc gia — thử nghiệm');
  return national;
}

let serial = 0;
/** A person's certificate from the outside CA (a citizen id, not our binding). */
export async function outsideIdentity(
  options: { ca?: TestCa; notBefore?: Date; notAfter?: Date; keySlot?: string } = {},
): Promise<TestIdentity> {
  serial += 1;
  return issueLeaf(options.ca ?? (await trustedOutsideCa()), {
    userId: `0791${String(serial).padStart(8, '0')}`,
    deviceId: `the-token-${serial}`,
    name: 'Trần Thị Bình',
    keySlot: options.keySlot ?? 'outside-person',
    ...(options.notBefore ? { notBefore: options.notBefore } : {}),
    ...(options.notAfter ? { notAfter: options.notAfter } : {}),
  });
}

export async function registrationOf(
  identity: TestIdentity,
  userId: string,
  provedAt = new Date(),
): Promise<{ certificates: string[]; provedAt: string; proof: string }> {
  const fingerprint = await fingerprintOf(identity.der);
  const statement = identityStatement({ userId, fingerprint, provedAt: provedAt.toISOString() });
  const proof = await signDetachedCms(statementBytes(statement), identity.signer, { signingTime: provedAt });
  return {
    certificates: [identity.pem],
    provedAt: provedAt.toISOString(),
    proof: Buffer.from(proof).toString('base64'),
  };
}

/** A fresh outside certificate's registration for this user. */
export async function outsideIdentityRequest(userId: string) {
  return registrationOf(await outsideIdentity(), userId);
}
