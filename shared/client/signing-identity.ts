import {
  CertificateInfoSchema,
  EnrollAnswerSchema,
  protocolError,
  type Ack,
  type CertificateInfo,
  type CertificateStatus,
} from '../protocol/index.js';
import { identityStatement, statementBytes } from '../domain/signed-statements.js';
import { fingerprintOf, signDetachedCms } from '../signatures/index.js';
import type { ClientState } from './api.js';
import { derToPem, pemToDer, toBase64 } from './base64.js';
import type { HttpFetch } from './http.js';
import {
  asSigningKey,
  certificationRequest,
  certifiesKey,
  makeDeviceKeyPair,
  publicIdentity,
} from './identity-keys.js';
import type { SigningPlatform, StoredIdentity } from './identity-vault.js';
import { FRESH_PIN_COUNTER, afterWrongPin, isWellFormedPin, pinAttemptsLeft, pinWaitUntil } from './pin-lock.js';
import { RSA_SIGNING, openSigningKey, parseSealedKey, sealKeyWithPin, sealPkcs8WithPin } from './pin-seal.js';
import type { EnrollInput, SigningState } from './signing-api.js';
import * as answers from './signing-answers.js';
import { callJson, fetchCaPem } from './signing-http.js';
import type { StoredSession } from './store.js';
import { platformCrypto, type CryptoKeyLike, type WebCryptoLike } from './web-crypto.js';

export interface SigningHost {
  state(): ClientState;
  update(patch: Partial<ClientState>): void;
  session(): StoredSession | null;
  readonly http: HttpFetch;
  now(): Date;
  connected(): boolean;
  emit<T>(name: string, payload: unknown): Promise<Ack<T> | null>;
  /** A revoked device: erase this user's cache and sign out. */
  signOut(): Promise<void>;
}

/** A key unwrapped for one signature, with the identity it belongs to. */
export type Unlocked = { key: CryptoKeyLike; identity: StoredIdentity };

/**
 * The identity half of the core's signing (signing.ts signs with it): this device's identity
 * for the signed-in user, made, imported, kept sealed under the PIN and erased, the PIN
 * policy that unwraps its key, and the wipe of a device whose certificate the server revoked.
 */
export class DeviceIdentities {
  private readonly crypto: WebCryptoLike | null;
  /** PIN tries one after the other, so that the count of wrong ones is exact. */
  private pinQueue: Promise<unknown> = Promise.resolve();
  private loaded: Promise<void> = Promise.resolve();

  constructor(
    protected readonly host: SigningHost,
    protected readonly platform: SigningPlatform | null,
  ) {
    this.crypto = platform?.crypto ?? platformCrypto();
  }

  initialState(): SigningState {
    return { identity: null, approvals: {}, revokedNotice: null };
  }

  /** Reads the signed-in user's identity from the vault (sign-in, start-up). */
  loadIdentity(): Promise<void> {
    const userId = this.host.state().user?.id;
    const vault = this.platform?.vault;
    this.loaded = (async () => {
      const stored = userId && vault ? await vault.load(userId) : null;
      this.publish(userId ?? '', stored);
    })().catch(() => this.publish(userId ?? '', null));
    return this.loaded;
  }

  /** Signed out, or the session ended: nothing of the last user's identity or approvals shows. */
  signedOut(): void {
    this.host.update({ identity: null, approvals: {} });
  }

  async enrollDevice(input: EnrollInput): Promise<Ack<CertificateInfo>> {
    const session = this.host.session();
    if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
    if (!isWellFormedPin(input.pin)) return answers.pinFormatRefused();
    const { vault, crypto } = this.tools();
    if (!vault || !crypto) return answers.noIdentity();
    const expected = input.caFingerprint?.toLowerCase();
    if (expected) {
      // Before the code is spent: is this the server the QR code names?
      const pem = await fetchCaPem(this.host.http, session.serverUrl);
      if (pem === null) return { ok: false, error: protocolError('OFFLINE') };
      if ((await fingerprintOf(pemToDer(pem))) !== expected) return answers.untrusted('not the CA of the code');
    }
    const keys = await makeDeviceKeyPair(crypto);
    const csr = await certificationRequest(keys, session.user);
    const answer = await callJson(this.host.http, session, 'POST', '/api/pki/enroll', EnrollAnswerSchema, {
      code: input.code,
      deviceName: input.deviceName,
      csr: toBase64(csr),
    });
    if (!answer.ok) return answer;
    const certificate = pemToDer(answer.data.certificate);
    const ca = pemToDer(answer.data.caCertificate);
    const caFingerprint = await fingerprintOf(ca);
    if (expected && caFingerprint !== expected) return answers.untrusted('the certificate comes from another CA');
    if (!(await certifiesKey(crypto, certificate, keys.publicKey)) || answer.data.info.userId !== session.user.id)
      return answers.untrusted('the certificate is not for this device’s key');
    const sealedKey = await sealKeyWithPin(crypto, keys.privateKey, RSA_SIGNING, input.pin);
    await this.keep({
      userId: session.user.id,
      serverUrl: session.serverUrl,
      info: answer.data.info,
      certificate: toBase64(certificate),
      chain: [toBase64(ca)],
      caFingerprint,
      sealedKey: JSON.stringify(sealedKey),
      ...FRESH_PIN_COUNTER,
    });
    return { ok: true, data: answer.data.info };
  }

  async importOutsideIdentity(input: {
    p12: Uint8Array;
    password: string;
    pin: string;
  }): Promise<Ack<CertificateInfo>> {
    const session = this.host.session();
    if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
    if (!isWellFormedPin(input.pin)) return answers.pinFormatRefused();
    const { vault, crypto } = this.tools();
    if (!vault || !crypto) return answers.noIdentity();
    if (!this.platform?.readPkcs12) return answers.noPkcs12Reader();
    let contents;
    try {
      contents = await this.platform.readPkcs12(input.p12, input.password);
    } catch (e) {
      const message = e instanceof Error ? e.message : 'unreadable PKCS#12 file';
      return { ok: false, error: protocolError('VALIDATION_FAILED', [{ path: 'p12', message }]) };
    }
    try {
      const { certificate, chain } = contents;
      const privateKey = await crypto.subtle.importKey('pkcs8', contents.pkcs8, RSA_SIGNING, false, ['sign']);
      const fingerprint = await fingerprintOf(certificate);
      const provedAt = this.host.now();
      const statement = identityStatement({ userId: session.user.id, fingerprint, provedAt: provedAt.toISOString() });
      const proof = await signDetachedCms(
        statementBytes(statement),
        { certificate, chain, privateKey: asSigningKey(privateKey) },
        { signingTime: provedAt },
      );
      const answer = await callJson(
        this.host.http,
        session,
        'POST',
        '/api/pki/outside-certificates',
        CertificateInfoSchema,
        {
          certificates: [certificate, ...chain].slice(0, 5).map((c) => derToPem(c)),
          provedAt: provedAt.toISOString(),
          proof: toBase64(proof),
        },
      );
      if (!answer.ok) return answer;
      const top = chain[chain.length - 1];
      await this.keep({
        userId: session.user.id,
        serverUrl: session.serverUrl,
        info: answer.data,
        certificate: toBase64(certificate),
        chain: chain.map(toBase64),
        caFingerprint: top ? await fingerprintOf(top) : '',
        sealedKey: JSON.stringify(await sealPkcs8WithPin(crypto, contents.pkcs8, RSA_SIGNING, input.pin)),
        ...FRESH_PIN_COUNTER,
      });
      return { ok: true, data: answer.data };
    } finally {
      contents.pkcs8.fill(0);
    }
  }
  async forgetIdentity(): Promise<void> {
    const userId = this.host.state().user?.id;
    if (!userId || !this.platform) return;
    await this.platform.vault.erase(userId);
    this.publish(userId, null);
  }

  /** A revoked device: every person's identity on it goes. */
  async eraseEveryIdentity(): Promise<void> {
    await this.platform?.vault.eraseAll();
    this.host.update({ identity: null });
  }

  async dismissRevokedNotice(): Promise<void> {
    if (this.host.state().revokedNotice) this.host.update({ revokedNotice: null });
  }
  /**
   * After a sync: a device whose certificate the server revoked (lost, stolen) erases the
   * person's key and everything cached for them, signs out and says why.
   */
  async checkRevocation(): Promise<void> {
    await this.loaded;
    const userId = this.host.state().user?.id;
    const identity = this.host.state().identity;
    if (!userId || !identity || identity.userId !== userId || !this.platform) return;
    const fingerprint = identity.certificate.fingerprint;
    const answer = await this.host.emit<CertificateStatus>('certificate:status', { fingerprint });
    if (!answer?.ok || answer.data.status !== 'revoked') return;
    if (this.host.state().user?.id !== userId) return;
    await this.platform.vault.erase(userId);
    await this.host.signOut();
    this.host.update({
      identity: null,
      revokedNotice: { revokedAt: answer.data.revokedAt ?? this.host.now().toISOString(), reason: answer.data.reason },
    });
  }

  private tools() {
    return { vault: this.platform?.vault ?? null, crypto: this.crypto };
  }

  private async keep(identity: StoredIdentity): Promise<void> {
    await this.platform?.vault.save(identity);
    this.publish(identity.userId, identity);
  }

  private publish(userId: string, stored: StoredIdentity | null): void {
    if (this.host.state().user?.id !== userId) return;
    this.host.update({ identity: stored ? publicIdentity(stored) : null });
  }

  /** The key for one signature, by the PIN policy of pin-lock.ts. */
  protected unlock(userId: string, pin: string): Promise<Ack<Unlocked>> {
    const run = () => this.tryPin(userId, pin);
    const result = this.pinQueue.then(run, run);
    this.pinQueue = result.catch(() => undefined);
    return result;
  }

  private async tryPin(userId: string, pin: string): Promise<Ack<Unlocked>> {
    const { vault, crypto } = this.tools();
    const stored = vault ? await vault.load(userId) : null;
    if (!vault || !crypto || !stored) return answers.noIdentity();
    const now = this.host.now();
    const wait = pinWaitUntil(stored, now);
    if (wait) return answers.pinLocked(wait);
    const sealed = parseSealedKey(stored.sealedKey);
    const key = sealed ? await openSigningKey(crypto, sealed, pin) : null;
    if (key) {
      const identity = stored.failedPins > 0 ? { ...stored, ...FRESH_PIN_COUNTER } : stored;
      if (identity !== stored) await this.keep(identity);
      return { ok: true, data: { key, identity } };
    }
    const next = afterWrongPin(stored, now);
    if (next.erase) {
      await vault.erase(userId);
      this.publish(userId, null);
      return answers.pinErased();
    }
    await this.keep({ ...stored, ...next.counter });
    return answers.pinIncorrect(pinAttemptsLeft(next.counter));
  }
}
