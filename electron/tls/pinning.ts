import { X509Certificate } from 'node:crypto';
import {
  checkServerIdentity,
  connect,
  type ConnectionOptions,
  type DetailedPeerCertificate,
  type PeerCertificate,
} from 'node:tls';

/**
 * The desktop trusts one CA: the meeting CA whose SHA-256 fingerprint it was given when it
 * was enrolled (a QR code, a code read out). `ca` replaces Node's and the system's roots, so
 * a certificate from any other CA is refused even where the OS trusts that CA; the
 * identity check also compares the issuer's fingerprint with the pinned one.
 */
export interface PinnedTlsOptions {
  ca: string[];
  rejectUnauthorized: true;
  minVersion: 'TLSv1.2';
  checkServerIdentity: (hostname: string, cert: PeerCertificate) => Error | undefined;
}

export type PinningProblem = 'CA_MISMATCH' | 'NOT_TLS' | 'UNREACHABLE' | 'CERTIFICATE_INVALID';

export class PinningError extends Error {
  override name = 'PinningError';
  constructor(
    readonly problem: PinningProblem,
    message: string,
  ) {
    super(message);
  }
}

/** `AB:CD:…`, `ab cd …` or `abcd…` → lower-case hex. */
export function normalizeFingerprint(text: string): string {
  return text.replace(/[\s:]/g, '').toLowerCase();
}

export function certificateFingerprint(pem: string): string {
  return normalizeFingerprint(new X509Certificate(pem).fingerprint256);
}

/** Options for node:https, node:tls and socket.io-client (in Node) that trust the pinned CA alone. */
export function pinnedTlsOptions(caPem: string): PinnedTlsOptions {
  const pinned = certificateFingerprint(caPem);
  return {
    ca: [caPem],
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    checkServerIdentity(hostname, cert) {
      const error = checkServerIdentity(hostname, cert);
      if (error) return error;
      const issuer = (cert as Partial<DetailedPeerCertificate>).issuerCertificate;
      if (!issuer?.fingerprint256 || normalizeFingerprint(issuer.fingerprint256) !== pinned)
        return new PinningError('CA_MISMATCH', "The server's certificate is not issued by the pinned meeting CA.");
      return undefined;
    },
  };
}

/** The peer's chain as Node gives it, leaf first, each certificate once. */
function chainOf(leaf: PeerCertificate): PeerCertificate[] {
  const chain: PeerCertificate[] = [];
  const seen = new Set<string>();
  let cert: PeerCertificate | undefined = leaf;
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(cert);
    cert = (cert as Partial<DetailedPeerCertificate>).issuerCertificate;
  }
  return chain;
}

function target(serverUrl: string): { host: string; port: number; servername: string | undefined } {
  const url = new URL(serverUrl);
  if (url.protocol !== 'https:')
    throw new PinningError('NOT_TLS', `The meeting server must be reached over https (${url.protocol} given).`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return {
    host,
    port: url.port ? Number(url.port) : 443,
    // SNI takes names only, never addresses.
    servername: /^[\d.]+$/.test(host) || host.includes(':') ? undefined : host,
  };
}

function handshake(options: ConnectionOptions, timeoutMs: number): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect(options);
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('timed out')));
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate(true);
      socket.end();
      resolve(peer);
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(error);
    });
  });
}

/**
 * Finds the meeting CA whose fingerprint the enrolment gave in the chain the server sends
 * (one connection that reads the chain and trusts nothing), then checks that the server's
 * certificate, for this host name, chains to that CA (a second connection trusting it
 * alone). Its PEM, to be kept and pinned; else a PinningError: CA_MISMATCH when no such CA is
 * in the chain or the certificate is not its own.
 */
export async function probeServerCa(
  serverUrl: string,
  expectedFingerprint: string,
  options: { timeoutMs?: number } = {},
): Promise<string> {
  const expected = normalizeFingerprint(expectedFingerprint);
  if (!/^[0-9a-f]{64}$/.test(expected))
    throw new PinningError('CA_MISMATCH', 'The expected CA fingerprint is not a SHA-256 fingerprint.');
  const where = target(serverUrl);
  const timeoutMs = options.timeoutMs ?? 10_000;
  let peer: PeerCertificate;
  try {
    // Trusts nothing: only reads what the server presents.
    peer = await handshake({ ...where, rejectUnauthorized: false }, timeoutMs);
  } catch (error) {
    throw new PinningError('UNREACHABLE', `The meeting server cannot be reached: ${(error as Error).message}`);
  }
  const ca = chainOf(peer).find((cert) => normalizeFingerprint(cert.fingerprint256) === expected);
  if (!ca)
    throw new PinningError(
      'CA_MISMATCH',
      "No certificate in the server's chain has the expected fingerprint: this is not the meeting server you were enrolled for.",
    );
  const pem = new X509Certificate(ca.raw).toString();
  if (!new X509Certificate(pem).ca)
    throw new PinningError('CA_MISMATCH', 'The certificate with the expected fingerprint is not a CA.');
  try {
    await handshake({ ...where, ...pinnedTlsOptions(pem) }, timeoutMs);
  } catch (error) {
    throw new PinningError(
      error instanceof PinningError ? error.problem : 'CERTIFICATE_INVALID',
      `The server's certificate does not hold under the meeting CA: ${(error as Error).message}`,
    );
  }
  return pem;
}
