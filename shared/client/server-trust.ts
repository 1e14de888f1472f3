import type { Ack } from '../protocol/index.js';

/**
 * The desktop's trust in a meeting server reached over https: the meeting CA pinned for that
 * server's origin (electron/tls/). Declared here so that the renderer can type the desktop's
 * optional capability without importing anything of Electron; a browser tab has none.
 */
export interface TrustedServer {
  /** `https://host:port`, as the pin is kept. */
  origin: string;
  /** The CA's SHA-256, as people compare it aloud: `AB:CD:…`. */
  fingerprint: string;
  /** The CA's name (its subject's common name, else the whole subject). */
  subject: string;
}

export interface ServerTrustApi {
  /**
   * Finds the CA with this fingerprint in the server's chain, checks the server under it and
   * pins it for the server's origin. An origin already pinned keeps its CA.
   */
  trustServer(serverUrl: string, fingerprint: string): Promise<Ack<TrustedServer>>;
  /** The pinned CA of this server's origin, if any. */
  serverTrust(serverUrl: string): Promise<TrustedServer | null>;
}

/** `AB:CD:…`, `ab cd …` or bare hex → 64 lower-case hex digits; null when it is not a SHA-256. */
export function parseCaFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** 64 hex digits → `AB:CD:…`. */
export function displayCaFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

/** An address the desktop reaches over TLS, where it needs a pinned CA. */
export function isHttpsAddress(serverUrl: string): boolean {
  return /^https:\/\//i.test(serverUrl.trim());
}
