import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.js';
import { LoginThrottle } from './login-throttle.js';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong or malformed one', async () => {
    const hash = await hashPassword('Mật khẩu dài 123');
    expect(hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('Mật khẩu dài 123', hash)).toBe(true);
    expect(await verifyPassword('Mật khẩu dài 124', hash)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
  it('generates readable passwords without look-alike characters', () => {
    const p = generatePassword(40);
    expect(p).toHaveLength(40);
    expect(p).not.toMatch(/[01lIO]/);
  });
});

describe('login throttle', () => {
  it('blocks an account after five failures from one address, for that address only', () => {
    const t = new LoginThrottle(5, 30, 1000);
    for (let i = 0; i < 5; i++) t.recordFailure('10.0.0.1', 'Chutoa', 0);
    expect(t.isBlocked('10.0.0.1', 'chutoa', 10)).toBe(true);
    expect(t.isBlocked('10.0.0.2', 'chutoa', 10)).toBe(false);
    expect(t.isBlocked('10.0.0.1', 'thuky', 10)).toBe(false);
    expect(t.isBlocked('10.0.0.1', 'chutoa', 1001)).toBe(false);
  });
  it('blocks an address that tries many accounts', () => {
    const t = new LoginThrottle(5, 3, 1000);
    ['a', 'b', 'c'].forEach((u) => t.recordFailure('x', u, 0));
    expect(t.isBlocked('x', 'd', 1)).toBe(true);
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
