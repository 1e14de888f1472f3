import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'cabinet-trust-ca-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--trust-ca', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const a = join(dir, 'a.pem');
  const b = join(dir, 'b.pem');
  writeFileSync(a, pem);
  writeFileSync(b, pem.replace('MIIB', 'MIIC'));

  it('reads each file given, on the command line or in the environment', () => {
    expect(readConfig(['--trust-ca', a, '--trust-ca', b], {}).trustedCaPems).toHaveLength(2);
    expect(readConfig([], { CABINET_TRUST_CA: `${a}, ${b}` }).trustedCaPems[1]).toContain('MIIC');
    expect(readConfig([], {}).trustedCaPems).toEqual([]);
  });

  it('refuses a file that is missing or holds no certificate', () => {
    const text = join(dir, 'not.pem');
    writeFileSync(text, 'hello');
    expect(() => readConfig(['--trust-ca', join(dir, 'missing.pem')], {})).toThrow(ConfigError);
    expect(() => readConfig(['--trust-ca', text], {})).toThrow(/no PEM certificate/);
  });
});
