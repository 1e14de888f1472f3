import { describe, expect, it } from 'vitest';
import type { TrustedServer } from '../../shared/client/server-trust.js';
import {
  INVOKE_CHANNELS,
  IPC_CHANNELS,
  IpcRefusedError,
  TRUST_CHANNELS,
  handleTrustInvoke,
  type IpcTrust,
} from './ipc-contract.js';

const HEX = 'ab'.repeat(32);
const server: TrustedServer = { origin: 'https://10.0.0.5:8443', fingerprint: 'AB:'.repeat(31) + 'AB', subject: 'X' };

function fakeTrust(): IpcTrust & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    trustServer: async (...args) => {
      calls.push(['trustServer', ...args]);
      return { ok: true, data: server };
    },
    serverTrust: async (...args) => {
      calls.push(['serverTrust', ...args]);
      return server;
    },
  };
}

describe('IPC contract: the trust channels', () => {
  it('are their own, beside the core channels', () => {
    expect(TRUST_CHANNELS).toEqual([IPC_CHANNELS.trustServer, IPC_CHANNELS.serverTrust]);
    for (const channel of TRUST_CHANNELS) expect(INVOKE_CHANNELS as readonly string[]).not.toContain(channel);
  });

  it('refuse other channels and wrong arity', async () => {
    const trust = fakeTrust();
    await expect(handleTrustInvoke(trust, IPC_CHANNELS.login, [])).rejects.toBeInstanceOf(IpcRefusedError);
    await expect(handleTrustInvoke(trust, IPC_CHANNELS.trustServer, ['https://a'])).rejects.toThrow(/2 argument/);
    await expect(handleTrustInvoke(trust, IPC_CHANNELS.serverTrust, [])).rejects.toThrow(/1 argument/);
    expect(trust.calls).toEqual([]);
  });

  it('trustServer takes an http(s) URL and a SHA-256 fingerprint in any common form, nothing else', async () => {
    const trust = fakeTrust();
    const bad: unknown[][] = [
      ['file:///etc/passwd', HEX],
      ['javascript:alert(1)', HEX],
      ['not a url', HEX],
      [`https://a/${'x'.repeat(2100)}`, HEX],
      ['https://10.0.0.5:8443', 'AB:CD'],
      ['https://10.0.0.5:8443', `${HEX}00`],
      ['https://10.0.0.5:8443', 'zz'.repeat(32)],
      ['https://10.0.0.5:8443', { toString: () => HEX }],
      [{ href: 'https://10.0.0.5' }, HEX],
    ];
    for (const args of bad) {
      expect(await handleTrustInvoke(trust, IPC_CHANNELS.trustServer, args)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    expect(trust.calls).toEqual([]);
    const display = HEX.toUpperCase().match(/../g)?.join(':') ?? '';
    for (const fingerprint of [HEX, display, display.replace(/:/g, ' ')]) {
      expect(await handleTrustInvoke(trust, IPC_CHANNELS.trustServer, ['https://10.0.0.5:8443', fingerprint])).toEqual({
        ok: true,
        data: server,
      });
    }
    expect(trust.calls).toHaveLength(3);
  });

  it('serverTrust answers null for anything but an http(s) URL', async () => {
    const trust = fakeTrust();
    expect(await handleTrustInvoke(trust, IPC_CHANNELS.serverTrust, ['file:///x'])).toBeNull();
    expect(await handleTrustInvoke(trust, IPC_CHANNELS.serverTrust, [42])).toBeNull();
    expect(await handleTrustInvoke(trust, IPC_CHANNELS.serverTrust, ['https://10.0.0.5:8443'])).toEqual(server);
    expect(trust.calls).toEqual([['serverTrust', 'https://10.0.0.5:8443']]);
  });
});
