import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.js';
import { randomBytes, scryptSync } from 'node:crypto';
import { generatePassword, hashPassword, needsRehash, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong or malformed one', async () => {
    const hash = await hashPassword('Mật khẩu dài 123');
    expect(hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('Mật khẩu dài 123', hash)).toBe(true);
    expect(await verifyPassword('Mật khẩu dài 124', hash)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
  it("stores OWASP's N=2^14, r=8, p=5 in the hash and checks older hashes with their own", async () => {
    const hash = await hashPassword('pw');
    expect(hash).toMatch(/^scrypt\$16384\$8\$5\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(needsRehash(hash)).toBe(false);
    const salt = randomBytes(16);
    const key = scryptSync('pw', salt, 64, { N: 16384, r: 8, p: 1 });
    const old = ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    expect(await verifyPassword('pw', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });
  it('upgrades a hash weaker in time or memory, keeps one at least as costly on both', () => {
    const h = (n: number, r: number, p: number) => `scrypt$${n}$${r}$${p}$c2FsdA==$a2V5`;
    expect(needsRehash(h(2 ** 14, 8, 1))).toBe(true);
    expect(needsRehash(h(2 ** 15, 8, 1))).toBe(true);
    expect(needsRehash(h(2 ** 13, 8, 10))).toBe(true);
    expect(needsRehash(h(2 ** 17, 8, 1))).toBe(false);
    expect(needsRehash(h(2 ** 16, 8, 2))).toBe(false);
    expect(needsRehash(h(2 ** 14, 8, 6))).toBe(false);
    expect(needsRehash('not-a-hash')).toBe(true);
  });
  it('refuses malformed parameters instead of failing', async () => {
    expect(await verifyPassword('x', 'scrypt$abc$8$1$c2FsdA==$a2V5')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$16384$8$1$c2FsdA==$a2V5$extra')).toBe(false);
  });
  it('generates readable passwords without look-alike characters', () => {
    const p = generatePassword(40);
    expect(p).toHaveLength(40);
    expect(p).not.toMatch(/[01lIO]/);
  });
});

describe('server config', () => {
  it('takes the command line over the environment over defaults', () => {
    expect(readConfig([], {})).toMatchObject({ port: 8080 });
    expect(readConfig([], { CABINET_PORT: '9000' })).toMatchObject({ port: 9000 });
    expect(readConfig(['--port', '7000'], { CABINET_PORT: '9000' })).toMatchObject({ port: 7000 });
    expect(readConfig(['--data', 'x'], { CABINET_DATA_DIR: 'y' }).dataDir).toMatch(/x$/);
    expect(() => readConfig(['--port', 'abc'], {})).toThrow(/Invalid port/);
    expect(() => readConfig(['--bogus'], {})).toThrow();
  });
});

describe('demo switch', () => {
  it('seeds the demo unless --no-demo or CABINET_DEMO=0', () => {
    expect(readConfig([], {}).demo).toBe(true);
    expect(readConfig(['--no-demo'], {}).demo).toBe(false);
    expect(readConfig([], { CABINET_DEMO: '0' }).demo).toBe(false);
  });
});

describe('trusted proxies', () => {
  it('reads --trust-proxy or CABINET_TRUST_PROXY as addresses and CIDRs, and refuses anything else', () => {
    expect(readConfig([], {}).trustProxy).toEqual([]);
    expect(readConfig([], { CABINET_TRUST_PROXY: '10.0.0.2, 10.1.0.0/16,::1' }).trustProxy).toEqual([
      '10.0.0.2',
      '10.1.0.0/16',
      '::1',
    ]);
    expect(readConfig(['--trust-proxy', 'fd00::/8'], { CABINET_TRUST_PROXY: '10.0.0.2' }).trustProxy).toEqual([
      'fd00::/8',
    ]);
    for (const bad of ['balancer.example', '10.0.0.0/33', '10.0.0.1/8/8', '::1/129', '10.0.0/8', 'true'])
      expect(() => readConfig(['--trust-proxy', bad], {})).toThrow(/Invalid --trust-proxy entry/);
  });
});
