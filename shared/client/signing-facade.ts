import type { Ack, CertificateInfo, CommandReceipt, EnrollmentCode, SignedRecord } from '../protocol/index.js';
import type { ApproveInput, EnrollInput, SignMinutesInput, SigningApi, StatementCheck } from './signing-api.js';

/** The signing half of `ClientApi` as the core shows it: every call goes to its `signing` (signing.ts). */
export abstract class SigningFacade implements SigningApi {
  protected abstract readonly signing: SigningApi;

  enrollDevice(input: EnrollInput): Promise<Ack<CertificateInfo>> {
    return this.signing.enrollDevice(input);
  }
  importOutsideIdentity(input: { p12: Uint8Array; password: string; pin: string }): Promise<Ack<CertificateInfo>> {
    return this.signing.importOutsideIdentity(input);
  }
  approveDocument(input: ApproveInput): Promise<Ack<CommandReceipt>> {
    return this.signing.approveDocument(input);
  }
  signMinutes(input: SignMinutesInput): Promise<Ack<CommandReceipt>> {
    return this.signing.signMinutes(input);
  }
  forgetIdentity(): Promise<void> {
    return this.signing.forgetIdentity();
  }
  dismissRevokedNotice(): Promise<void> {
    return this.signing.dismissRevokedNotice();
  }
  createEnrollmentCode(userId: string): Promise<Ack<EnrollmentCode>> {
    return this.signing.createEnrollmentCode(userId);
  }
  listCertificates(): Promise<Ack<CertificateInfo[]>> {
    return this.signing.listCertificates();
  }
  revokeCertificate(fingerprint: string, reason: string): Promise<Ack<CertificateInfo>> {
    return this.signing.revokeCertificate(fingerprint, reason);
  }
  checkServerStatement(statement: string, signature: string): Promise<StatementCheck> {
    return this.signing.checkServerStatement(statement, signature);
  }
  exportApprovals(meetingId: string): Promise<Ack<SignedRecord>> {
    return this.signing.exportApprovals(meetingId);
  }
}
