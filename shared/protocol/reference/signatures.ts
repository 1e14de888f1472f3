import {
  approvalStatement,
  identityStatement,
  SIGNING_TIME_TOLERANCE_MS,
  VOTE_RESULT_STATEMENT_TYPE,
} from '../../domain/index.js';

/** How a client signs, and how anyone checks a signature later: the statements, byte for byte. */
export function renderSignatures(): string[] {
  const example = approvalStatement({
    meetingId: '0193a1b2-0000-7000-8000-000000000001',
    agendaItemId: null,
    documentId: '0193a1b2-0000-7000-8000-000000000002',
    documentTitle: 'Tờ trình số 12/TTr-UBND',
    version: 2,
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    decision: 'approve',
    reason: '',
    signerId: '0193a1b2-0000-7000-8000-000000000003',
    signedAt: '2026-11-30T02:15:00.000Z',
  });
  const identity = identityStatement({
    userId: '0193a1b2-0000-7000-8000-000000000003',
    fingerprint: 'a'.repeat(64),
    provedAt: '2026-11-30T02:15:00.000Z',
  });
  return [
    '## Signatures',
    '',
    'A device enrols once per person: `POST /api/pki/enrollment-codes` (an admin, or a secretary of a meeting the',
    'person takes part in) answers a one-time code and a `link` for a QR; the person, signed in on the device, sends',
    '`POST /api/pki/enroll` with the code and a PKCS#10 request for an RSA key of 2048 bits or more, made on the',
    'device. Compare the SHA-256 of `GET /api/pki/ca` with the `ca` of the link (or the fingerprint the server prints)',
    'before trusting it.',
    '',
    'To approve or reject a document, sign a **detached CMS** (PKCS#7 SignedData, SHA-256, with the signed attributes',
    'contentType, messageDigest and signing-certificate-v2, the signer certificate included) over the UTF-8 bytes of',
    'this statement: JSON with exactly these keys in this order, no spaces, as `JSON.stringify` writes it. The server',
    'rebuilds it from the command and the document as it holds it (`agendaItemId`, `documentTitle`, `sha256` of the',
    'current version, `signerId` = the signed-in user), so a signature over any other bytes is refused',
    '(`SIGNATURE_INVALID`). `reason` is `""` when there is none.',
    '',
    '```json',
    example,
    '```',
    '',
    `\`signedAt\` is the command's field and must be within ${SIGNING_TIME_TOLERANCE_MS / 60000} minutes of the server's clock. An outside`,
    'identity is registered (`POST /api/pki/outside-certificates`) with a CMS by its key over:',
    '',
    '```json',
    identity,
    '```',
    '',
    `A published vote result carries \`resultSignature\`: a statement of type \`${VOTE_RESULT_STATEMENT_TYPE}\` and a`,
    "detached CMS by a certificate the meeting CA issued to the server. Anyone can check it, and any approval's",
    '`statement` and `signature` from the signed export, without this software:',
    '',
    '```sh',
    'base64 -d sig.b64 > sig.der',
    'openssl cms -verify -binary -inform DER -in sig.der -content statement.json -CAfile ca.pem -purpose any -cades',
    '```',
    '',
  ];
}
