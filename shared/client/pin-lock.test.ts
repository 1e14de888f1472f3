import { describe, expect, it } from 'vitest';
import {
  FRESH_PIN_COUNTER,
  afterWrongPin,
  isWellFormedPin,
  pinAttemptsLeft,
  pinWaitUntil,
  type PinCounter,
} from './pin-lock.js';
import { fromBase64, toBase64 } from './base64.js';

const t0 = new Date('2026-03-01T08:00:00.000Z');

describe('PIN lock', () => {
  it('takes 6 to 12 digits only', () => {
    for (const pin of ['123456', '123456789012']) expect(isWellFormedPin(pin), pin).toBe(true);
    for (const pin of ['12345', '1234567890123', '12345a', '١٢٣٤٥٦', ' 123456', ''])
      expect(isWellFormedPin(pin), pin).toBe(false);
  });

  it('counts 4 misses freely, then waits 30 s doubling, and erases at the 10th', () => {
    let counter: PinCounter = FRESH_PIN_COUNTER;
    const waits: number[] = [];
    for (let miss = 1; miss <= 9; miss += 1) {
      const next = afterWrongPin(counter, t0);
      expect(next.erase).toBe(false);
      counter = next.counter;
      expect(pinAttemptsLeft(counter)).toBe(10 - miss);
      const until = pinWaitUntil(counter, t0);
      waits.push(until ? (until.getTime() - t0.getTime()) / 1000 : 0);
    }
    expect(waits).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480]);
    expect(afterWrongPin(counter, t0)).toEqual({ counter: { failedPins: 10, lockedUntil: null }, erase: true });
  });

  it('lets a try through once the wait is over', () => {
    const counter = { failedPins: 5, lockedUntil: new Date(t0.getTime() + 30_000).toISOString() };
    expect(pinWaitUntil(counter, new Date(t0.getTime() + 29_999))).not.toBeNull();
    expect(pinWaitUntil(counter, new Date(t0.getTime() + 30_000))).toBeNull();
  });
});

describe('base64', () => {
  it('round-trips every length and refuses what is not base64', () => {
    for (let n = 0; n < 40; n += 1) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 0xff);
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromBase64(text)).toEqual(bytes);
    }
    expect(() => fromBase64('ab$c')).toThrow();
  });
});
