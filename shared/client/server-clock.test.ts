import { describe, expect, it } from 'vitest';
import { clockOffset, serverNow } from './server-clock.js';

describe('the server clock', () => {
  it('is ahead by what its answer says, taken at the middle of the round trip', () => {
    const asked = Date.parse('2026-12-03T07:00:00.000Z');
    // The tablet is 2 minutes behind; the answer took 400 ms there and back.
    const server = new Date(asked + 120_000 + 200).toISOString();
    expect(clockOffset(server, asked, asked + 400)).toBe(120_000);
    expect(clockOffset(new Date(asked - 90_000 + 50).toISOString(), asked, asked + 100)).toBe(-90_000);
  });

  it('is taken as ours when the server sent no time or the round trip says too little', () => {
    const asked = Date.parse('2026-12-03T07:00:00.000Z');
    expect(clockOffset(undefined, asked, asked + 100)).toBe(0);
    expect(clockOffset(new Date(asked + 60_000).toISOString(), asked, asked + 20_000)).toBe(0);
  });

  it('moves the device time by the offset', () => {
    expect(serverNow(120_000, 1_000).getTime()).toBe(121_000);
    expect(serverNow(undefined, 1_000).getTime()).toBe(1_000);
  });
});
