import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseServerNames, tlsByDefault } from './pki/server-names.js';
import type { BackupSchedule } from './backup/backup-service.js';

export interface ServerConfig {
  dataDir: string;
  port: number;
  host: string;
  /** Seed the demo meeting into an empty database (off: only an admin is created). */
  demo: boolean;
  /** `postgres://…` (a city-wide deployment); undefined: the SQLite file in the data folder. */
  databaseUrl: string | undefined;
  /**
   * Addresses or CIDRs of the proxies (a load balancer) whose X-Forwarded-For is believed, so
   * that the sign-in throttle counts each client's own address; empty: the peer's address.
   */
  trustProxy: string[];
  /** The largest document upload, in bytes. */
  maxDocumentBytes: number;
  /** HTTPS/WSS on the port (plain HTTP only from loopback); on by default unless `host` is loopback. */
  tls: boolean;
  /** Names and addresses of the TLS certificate; undefined: the machine's own. */
  tlsNames: string[] | undefined;
  /** The file with the key that seals the meeting CA's private key; undefined: `<dataDir>.ca-key`. */
  caKeyFile: string | undefined;
  /** O of the meeting CA when it is made (first start); undefined: "Paperless Cabinet". */
  caOrganization: string | undefined;
  /** PEM text of outside CAs whose certificates people may register as signing identities. */
  trustedCaPems: string[];
  /** The daily backup (`--backup-dir`); undefined: none. */
  backup: BackupSchedule | undefined;
}

export class ConfigError extends Error {}

/** Command line first, then environment, then defaults. */
export function readConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'no-demo': { type: 'boolean' },
      database: { type: 'string' },
      'trust-proxy': { type: 'string' },
      'max-document-mb': { type: 'string' },
      tls: { type: 'boolean' },
      'no-tls': { type: 'boolean' },
      'tls-names': { type: 'string' },
      'ca-key-file': { type: 'string' },
      'ca-organization': { type: 'string' },
      'trust-ca': { type: 'string', multiple: true },
      'backup-dir': { type: 'string' },
      'backup-at': { type: 'string' },
      'backup-keep': { type: 'string' },
    },
    strict: true,
  });
  const portText = values.port ?? env.CABINET_PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`Invalid port: ${portText}`);
  const mbText = values['max-document-mb'] ?? env.CABINET_MAX_DOCUMENT_MB ?? '200';
  const mb = Number(mbText);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 4096) throw new ConfigError(`Invalid --max-document-mb: ${mbText}`);
  const host = values.host ?? env.CABINET_HOST ?? '0.0.0.0';
  const namesText = values['tls-names'] ?? env.CABINET_TLS_NAMES;
  let tlsNames: string[] | undefined;
  try {
    tlsNames = namesText === undefined ? undefined : parseServerNames(namesText);
  } catch (error) {
    throw new ConfigError(`Invalid --tls-names: ${(error as Error).message}`);
  }
  const caKeyFile = values['ca-key-file'] ?? (env.CABINET_CA_KEY_FILE || undefined);
  return {
    maxDocumentBytes: Math.floor(mb * 1024 * 1024),
    dataDir: resolve(values.data ?? env.CABINET_DATA_DIR ?? 'data'),
    port,
    host,
    tls: readTls(values.tls, values['no-tls'], env.CABINET_TLS, host),
    tlsNames: tlsNames?.length ? tlsNames : undefined,
    caKeyFile: caKeyFile === undefined ? undefined : resolve(caKeyFile),
    caOrganization: values['ca-organization'] ?? (env.CABINET_CA_ORGANIZATION || undefined),
    trustedCaPems: readTrustedCas(values['trust-ca'] ?? (env.CABINET_TRUST_CA ?? '').split(',')),
    databaseUrl: values.database ?? (env.CABINET_DATABASE_URL || undefined),
    trustProxy: parseTrustProxy(values['trust-proxy'] ?? env.CABINET_TRUST_PROXY ?? ''),
    backup: readBackupSchedule(
      values['backup-dir'] ?? (env.CABINET_BACKUP_DIR || undefined),
      values['backup-at'] ?? (env.CABINET_BACKUP_AT || undefined),
      values['backup-keep'] ?? (env.CABINET_BACKUP_KEEP || undefined),
    ),
    demo: !(values['no-demo'] ?? ['0', 'false', 'no'].includes((env.CABINET_DEMO ?? '').toLowerCase())),
  };
}

/** `--tls` / `--no-tls`, else CABINET_TLS (1/0, true/false, yes/no), else on unless the host is loopback. */
function readTls(on: boolean | undefined, off: boolean | undefined, env: string | undefined, host: string): boolean {
  if (on && off) throw new ConfigError('--tls and --no-tls contradict each other.');
  if (on) return true;
  if (off) return false;
  const text = (env ?? '').trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  if (text !== '') throw new ConfigError(`Invalid CABINET_TLS: ${env ?? ''}`);
  return tlsByDefault(host);
}

/** `10.0.0.2, 10.1.0.0/16, ::1`: each an IPv4 or IPv6 address, with an optional prefix length. */
export function parseTrustProxy(text: string): string[] {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 6 ? 128 : 32;
    const validPrefix = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !validPrefix || rest.length > 0)
      throw new ConfigError(`Invalid --trust-proxy entry (an IP address or CIDR is expected): ${entry}`);
  }
  return entries;
}

/**
 * `--trust-ca FILE` (again for each file) or `CABINET_TRUST_CA=a.pem,b.pem`: outside CAs (a
 * national CA for people's digital signatures) whose certificates may be registered as
 * signing identities. Each file must hold at least one PEM certificate.
 */
function readTrustedCas(files: string[]): string[] {
  return files
    .map((f) => f.trim())
    .filter((f) => f !== '')
    .map((file) => {
      let text: string;
      try {
        text = readFileSync(resolve(file), 'utf8');
      } catch (error) {
        throw new ConfigError(`Cannot read --trust-ca ${file}: ${(error as Error).message}`);
      }
      if (!text.includes('-----BEGIN CERTIFICATE-----'))
        throw new ConfigError(`--trust-ca ${file} holds no PEM certificate`);
      return text;
    });
}

/** `--backup-dir DIR [--backup-at HH:MM] [--backup-keep N]`: a backup every day (02:00, the last 7 kept by default). */
function readBackupSchedule(
  dir: string | undefined,
  at: string | undefined,
  keep: string | undefined,
): BackupSchedule | undefined {
  if (dir === undefined) {
    if (at !== undefined || keep !== undefined)
      throw new ConfigError('--backup-at and --backup-keep need --backup-dir');
    return undefined;
  }
  const time = at ?? '02:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new ConfigError(`Invalid --backup-at (HH:MM expected): ${time}`);
  const count = Number(keep ?? '7');
  if (!Number.isInteger(count) || count < 1 || count > 366)
    throw new ConfigError(`Invalid --backup-keep (1 to 366): ${keep ?? ''}`);
  return { dir: resolve(dir), at: time, keep: count };
}
