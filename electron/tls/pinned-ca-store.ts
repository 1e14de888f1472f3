import { X509Certificate } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { certificateFingerprint } from './pinning.js';

/** The pins' file inside the app's data folder. */
export const PINNED_CA_FILE_NAME = 'pinned-servers.json';

/** One meeting server's pinned CA. */
export interface PinnedCa {
  /** `https://host:port` (URL's origin: lower-case host, no default port). */
  origin: string;
  caPem: string;
  /** Lower-case hex SHA-256 of the CA certificate. */
  fingerprint: string;
  pinnedAt: string;
}

const FileSchema = z.object({
  version: z.literal(1),
  servers: z.array(
    z.object({
      origin: z.string().max(2100),
      caPem: z.string().max(20_000),
      fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
      pinnedAt: z.string().max(40),
    }),
  ),
});

/** The origin a pin is kept under; null for anything but an https URL. */
export function httpsOrigin(serverUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return null;
  }
  return url.protocol === 'https:' ? url.origin : null;
}

/**
 * The meeting CA pinned per server origin, in a small JSON file of the app's data folder.
 * Public data whose integrity matters: written whole to a temporary file (0600), synced, then
 * renamed over the old one, so a crash leaves the old pins or the new ones, never half.
 * An entry whose certificate does not parse or does not match its fingerprint is dropped
 * (fails closed: that server asks for its fingerprint again); an unreadable file is set
 * aside, not trusted.
 */
export class PinnedCaStore {
  readonly file: string;
  private readonly pins = new Map<string, PinnedCa>();

  constructor(dataDir: string, warn: (message: string) => void = () => {}) {
    this.file = join(dataDir, PINNED_CA_FILE_NAME);
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    let parsed: z.infer<typeof FileSchema>;
    try {
      parsed = FileSchema.parse(JSON.parse(text));
    } catch {
      const aside = `${this.file}.unreadable-${Date.now()}`;
      renameSync(this.file, aside);
      warn(`The pinned meeting CAs could not be read; the file was moved to ${aside}.`);
      return;
    }
    for (const entry of parsed.servers) {
      if (httpsOrigin(entry.origin) !== entry.origin || !matches(entry.caPem, entry.fingerprint)) {
        warn(`The pinned meeting CA of ${entry.origin} is damaged and was dropped.`);
        continue;
      }
      this.pins.set(entry.origin, { ...entry });
    }
  }

  /** The pin of this server's origin (any URL of it), if any. */
  get(serverUrl: string): PinnedCa | undefined {
    const origin = httpsOrigin(serverUrl);
    return origin ? this.pins.get(origin) : undefined;
  }

  /** Every pinned origin's host name (a host with a pin is never reached over plain http). */
  hasPinnedHost(hostname: string): boolean {
    for (const origin of this.pins.keys()) if (new URL(origin).hostname === hostname) return true;
    return false;
  }

  list(): PinnedCa[] {
    return [...this.pins.values()].map((pin) => ({ ...pin }));
  }

  /** Pins `caPem` for the server's origin and writes the file before it answers. */
  set(serverUrl: string, caPem: string, now: Date = new Date()): PinnedCa {
    const origin = httpsOrigin(serverUrl);
    if (!origin) throw new Error('Only an https server can have a pinned CA.');
    const pin: PinnedCa = { origin, caPem, fingerprint: certificateFingerprint(caPem), pinnedAt: now.toISOString() };
    const next = new Map(this.pins).set(origin, pin);
    this.write([...next.values()]);
    this.pins.set(origin, pin);
    return { ...pin };
  }

  private write(servers: PinnedCa[]): void {
    const body = `${JSON.stringify({ version: 1, servers }, null, 2)}\n`;
    const temp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, body);
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      unlinkSync(temp);
      throw error;
    }
    closeSync(fd);
    // The mode of an existing file is kept by open(); a umask cannot widen 0600 but be sure.
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }
}

function matches(pem: string, fingerprint: string): boolean {
  try {
    return new X509Certificate(pem).ca && certificateFingerprint(pem) === fingerprint;
  } catch {
    return false;
  }
}
