import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { altNameUris, bindingOf, nameAttribute, parseAsn1 } from './certificate.js';
import { DEVICE_URN, OID, USER_URN } from './oids.js';
import type { PublicKey, SigningKey } from './types.js';

/**
 * PKCS#10 certification requests: a device asks the meeting CA for a certificate naming its
 * person (CN, UID) and itself (subjectAltName URIs in an extensionRequest). The CA decides
 * the final extensions; the request only proves the key and says who asks.
 */

function utf8Attribute(type: string, value: string): pkijs.AttributeTypeAndValue {
  return new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) });
}

export async function makeCertificationRequest(params: {
  publicKey: PublicKey;
  privateKey: SigningKey;
  commonName: string;
  userId: string;
  deviceId: string;
}): Promise<Uint8Array> {
  const csr = new pkijs.CertificationRequest();
  csr.subject.typesAndValues.push(utf8Attribute(OID.commonName, params.commonName.normalize('NFC')));
  csr.subject.typesAndValues.push(utf8Attribute(OID.userId, params.userId));
  await csr.subjectPublicKeyInfo.importKey(params.publicKey);
  const altNames = new pkijs.GeneralNames({
    names: [
      new pkijs.GeneralName({ type: 6, value: `${USER_URN}${params.userId}` }),
      new pkijs.GeneralName({ type: 6, value: `${DEVICE_URN}${params.deviceId}` }),
    ],
  });
  const extensions = new pkijs.Extensions({
    extensions: [
      new pkijs.Extension({ extnID: OID.subjectAltName, critical: false, extnValue: altNames.toSchema().toBER(false) }),
    ],
  });
  csr.attributes = [new pkijs.Attribute({ type: OID.extensionRequest, values: [extensions.toSchema()] })];
  await csr.sign(params.privateKey, 'SHA-256');
  return new Uint8Array(csr.toSchema().toBER(false));
}

export interface RequestSummary {
  commonName: string;
  userId: string;
  deviceId?: string;
  /** SubjectPublicKeyInfo, DER: what the CA certifies. */
  publicKeySpki: Uint8Array;
  /** Whether the request is signed by the key it carries (proof of possession). */
  signatureValid: boolean;
}

function requestedUris(csr: pkijs.CertificationRequest): string[] {
  const request = csr.attributes?.find((a) => a.type === OID.extensionRequest);
  const value: unknown = request?.values[0];
  if (!(value instanceof asn1js.Sequence)) return [];
  const extensions = new pkijs.Extensions({ schema: value });
  return altNameUris(extensions.extensions.find((e) => e.extnID === OID.subjectAltName));
}

/** Reads a DER request and checks its self-signature; throws when it is not a request at all. */
export async function readCertificationRequest(der: Uint8Array): Promise<RequestSummary> {
  const csr = new pkijs.CertificationRequest({ schema: parseAsn1(der, 'certification request') });
  let signatureValid = false;
  try {
    signatureValid = await csr.verify();
  } catch {
    signatureValid = false;
  }
  const binding = bindingOf(requestedUris(csr), nameAttribute(csr.subject, OID.userId));
  const summary: RequestSummary = {
    commonName: nameAttribute(csr.subject, OID.commonName) ?? '',
    userId: nameAttribute(csr.subject, OID.userId) ?? binding.userId ?? '',
    publicKeySpki: new Uint8Array(csr.subjectPublicKeyInfo.toSchema().toBER(false)),
    signatureValid,
  };
  if (binding.deviceId) summary.deviceId = binding.deviceId;
  return summary;
}
