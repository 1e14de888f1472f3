import { createHash } from 'node:crypto';
import forge from 'node-forge';
import type { MeetingCa } from './meeting-ca.js';
import { displayFingerprint } from './x509.js';

/**
 * The meeting CA as an iOS/iPadOS configuration profile (`.mobileconfig`): one
 * `com.apple.security.root` payload that installs the CA, after which the person still turns
 * on full trust for it (Settings → General → About → Certificate Trust Settings). Unsigned:
 * iOS shows it as "Not Verified", which is why the description names the fingerprint to compare.
 *
 * Written by hand rather than with a plist library: the only one in node_modules (`plist`)
 * comes with electron-builder, a dev dependency absent from a server's production install,
 * and this is one small fixed document whose every text value goes through `xmlText`.
 */

/** Reverse-DNS like the desktop's appId (electron-builder.yml), made unique per CA below. */
const IDENTIFIER_PREFIX = 'vn.paperless.cabinet.meeting-ca';

export const CA_PROFILE_DISPLAY_NAME = 'Cabinet – CA phòng họp / meeting CA';

/**
 * A UUID that depends only on the CA and the role it names (RFC 9562 version 8: the bits are
 * ours), so that downloading the profile again, on any node or after a restart, gives the same
 * one and iOS replaces an installed copy instead of adding a second.
 */
export function stableUuid(fingerprint: string, role: string): string {
  const bytes = createHash('sha256').update(`paperless-cabinet:${role}:${fingerprint}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Text as XML character data: the five specials escaped, characters XML 1.0 forbids dropped. */
export function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- these are exactly what XML 1.0 cannot carry
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** A field of the CA's subject (forge keeps a UTF8String as its bytes), or the fallback. */
function subjectField(ca: MeetingCa, shortName: 'CN' | 'O', fallback: string): string {
  const field = ca.forgeCertificate.subject.getField(shortName) as { value?: string } | null;
  if (!field?.value) return fallback;
  try {
    return forge.util.decodeUtf8(field.value);
  } catch {
    return field.value;
  }
}

type PlistValue = string | number | Uint8Array | PlistDict[];
interface PlistDict {
  [key: string]: PlistValue;
}

function plistValue(value: PlistValue, indent: string): string {
  if (typeof value === 'string') return `<string>${xmlText(value)}</string>`;
  if (typeof value === 'number') return `<integer>${Math.trunc(value)}</integer>`;
  if (value instanceof Uint8Array) {
    // Base64 lines of 64, as Apple's tools write <data>.
    const lines =
      Buffer.from(value)
        .toString('base64')
        .match(/.{1,64}/g) ?? [];
    return `<data>\n${lines.map((l) => `${indent}\t${l}`).join('\n')}\n${indent}</data>`;
  }
  const inner = `${indent}\t`;
  return `<array>\n${value.map((d) => `${inner}${plistDict(d, inner)}`).join('\n')}\n${indent}</array>`;
}

function plistDict(dict: PlistDict, indent: string): string {
  const inner = `${indent}\t`;
  const entries = Object.entries(dict).map(
    ([key, value]) => `${inner}<key>${xmlText(key)}</key>\n${inner}${plistValue(value, inner)}`,
  );
  return `<dict>\n${entries.join('\n')}\n${indent}</dict>`;
}

/** The profile's XML property list. */
export function caMobileconfig(ca: MeetingCa): string {
  const short = ca.fingerprint.slice(0, 16);
  const organization = subjectField(ca, 'O', 'Paperless Cabinet');
  const sha256 = displayFingerprint(ca.fingerprint);
  const root: PlistDict = {
    PayloadType: 'com.apple.security.root',
    PayloadVersion: 1,
    PayloadIdentifier: `${IDENTIFIER_PREFIX}.${short}.root`,
    PayloadUUID: stableUuid(ca.fingerprint, 'root'),
    PayloadDisplayName: subjectField(ca, 'CN', 'Meeting CA'),
    PayloadDescription: `SHA-256 ${sha256}`,
    PayloadCertificateFileName: 'cabinet-meeting-ca.cer',
    PayloadContent: ca.certificateDer,
  };
  const profile: PlistDict = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: `${IDENTIFIER_PREFIX}.${short}`,
    PayloadUUID: stableUuid(ca.fingerprint, 'profile'),
    PayloadDisplayName: CA_PROFILE_DISPLAY_NAME,
    PayloadDescription:
      `Chứng chỉ gốc của phòng họp. So sánh dấu vân tay SHA-256 trước khi cài: ${sha256}\n` +
      `The meeting room's root certificate. Compare its SHA-256 fingerprint before installing: ${sha256}`,
    PayloadOrganization: organization,
    PayloadContent: [root],
  };
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
    `<plist version="1.0">\n${plistDict(profile, '')}\n</plist>\n`
  );
}
