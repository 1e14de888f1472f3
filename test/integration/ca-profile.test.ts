import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app.js';
import { createDatabase, dropDatabase, TEST_ENGINE } from '../support/postgres.js';

/**
 * The meeting CA as a tablet installs it: the iOS configuration profile and the DER
 * certificate, fetched from a real server and read by outside tools (openssl, Python's plistlib).
 * The CA's organization carries every XML special, so the profile's escaping is tested too.
 */

const ORGANIZATION = `Sở <Kế hoạch> & "Đầu tư" 'Hà Nội'`;
const PROFILE = '/api/pki/ca.mobileconfig';
const DER = '/api/pki/ca.crt';

let dataDir: string;
let databaseUrl: string | undefined;
let databaseName: string | undefined;
let server: RunningServer;
let work: string;

function start(port = 0): Promise<RunningServer> {
  return startServer({
    dataDir,
    databaseUrl,
    port,
    host: '127.0.0.1',
    logLevel: 'silent',
    seedDemo: false,
    caOrganization: ORGANIZATION,
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cabinet-ca-profile-'));
  work = mkdtempSync(join(tmpdir(), 'cabinet-ca-profile-files-'));
  if (TEST_ENGINE === 'postgres') {
    const db = await createDatabase();
    databaseUrl = db.url;
    databaseName = db.name;
  }
  server = await start();
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.ca-key`, { force: true });
  rmSync(work, { recursive: true, force: true });
  if (databaseName) await dropDatabase(databaseName);
});

/** The fingerprint the server prints at start, as lower-case hex. */
const caHex = () => server.caFingerprint.replace(/:/g, '').toLowerCase();

async function download(path: string, method = 'GET'): Promise<{ res: Response; bytes: Buffer }> {
  const res = await fetch(`${server.url}${path}`, { method });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** `openssl x509 -fingerprint -sha256` of a certificate file, as `AB:CD:…`. */
function opensslFingerprint(bytes: Buffer, form: 'DER' | 'PEM'): string {
  const file = join(work, `ca.${form.toLowerCase()}`);
  writeFileSync(file, bytes);
  const out = execFileSync('openssl', ['x509', '-inform', form, '-noout', '-fingerprint', '-sha256', '-in', file], {
    encoding: 'utf8',
  });
  const match = /=([0-9A-F:]{95})\s*$/.exec(out);
  if (!match?.[1]) throw new Error(`unexpected openssl output: ${out}`);
  return match[1];
}

interface ParsedProfile {
  PayloadType: string;
  PayloadVersion: number;
  PayloadIdentifier: string;
  PayloadUUID: string;
  PayloadDisplayName: string;
  PayloadDescription: string;
  PayloadOrganization: string;
  PayloadContent: {
    PayloadType: string;
    PayloadVersion: number;
    PayloadIdentifier: string;
    PayloadUUID: string;
    PayloadDisplayName: string;
    /** Base64 of the <data>, as the script below hands it over. */
    PayloadContent: string;
  }[];
}

/** The profile read by Python's plistlib (a strict XML plist parser of its own). */
function parseWithPlistlib(bytes: Buffer): ParsedProfile {
  const script = [
    'import base64, json, plistlib, sys',
    'p = plistlib.loads(sys.stdin.buffer.read(), fmt=plistlib.FMT_XML)',
    'for inner in p["PayloadContent"]:',
    '    inner["PayloadContent"] = base64.b64encode(inner["PayloadContent"]).decode()',
    'print(json.dumps(p))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: bytes, encoding: 'utf8' })) as ParsedProfile;
}

describe('the meeting CA for tablets', () => {
  it('serves the CA as DER whose SHA-256, by openssl, is the PEM’s and the server’s', async () => {
    const { res, bytes } = await download(DER);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-x509-ca-cert');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="cabinet-meeting-ca.crt"');
    const pem = (await download('/api/pki/ca')).bytes;
    const fromDer = opensslFingerprint(bytes, 'DER');
    expect(fromDer).toBe(opensslFingerprint(pem, 'PEM'));
    expect(fromDer).toBe(server.caFingerprint);
    expect(res.headers.get('x-ca-fingerprint')).toBe(caHex());
    expect(new X509Certificate(bytes).ca).toBe(true);
  });

  it('serves an iOS configuration profile whose root payload is the same DER', async () => {
    const { res, bytes } = await download(PROFILE);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-apple-aspen-config');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="cabinet-meeting-ca.mobileconfig"');
    expect(res.headers.get('x-ca-fingerprint')).toBe(caHex());
    const profile = parseWithPlistlib(bytes);
    expect(profile.PayloadType).toBe('Configuration');
    expect(profile.PayloadVersion).toBe(1);
    expect(profile.PayloadDisplayName).toBe('Cabinet – CA phòng họp / meeting CA');
    // The escaped organization comes back whole, and the description names the fingerprint.
    expect(profile.PayloadOrganization).toBe(ORGANIZATION);
    expect(profile.PayloadDescription).toContain(server.caFingerprint);
    expect(profile.PayloadUUID).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(profile.PayloadContent).toHaveLength(1);
    const [root] = profile.PayloadContent;
    expect(root?.PayloadType).toBe('com.apple.security.root');
    expect(root?.PayloadVersion).toBe(1);
    expect(root?.PayloadDisplayName).toBe(`${ORGANIZATION} Meeting CA`);
    expect(root?.PayloadUUID).not.toBe(profile.PayloadUUID);
    expect(root?.PayloadIdentifier).not.toBe(profile.PayloadIdentifier);
    expect(root?.PayloadIdentifier.startsWith(`${profile.PayloadIdentifier}.`)).toBe(true);
    const inner = Buffer.from(root?.PayloadContent ?? '', 'base64');
    expect(inner.equals((await download(DER)).bytes)).toBe(true);
    expect(opensslFingerprint(inner, 'DER')).toBe(server.caFingerprint);
  });

  it('gives the same profile on every download and after a restart on the same data', async () => {
    const first = (await download(PROFILE)).bytes;
    const second = (await download(PROFILE)).bytes;
    expect(second.equals(first)).toBe(true);
    const port = server.port;
    await server.close();
    server = await start(port);
    const again = (await download(PROFILE)).bytes;
    expect(again.equals(first)).toBe(true);
    const [before, after] = [parseWithPlistlib(first), parseWithPlistlib(again)];
    expect(after.PayloadIdentifier).toBe(before.PayloadIdentifier);
    expect(after.PayloadUUID).toBe(before.PayloadUUID);
    expect(after.PayloadContent[0]?.PayloadUUID).toBe(before.PayloadContent[0]?.PayloadUUID);
  });

  it('answers without a session, to HEAD too, with the security headers', async () => {
    for (const [path, type] of [
      [PROFILE, 'application/x-apple-aspen-config'],
      [DER, 'application/x-x509-ca-cert'],
    ] as const) {
      const get = await download(path);
      const head = await download(path, 'HEAD');
      expect(head.res.status).toBe(200);
      expect(head.res.headers.get('content-type')).toBe(type);
      expect(head.res.headers.get('content-length')).toBe(String(get.bytes.length));
      expect(head.bytes.length).toBe(0);
      for (const res of [get.res, head.res]) {
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      }
    }
  });
});
