import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import forge from 'node-forge';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type StartServerOptions } from '../../server/app.js';
import { openStore } from '../../server/db/open-store.js';
import type { Store } from '../../server/db/store.js';
import { issueDeviceCertificate } from '../../server/pki/issue-certificates.js';
import { defaultKeyFile } from '../../server/pki/key-encryption.js';
import { CA_CERTIFICATE_FILE, CA_DIR, loadMeetingCa, type MeetingCa } from '../../server/pki/meeting-ca.js';
import { createDatabase, dropDatabase, TEST_ENGINE } from '../support/postgres.js';

/**
 * The meeting CA on the engine of this run: made once and kept in the database, its private
 * key sealed under a key-encryption key (KEK) that lives beside the data folder, never in it.
 */

const dirs: string[] = [];
const servers: RunningServer[] = [];
const stores: Store[] = [];
const databases: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const name of databases.splice(0)) await dropDatabase(name);
});

/** A temp folder holding `data/` (the data folder) and, beside it, `data.ca-key`. */
function place(): { root: string; dataDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'cabinet-ca-'));
  dirs.push(root);
  return { root, dataDir: join(root, 'data') };
}

async function emptyDatabase(): Promise<string | undefined> {
  if (TEST_ENGINE !== 'postgres') return undefined;
  const db = await createDatabase();
  databases.push(db.name);
  return db.url;
}

async function start(
  options: Pick<StartServerOptions, 'dataDir'> & Partial<StartServerOptions>,
): Promise<RunningServer> {
  const server = await startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent', seedDemo: false, ...options });
  servers.push(server);
  return server;
}

async function stop(server: RunningServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.close();
}

/** The CA as a start opens it (its key in memory), outside any server. */
async function openCa(dataDir: string, databaseUrl: string | undefined, organization?: string): Promise<MeetingCa> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const store = await openStore({ dataDir, databaseUrl });
  stores.push(store);
  return loadMeetingCa(store, { dataDir, organization, now: new Date() });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function openssl(args: string[], input?: string): string {
  return execFileSync('openssl', args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

describe('meeting CA', () => {
  it('is made on the first start and the same CA is used after a restart; its PEM is public', async () => {
    const { root, dataDir } = place();
    const databaseUrl = await emptyDatabase();
    const first = await start({ dataDir, databaseUrl });
    expect(first.caFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const pemFile = join(dataDir, CA_DIR, CA_CERTIFICATE_FILE);
    expect(readFileSync(pemFile, 'utf8')).toBe(first.caCertificatePem);
    const res = await fetch(`${first.url}/api/pki/ca`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-pem-file');
    expect(await res.text()).toBe(first.caCertificatePem);
    const fingerprint = openssl(['x509', '-noout', '-fingerprint', '-sha256', '-in', pemFile]).trim();
    expect(fingerprint.split('=')[1]).toBe(first.caFingerprint);
    await stop(first);

    // The public file is written again at every start (a deleted one comes back).
    rmSync(pemFile);
    const again = await start({ dataDir, databaseUrl });
    expect(again.caFingerprint).toBe(first.caFingerprint);
    expect(readFileSync(pemFile, 'utf8')).toBe(first.caCertificatePem);

    // The KEK is beside the data folder, owner-only; the CA folder is owner-only too.
    const keyFile = defaultKeyFile(dataDir);
    expect(dirname(keyFile)).toBe(root);
    expect(relative(dataDir, keyFile).startsWith('..')).toBe(true);
    if (process.platform !== 'win32') {
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, CA_DIR)).mode & 0o777).toBe(0o700);
    }
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('a copy of the data folder without the key file cannot open the CA key; a wrong key is refused by name', async () => {
    const { dataDir } = place();
    const databaseUrl = await emptyDatabase();
    const first = await start({ dataDir, databaseUrl });
    await stop(first);

    // The data folder copied alone (a backup): on PostgreSQL, the same database.
    const { dataDir: copy } = place();
    cpSync(dataDir, copy, { recursive: true });
    const copyKey = defaultKeyFile(copy);
    await expect(start({ dataDir: copy, databaseUrl })).rejects.toThrow(
      new RegExp(`Cannot read the CA key file ${copyKey}[^]*Copy that file .* to ${copyKey}`),
    );
    expect(existsSync(copyKey)).toBe(false);

    // Another key (another node's, a new one) does not open it, and says which file is wanted.
    writeFileSync(copyKey, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    await expect(start({ dataDir: copy, databaseUrl })).rejects.toThrow(
      new RegExp(`The key in ${copyKey} does not open the meeting CA's private key[^]*copy that file to ${copyKey}`),
    );
    // Given by path, the right key opens it.
    const restored = await start({ dataDir: copy, databaseUrl, caKeyFile: defaultKeyFile(dataDir) });
    expect(restored.caFingerprint).toBe(first.caFingerprint);
  });

  it('an operator-given passphrase file seals the key; a short one is refused', async () => {
    const { root, dataDir } = place();
    const databaseUrl = await emptyDatabase();
    const keyFile = join(root, 'operator.key');
    writeFileSync(keyFile, 'đây là một câu mật khẩu đủ dài\n', { mode: 0o600 });
    const first = await start({ dataDir, databaseUrl, caKeyFile: keyFile });
    expect(existsSync(defaultKeyFile(dataDir))).toBe(false);
    await stop(first);
    const again = await start({ dataDir, databaseUrl, caKeyFile: keyFile });
    expect(again.caFingerprint).toBe(first.caFingerprint);
    await stop(again);
    writeFileSync(keyFile, 'đây là một câu mật khẩu khác\n');
    await expect(start({ dataDir, databaseUrl, caKeyFile: keyFile })).rejects.toThrow(/does not open/);

    const { root: other, dataDir: otherData } = place();
    const short = join(other, 'short.key');
    writeFileSync(short, 'ngắn quá\n');
    await expect(start({ dataDir: otherData, databaseUrl: await emptyDatabase(), caKeyFile: short })).rejects.toThrow(
      /passphrase of fewer than 12 characters/,
    );
    // Four server starts, each deriving the key from a passphrase (scrypt): slow on a busy 2-core machine.
  }, 120_000);

  it('the private key is in no file of the data folder, in any form', async () => {
    const { dataDir } = place();
    const databaseUrl = await emptyDatabase();
    const server = await start({ dataDir, databaseUrl });
    await stop(server);
    const ca = await openCa(dataDir, databaseUrl);
    const key = ca.forgeKey;
    const pkcs8 = Buffer.from(
      forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))).getBytes(),
      'binary',
    );
    const pkcs1 = Buffer.from(forge.asn1.toDer(forge.pki.privateKeyToAsn1(key)).getBytes(), 'binary');
    const secret = (n: forge.jsbn.BigInteger) => Buffer.from(n.toByteArray()).subarray(-64);
    const needles = [
      pkcs8.subarray(pkcs8.length - 200, pkcs8.length - 136),
      pkcs1.subarray(300, 364),
      secret(key.d),
      secret(key.p),
      secret(key.q),
      // One whole line of a PEM (64 characters from a multiple of 64).
      Buffer.from(pkcs8.toString('base64').slice(448, 512)),
      Buffer.from(pkcs1.toString('base64').slice(448, 512)),
      Buffer.from(key.d.toString(16).slice(0, 64)),
    ];
    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles) expect(bytes.includes(needle), `${file} holds the CA key`).toBe(false);
    }
    // The database's row holds it sealed only.
    const stored = await sql<{ encrypted_key: string }>`SELECT encrypted_key FROM meeting_ca`.execute(stores[0]!.db);
    const sealed = stored.rows[0]!.encrypted_key;
    for (const needle of needles) expect(Buffer.from(sealed).includes(needle)).toBe(false);
    expect(Buffer.from(JSON.parse(sealed).data as string, 'base64').includes(needles[0]!)).toBe(false);
  });

  it('openssl reads the CA with its Vietnamese name and accepts a device certificate issued from a CSR', async () => {
    const { root, dataDir } = place();
    const organization = 'Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng';
    const ca = await openCa(dataDir, await emptyDatabase(), organization);
    const caFile = join(dataDir, CA_DIR, CA_CERTIFICATE_FILE);
    const text = openssl(['x509', '-in', caFile, '-noout', '-text', '-nameopt', 'utf8']);
    expect(text).toContain(`Subject: CN=${organization} Meeting CA, O=${organization}`);
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(text).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(text).toContain('Subject Key Identifier');

    const keyFile = join(root, 'device.key');
    const csrFile = join(root, 'device.csr');
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-subj', '/CN=Mallory/O=Evil']);
    openssl(['req', '-new', '-key', keyFile, '-subj', '/CN=Mallory/O=Evil', '-outform', 'DER', '-out', csrFile]);
    const csr = readFileSync(csrFile);
    const who = { userId: 'user-7', deviceId: 'device-3', displayName: 'Nguyễn Thị Lan' };
    const issued = issueDeviceCertificate(ca, csr, who, new Date());
    const deviceFile = join(root, 'device.pem');
    writeFileSync(deviceFile, issued.pem);
    expect(openssl(['verify', '-CAfile', caFile, deviceFile]).trim()).toBe(`${deviceFile}: OK`);
    const device = openssl(['x509', '-in', deviceFile, '-noout', '-text', '-nameopt', 'utf8']);
    // The subject is the server's word, not the request's.
    expect(device).toContain('Subject: CN=Nguyễn Thị Lan, UID=user-7');
    expect(device).not.toContain('Mallory');
    expect(device).toContain(`Issuer: CN=${organization} Meeting CA, O=${organization}`);
    expect(device).toContain('URI:urn:cabinet:user:user-7, URI:urn:cabinet:device:device-3');
    expect(device).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(device).toMatch(/Extended Key Usage:\s+TLS Web Client Authentication, E-mail Protection/);
    expect(device).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    expect(device).toContain('Authority Key Identifier');
    expect(issued.serialHex).toMatch(/^[4-7][0-9a-f]{31}$/);
    expect(issued.notAfter.getTime() - issued.notBefore.getTime()).toBeGreaterThan(729 * 86_400_000);

    // One flipped bit of the request's signature: refused, nothing issued.
    const forged = Buffer.from(csr);
    forged[forged.length - 5]! ^= 0x01;
    expect(() => issueDeviceCertificate(ca, forged, who, new Date())).toThrow(
      expect.objectContaining({ problem: 'BAD_SIGNATURE' }),
    );
    // A request whose subject was changed after signing: refused the same way; a cut one cannot be read.
    const renamed = Buffer.from(csr);
    const at = renamed.indexOf(Buffer.from('Mallory'));
    expect(at).toBeGreaterThan(0);
    renamed.write('Mallorz', at);
    expect(() => issueDeviceCertificate(ca, renamed, who, new Date())).toThrow(
      expect.objectContaining({ problem: 'BAD_SIGNATURE' }),
    );
    expect(() => issueDeviceCertificate(ca, csr.subarray(0, csr.length - 1), who, new Date())).toThrow(
      expect.objectContaining({ problem: 'MALFORMED' }),
    );
  });

  it('refuses requests with other keys than RSA of 2048 bits or more', async () => {
    const { root, dataDir } = place();
    const ca = await openCa(dataDir, await emptyDatabase());
    const who = { userId: 'u', deviceId: 'd', displayName: 'Lan' };
    const csrWith = (keyArgs: string[], name: string) => {
      const keyFile = join(root, `${name}.key`);
      const csrFile = join(root, `${name}.csr`);
      openssl([
        'req',
        '-new',
        ...keyArgs,
        '-nodes',
        '-keyout',
        keyFile,
        '-subj',
        '/CN=x',
        '-outform',
        'DER',
        '-out',
        csrFile,
      ]);
      return readFileSync(csrFile);
    };
    expect(() => issueDeviceCertificate(ca, csrWith(['-newkey', 'rsa:1024'], 'small'), who, new Date())).toThrow(
      expect.objectContaining({ problem: 'WEAK_KEY' }),
    );
    expect(() =>
      issueDeviceCertificate(
        ca,
        csrWith(['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'ec'),
        who,
        new Date(),
      ),
    ).toThrow(expect.objectContaining({ problem: 'UNSUPPORTED_KEY' }));
    expect(() => issueDeviceCertificate(ca, Buffer.from('not a request'), who, new Date())).toThrow(
      expect.objectContaining({ problem: 'MALFORMED' }),
    );
    // A Node-made RSA 3072 request (forge's CSR builder) is accepted.
    const pair = generateKeyPairSync('rsa', { modulusLength: 3072 });
    const csr = forge.pki.createCertificationRequest();
    csr.publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    csr.setSubject([{ name: 'commonName', value: 'x' }]);
    csr.sign(
      forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
      forge.md.sha256.create(),
    );
    const der = Buffer.from(forge.asn1.toDer(forge.pki.certificationRequestToAsn1(csr)).getBytes(), 'binary');
    expect(issueDeviceCertificate(ca, der, who, new Date()).fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});
