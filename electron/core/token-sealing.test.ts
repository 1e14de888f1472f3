import { describe, expect, it } from 'vitest';
import { chooseTokenSealer, type SafeStorageLike } from './token-sealing.js';

const TOKEN = 'tok-3q2kR9xVbYw7LmN0pQ1sT5uZ';

/** Stands in for Electron's safeStorage: counts what it is asked to encrypt. */
function fakeSafeStorage(options: { available: boolean; backend?: string }) {
  const calls = { encrypt: 0, decrypt: 0 };
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => options.available,
    encryptString: (plain) => {
      calls.encrypt += 1;
      return Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a));
    },
    decryptString: (sealed) => {
      calls.decrypt += 1;
      return Buffer.from([...sealed].map((b) => b ^ 0x5a)).toString();
    },
  };
  if (options.backend !== undefined) {
    const backend = options.backend;
    storage.getSelectedStorageBackend = () => backend;
  }
  return { storage, calls };
}

function choose(platform: NodeJS.Platform, options: { available: boolean; backend?: string }) {
  const { storage, calls } = fakeSafeStorage(options);
  const warnings: string[] = [];
  const sealer = chooseTokenSealer(storage, platform, (m) => warnings.push(m));
  return { sealer, calls, warnings };
}

describe('choosing how the session token is kept', () => {
  it.each([
    ['linux', 'gnome_libsecret'],
    ['linux', 'kwallet'],
    ['linux', 'kwallet5'],
    ['linux', 'kwallet6'],
    ['darwin', undefined],
    ['win32', undefined],
  ] as const)('seals with the OS key store on %s (%s)', (platform, backend) => {
    const { sealer, calls, warnings } = choose(platform, { available: true, backend });
    const sealed = sealer.seal(TOKEN);
    expect(calls.encrypt).toBe(1);
    expect(sealed).not.toContain(TOKEN);
    expect(sealer.open(sealed)).toBe(TOKEN);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['linux', { available: true, backend: 'basic_text' }, 'basic_text'],
    ['linux', { available: true, backend: 'unknown' }, 'unknown'],
    ['linux', { available: true, backend: 'a_future_store' }, 'a_future_store'],
    ['linux', { available: true }, 'unknown'],
    ['linux', { available: false, backend: 'gnome_libsecret' }, 'not available'],
    ['darwin', { available: false }, 'not available'],
    ['win32', { available: false }, 'not available'],
  ] as const)('keeps the token in memory only on %s with %j', (platform, options, why) => {
    const { sealer, calls, warnings } = choose(platform, options);
    const stored = sealer.seal(TOKEN);
    // basic_text "encrypts" with a key built into Chromium: that would only look like a seal.
    expect(calls.encrypt).toBe(0);
    expect(stored).not.toContain(TOKEN);
    expect(sealer.open(stored)).toBe(TOKEN); // the same run still has it
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(why);
  });

  it('a memory-only token does not outlive the run that made it', () => {
    const first = choose('linux', { available: true, backend: 'basic_text' }).sealer;
    const stored = first.seal(TOKEN);
    const afterRestart = choose('linux', { available: true, backend: 'basic_text' }).sealer;
    expect(afterRestart.open(stored)).toBeNull();
  });

  it('an OS-sealed token that cannot be opened any more reads as none', () => {
    const { sealer } = choose('linux', { available: true, backend: 'gnome_libsecret' });
    const broken: SafeStorageLike = {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: () => Buffer.alloc(0),
      decryptString: () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      },
    };
    expect(chooseTokenSealer(broken, 'linux', () => undefined).open(sealer.seal(TOKEN))).toBeNull();
  });
});
