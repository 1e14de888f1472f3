import { verifyDetachedCms, type CmsVerification, type TrustPolicy } from '../../shared/signatures/index.js';
import { locateSignatures } from './pdf-locate.js';

/** Verifying every signature of a PDF; never throws, whatever the file. */

export interface PdfSignatureReport {
  /** 1-based, in file order (as pdfsig numbers them). */
  index: number;
  fieldName?: string;
  reason?: string;
  name?: string;
  location?: string;
  /** The CMS signingTime attribute when there is one, else the dictionary's /M (inside the signed bytes). */
  signingTime?: Date;
  byteRange: [number, number, number, number] | null;
  /** The signed bytes reach the end of the file: nothing was added after this signature. */
  coversWholeDocument: boolean;
  verification: CmsVerification;
}

export async function verifyPdfSignatures(pdf: Buffer, policy: TrustPolicy): Promise<PdfSignatureReport[]> {
  let located;
  try {
    located = locateSignatures(pdf);
  } catch {
    return [];
  }
  const reports: PdfSignatureReport[] = [];
  for (const [i, found] of located.entries()) {
    let verification: CmsVerification;
    if (found.problem || !found.cms || !found.signedBytes) {
      verification = { ok: false, reason: 'MALFORMED', detail: found.problem ?? 'no signature value' };
    } else {
      const at = policy.at ?? found.claimedTime;
      verification = await verifyDetachedCms(found.cms, found.signedBytes, at ? { ...policy, at } : policy);
    }
    const report: PdfSignatureReport = {
      index: i + 1,
      byteRange: found.byteRange,
      coversWholeDocument: found.coversWholeDocument,
      verification,
    };
    const signingTime = (verification.ok ? verification.signingTime : undefined) ?? found.claimedTime;
    if (signingTime) report.signingTime = signingTime;
    if (found.fieldName !== undefined) report.fieldName = found.fieldName;
    if (found.reason !== undefined) report.reason = found.reason;
    if (found.name !== undefined) report.name = found.name;
    if (found.location !== undefined) report.location = found.location;
    reports.push(report);
  }
  return reports;
}

/** The CMS of each signature and the bytes its /ByteRange signs (for tests and the CLI). */
export function extractPdfSignatureCms(
  pdf: Buffer,
): Array<{ index: number; byteRange: [number, number, number, number]; cms: Uint8Array; signedBytes: Buffer }> {
  return locateSignatures(pdf).flatMap((found, i) =>
    found.cms && found.signedBytes && found.byteRange
      ? [{ index: i + 1, byteRange: found.byteRange, cms: found.cms, signedBytes: found.signedBytes }]
      : [],
  );
}
