import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../db/open-store.js';
import { issueServerCertificate } from '../pki/issue-certificates.js';
import { CA_CERTIFICATE_FILE, CA_DIR, loadMeetingCa } from '../pki/meeting-ca.js';
import { parseServerNames } from '../pki/server-names.js';
import { UsageError } from './usage-error.js';

/**
 * `cabinet tls-certificate`: a TLS certificate of the meeting CA for what ends TLS in front of
 * the nodes (a load balancer in HTTP mode), so that the tablets, which trust that CA alone,
 * accept it. Written as `server.pem` (the certificate, then the CA) and `server.key` (0600).
 */
export interface TlsCertificateArgs {
  names: string;
  out: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  caKeyFile?: string | undefined;
}

export async function tlsCertificateCommand(args: TlsCertificateArgs, print: (line: string) => void): Promise<number> {
  let names: string[];
  try {
    names = parseServerNames(args.names);
  } catch (error) {
    throw new UsageError(`--names: ${(error as Error).message}`);
  }
  if (names.length === 0) throw new UsageError('--names needs at least one DNS name or IP address');
  // Never a new CA from here: the tablets trust the one the server made at its first start.
  if (!existsSync(join(args.dataDir, CA_DIR, CA_CERTIFICATE_FILE)))
    throw new UsageError(
      `no meeting CA in ${args.dataDir}: start the server (a node) with this data folder once first`,
    );
  const store = await openStore({ dataDir: args.dataDir, databaseUrl: args.databaseUrl });
  try {
    const ca = await loadMeetingCa(store, { dataDir: args.dataDir, keyFile: args.caKeyFile, now: new Date() });
    const issued = issueServerCertificate(ca, names, new Date());
    mkdirSync(args.out, { recursive: true, mode: 0o700 });
    writeFileSync(join(args.out, 'server.pem'), issued.chainPem, { mode: 0o644 });
    writeFileSync(join(args.out, 'server.key'), issued.keyPem, { mode: 0o600 });
    print(`Issued by the meeting CA (SHA-256 ${ca.fingerprintDisplay}) for ${names.join(', ')}`);
    print(`  valid until ${issued.notAfter.toISOString()}`);
    print(`  ${join(args.out, 'server.pem')} (certificate, then the CA)`);
    print(`  ${join(args.out, 'server.key')} (private key, mode 0600)`);
    return 0;
  } finally {
    await store.close();
  }
}
