import { describe, expect, it } from 'vitest';
import { CatchUps } from './catch-up.js';

describe('catch-ups of a meeting', () => {
  it('run one at a time, and once more when a gap was seen meanwhile', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const catchUps = new CatchUps(async () => {
      calls += 1;
      if (calls === 1) await new Promise<void>((r) => (release = r));
      return true;
    });
    const first = catchUps.run('m');
    await catchUps.run('m'); // a gap while the first is on its way: not a second request now
    expect(calls).toBe(1);
    release();
    await first;
    expect(calls).toBe(2);
  });

  it('stop when a catch-up could not be answered', async () => {
    let calls = 0;
    const catchUps = new CatchUps(async () => {
      calls += 1;
      return false;
    });
    await catchUps.run('m');
    expect(calls).toBe(1);
  });
});
