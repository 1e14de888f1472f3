import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  verifyDetachedCms,
  type CertificateSummary,
  type CmsVerification,
  type TrustPolicy,
} from '../../shared/signatures/index.js';
import { verifyPdfSignatures, type PdfSignatureReport } from '../signatures/index.js';
import { certificatesFromPem, cmsFromFile } from './pem.js';
import { UsageError } from './usage-error.js';

/** `cabinet verify`: a signed PDF or a detached CMS against the meeting CA and the given CAs. */

export const MEETING_CA_FILE = join('ca', 'meeting-ca.pem');

export interface VerifyArgs {
  file: string;
  content?: string;
  cas: string[];
  dataDir: string;
}

type Print = (line: string) => void;

/** The trust anchors: the data folder's meeting CA when it has one, and every certificate of every --ca file. */
export function anchorsFor(args: VerifyArgs, print: Print): Uint8Array[] {
  const anchors: Uint8Array[] = [];
  const meeting = join(args.dataDir, MEETING_CA_FILE);
  if (existsSync(meeting)) {
    const certs = certificatesFromPem(readFileSync(meeting, 'latin1'));
    anchors.push(...certs);
    print(`Trusting the meeting CA of ${args.dataDir} (${meeting})`);
  } else {
    print(`No meeting CA in ${args.dataDir} (no ${meeting})`);
  }
  for (const file of args.cas) {
    const certs = certificatesFromPem(readFileSync(file, 'latin1'));
    if (certs.length === 0) throw new UsageError(`${file} holds no PEM certificate`);
    anchors.push(...certs);
    print(`Trusting ${certs.length} certificate(s) from ${file}`);
  }
  return anchors;
}

function signerLines(signer: CertificateSummary | undefined, print: Print): void {
  if (!signer) return;
  const ours = [signer.userId && `user ${signer.userId}`, signer.deviceId && `device ${signer.deviceId}`].filter(
    Boolean,
  );
  print(`  Signer:     ${signer.commonName}${ours.length ? `  (${ours.join(', ')})` : ''}`);
  print(`  Subject:    ${signer.subject}`);
  print(`  Serial:     ${signer.serialHex}`);
  print(`  Issuer:     ${signer.issuer}`);
  print(`  Valid:      ${signer.notBefore.toISOString()} to ${signer.notAfter.toISOString()}`);
}

function verdictLine(v: CmsVerification, print: Print): void {
  if (v.ok) {
    const later = v.revokedLater ? ` (the certificate was revoked later, ${v.revokedLater.toISOString()})` : '';
    print(`  Chain:      trusted; signature valid${later}`);
  } else {
    print(`  Chain:      NOT VALID: ${v.reason} (${v.detail})`);
  }
}

function pdfReport(r: PdfSignatureReport, last: boolean, print: Print): boolean {
  print(`Signature #${r.index}${r.fieldName ? ` (field ${r.fieldName})` : ''}`);
  signerLines(r.verification.signer, print);
  if (r.signingTime) print(`  Signed at:  ${r.signingTime.toISOString()} (claimed by the signer)`);
  if (r.reason) print(`  Reason:     ${r.reason}`);
  if (r.location) print(`  Location:   ${r.location}`);
  const coverage = r.coversWholeDocument
    ? 'the whole document'
    : last
      ? 'NOT the whole document: something was added after the last signature'
      : 'an earlier revision (later signatures were appended after it)';
  print(`  Covers:     ${coverage}`);
  verdictLine(r.verification, print);
  return r.verification.ok && (!last || r.coversWholeDocument);
}

/** Prints the reports and returns the exit code: 0 only when there is a signature and all are good. */
export async function verifyCommand(args: VerifyArgs, print: Print): Promise<number> {
  if (!existsSync(args.file)) throw new UsageError(`no such file: ${args.file}`);
  const bytes = readFileSync(args.file);
  const isPdf = bytes.toString('latin1', 0, 5) === '%PDF-';
  if (!isPdf && !args.content) throw new UsageError('a detached signature needs --content FILE (the signed data)');
  if (args.content && !existsSync(args.content)) throw new UsageError(`no such file: ${args.content}`);
  const policy: TrustPolicy = { anchors: anchorsFor(args, print) };
  print('');
  let good: boolean[];
  if (isPdf) {
    const reports = await verifyPdfSignatures(bytes, policy);
    if (reports.length === 0) print(`${args.file}: no signature found`);
    good = reports.map((r, i) => pdfReport(r, i === reports.length - 1, print));
  } else {
    const verification = await verifyDetachedCms(cmsFromFile(bytes), readFileSync(args.content!), policy);
    print(`Detached signature ${args.file} over ${args.content}`);
    signerLines(verification.signer, print);
    if (verification.ok && verification.signingTime)
      print(`  Signed at:  ${verification.signingTime.toISOString()} (claimed by the signer)`);
    verdictLine(verification, print);
    good = [verification.ok];
  }
  print('');
  const ok = good.length > 0 && good.every(Boolean);
  print(
    ok
      ? `VERDICT: VALID (${good.length} signature${good.length > 1 ? 's' : ''}, all valid and trusted)`
      : `VERDICT: NOT VALID (${good.filter(Boolean).length} of ${good.length} signature(s) valid and trusted)`,
  );
  return ok ? 0 : 1;
}
