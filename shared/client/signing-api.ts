import type {
  Ack,
  Approval,
  ApprovalDecision,
  CertificateInfo,
  CommandReceipt,
  EnrollmentCode,
  SignedRecord,
} from '../protocol/index.js';

/**
 * What the UI sees of signing: this device's identity, the approvals of the papers, and a
 * revoked device's notice. Part of `ClientState`.
 */
export interface SigningState {
  /** This device's signing identity for the signed-in user, or null when it has none. */
  identity: DeviceIdentity | null;
  /** Per meeting, the approvals of the documents this user may see, oldest first. */
  approvals: Readonly<Record<string, readonly Approval[]>>;
  /** The server revoked this device's certificate: its cache was wiped and the user signed out. */
  revokedNotice: { revokedAt: string; reason: string | null; scope?: 'certificate' | 'device' } | null;
}

export interface DeviceIdentity {
  userId: string;
  certificate: CertificateInfo;
  /** SHA-256 of the CA this device enrolled with (and pins). */
  caFingerprint: string;
  /** Wrong PINs left before the key is erased (the device must enrol again). */
  pinAttemptsLeft: number;
  /** After several wrong PINs, no try before this time. */
  pinLockedUntil: string | null;
}

export interface EnrollInput {
  code: string;
  /** From the QR: the CA the device must find on the server before it trusts it. */
  caFingerprint?: string;
  deviceName: string;
  /** 6 to 12 digits: unlocks the private key for each signature. */
  pin: string;
}

export interface ApproveInput {
  meetingId: string;
  documentId: string;
  version: number;
  decision: ApprovalDecision;
  reason?: string;
  pin: string;
}

export interface SignMinutesInput {
  meetingId: string;
  pin: string;
}

/** What checking a server-signed statement (a published result) found. */
export type StatementCheck =
  { valid: true; signer: string; signedAt: string; caFingerprint: string } | { valid: false; reason: string };

/** The signing half of `ClientApi`. */
export interface SigningApi {
  /** Makes this device's key pair (it never leaves the device), sends the request with the code, keeps the certificate. */
  enrollDevice(input: EnrollInput): Promise<Ack<CertificateInfo>>;
  /** A certificate from an outside CA (PKCS#12) becomes this person's signing identity on this device. */
  importOutsideIdentity(input: { p12: Uint8Array; password: string; pin: string }): Promise<Ack<CertificateInfo>>;
  /** Signs the approval statement with the device's key (unlocked by the PIN) and sends it; needs a connection. */
  approveDocument(input: ApproveInput): Promise<Ack<CommandReceipt>>;
  /**
   * Signs the meeting's minutes when it is this person's turn (the chair, then a secretary):
   * asks the server for the prepared revision, downloads it, checks the digest of its byte
   * range itself, signs that with the device's key (unlocked by the PIN) and sends the CMS
   * (`minutes:sign`); needs a connection.
   */
  signMinutes(input: SignMinutesInput): Promise<Ack<CommandReceipt>>;
  /** Erases this device's key and certificate for the signed-in user. */
  forgetIdentity(): Promise<void>;
  dismissRevokedNotice(): Promise<void>;
  /** Admin, or the secretary of a meeting the person takes part in. */
  createEnrollmentCode(userId: string): Promise<Ack<EnrollmentCode>>;
  /** Admins: every certificate; others: their own. */
  listCertificates(): Promise<Ack<CertificateInfo[]>>;
  revokeCertificate(fingerprint: string, reason: string): Promise<Ack<CertificateInfo>>;
  /** Checks a statement the server signed (a vote result) against the CA this device trusts. */
  checkServerStatement(statement: string, signature: string): Promise<StatementCheck>;
  exportApprovals(meetingId: string): Promise<Ack<SignedRecord>>;
}
