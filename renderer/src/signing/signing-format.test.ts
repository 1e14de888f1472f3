import { describe, expect, it } from 'vitest';
import type { Approval } from '../../../shared/protocol/index.js';
import {
  base64Bytes,
  deviceKind,
  enrollParams,
  formatFingerprint,
  isPin,
  shortFingerprint,
  summariseApprovals,
} from './signing-format.js';

const FP = 'ab'.repeat(31) + '0f';

describe('fingerprints', () => {
  it('are written in upper-case pairs joined by colons', () => {
    expect(formatFingerprint(FP)).toBe(`${'AB:'.repeat(31)}0F`);
    expect(shortFingerprint(FP)).toBe('AB:AB:AB:AB…');
  });
});

describe('isPin', () => {
  it('takes 6 to 12 digits and nothing else', () => {
    expect(isPin('123456')).toBe(true);
    expect(isPin('123456789012')).toBe(true);
    expect(isPin('12345')).toBe(false);
    expect(isPin('1234567890123')).toBe(false);
    expect(isPin('12345a')).toBe(false);
    expect(isPin(' 123456')).toBe(false);
  });
});

describe('enrollParams', () => {
  it('reads the code and the CA from the QR link', () => {
    expect(enrollParams(`#/enroll?code=abcd-efgh-jkmn&ca=${FP.toUpperCase()}`)).toEqual({
      code: 'ABCD-EFGH-JKMN',
      ca: FP,
    });
  });
  it('drops a CA that is no SHA-256 and reads nothing from a bare route', () => {
    expect(enrollParams('#/enroll?code=X&ca=zz')).toEqual({ code: 'X', ca: '' });
    expect(enrollParams('#/enroll')).toEqual({ code: '', ca: '' });
  });
});

describe('deviceKind', () => {
  it('tells tablets, phones and computers apart', () => {
    expect(deviceKind('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)')).toBe('tablet');
    expect(deviceKind('Mozilla/5.0 (Linux; Android 14; SM-X710) Safari/537.36')).toBe('tablet');
    expect(deviceKind('Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36')).toBe('phone');
    expect(deviceKind('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)')).toBe('phone');
    expect(deviceKind('Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0')).toBe('computer');
  });
});

describe('base64Bytes', () => {
  it('decodes DER bytes', () => {
    expect([...base64Bytes('MIIBAg==')]).toEqual([0x30, 0x82, 0x01, 0x02]);
  });
});

function approval(over: Partial<Approval> & { signerId: string; id: string }): Approval {
  const { signerId, ...rest } = over;
  return {
    meetingId: 'm',
    documentId: 'd',
    version: 2,
    sha256: 'a'.repeat(64),
    decision: 'approve',
    reason: null,
    signedAt: '2025-01-01T08:00:00Z',
    receivedAt: '2025-01-01T08:00:00Z',
    signer: { id: signerId, displayName: signerId },
    certificate: {
      serial: '01',
      fingerprint: FP,
      commonName: signerId,
      issuerName: 'CA',
      deviceName: 'tablet',
      outside: false,
    },
    verification: 'verified',
    revokedAt: null,
    ...rest,
  };
}

describe('summariseApprovals', () => {
  it("keeps each person's latest decision on the current version and folds the rest", () => {
    const list = [
      approval({ id: '1', signerId: 'Lan', version: 1 }),
      approval({ id: '2', signerId: 'Lan', decision: 'reject', receivedAt: '2025-01-01T08:01:00Z' }),
      approval({ id: '3', signerId: 'Lan', receivedAt: '2025-01-01T08:05:00Z' }),
      approval({ id: '4', signerId: 'Bình', decision: 'reject', receivedAt: '2025-01-01T08:02:00Z' }),
      approval({ id: '5', signerId: 'An', documentId: 'other' }),
    ];
    const s = summariseApprovals(list, 'd', 2);
    expect(s.current.map((a) => a.id)).toEqual(['4', '3']);
    expect(s.older.map((a) => a.id)).toEqual(['2', '1']);
    expect([s.approved, s.rejected]).toEqual([1, 1]);
  });
});
