import { describe, expect, it } from 'vitest';
import { LoginThrottle, type LoginAttempt } from './login-throttle.js';

function take(t: LoginThrottle, address: string, username: string, now = 0): LoginAttempt {
  const outcome = t.tryReserve(address, username, now);
  if (outcome.kind !== 'granted') throw new Error(`expected a slot, got ${outcome.kind}`);
  return outcome.attempt;
}

function failTimes(t: LoginThrottle, address: string, username: string, times: number, now = 0): void {
  for (let i = 0; i < times; i++) take(t, address, username, now).fail(now);
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('login throttle', () => {
  it('blocks an account after five failures from one address, for that address only', () => {
    const t = new LoginThrottle(5, 30, 1000);
    failTimes(t, '10.0.0.1', 'Chutoa', 5);
    expect(t.tryReserve('10.0.0.1', 'chutoa', 10).kind).toBe('blocked');
    expect(t.tryReserve('10.0.0.2', 'chutoa', 10).kind).toBe('granted');
    expect(t.tryReserve('10.0.0.1', 'thuky', 10).kind).toBe('granted');
    expect(t.tryReserve('10.0.0.1', 'chutoa', 1001).kind).toBe('granted');
  });

  it('blocks an address that tries many accounts', () => {
    const t = new LoginThrottle(5, 3, 1000);
    for (const u of ['a', 'b', 'c']) failTimes(t, 'x', u, 1);
    expect(t.tryReserve('x', 'd', 1).kind).toBe('blocked');
  });

  it('counts attempts in flight against the limit, so parallel ones cannot pass it', () => {
    const t = new LoginThrottle(5, 30, 1000);
    const inFlight = Array.from({ length: 5 }, () => take(t, 'x', 'chutoa'));
    // Not refused yet (none has failed), but not let through either.
    expect(t.tryReserve('x', 'chutoa', 0)).toEqual({ kind: 'busy', keys: ['x|chutoa'] });
    for (const a of inFlight) a.fail(0);
    expect(t.tryReserve('x', 'chutoa', 0).kind).toBe('blocked');
  });

  it('keeps a failed slot as a failure, and frees a released one once only', () => {
    const t = new LoginThrottle(5, 30, 1000);
    const inFlight = Array.from({ length: 5 }, () => take(t, 'x', 'chutoa'));
    inFlight[0]?.fail(0);
    expect(t.tryReserve('x', 'chutoa', 0).kind).toBe('busy');
    inFlight[1]?.release();
    const next = take(t, 'x', 'chutoa');
    expect(t.tryReserve('x', 'chutoa', 0).kind).toBe('busy');
    next.release();
    next.fail(0);
    take(t, 'x', 'chutoa');
    expect(t.tryReserve('x', 'chutoa', 0).kind).toBe('busy');
  });

  it("frees the slot on success and forgets the account's failures, not the address's", () => {
    const t = new LoginThrottle(5, 9, 1000);
    const inFlight = Array.from({ length: 5 }, () => take(t, 'x', 'chutoa'));
    inFlight[0]?.succeed();
    inFlight.slice(1).forEach((a) => a.fail(0));
    take(t, 'x', 'chutoa').succeed();
    failTimes(t, 'x', 'chutoa', 4);
    take(t, 'x', 'chutoa').release();
    failTimes(t, 'x', 'thuky', 1);
    expect(t.tryReserve('x', 'daibieu1', 0).kind).toBe('blocked');
  });

  it('lets exactly five of forty parallel wrong passwords be checked', async () => {
    const t = new LoginThrottle(5, 30, 60_000);
    let checked = 0;
    const answers = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const attempt = await t.reserve('x', 'chutoa');
        if (!attempt) return 429;
        checked++;
        await tick();
        attempt.fail(Date.now());
        return 401;
      }),
    );
    expect(checked).toBe(5);
    expect(answers.filter((s) => s === 429)).toHaveLength(35);
  });

  it('never refuses right passwords: fifty sign-ins behind one address wait for slots and all get in', async () => {
    const t = new LoginThrottle(5, 30, 60_000);
    let running = 0;
    let most = 0;
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const attempt = await t.reserve('nat', `daibieu${i}`);
        if (!attempt) return 429;
        running++;
        most = Math.max(most, running);
        await tick();
        running--;
        attempt.succeed();
        return 200;
      }),
    );
    expect(answers).toEqual(Array<number>(50).fill(200));
    expect(most).toBeLessThanOrEqual(30);
  });

  it('counts failures of one user name from every address, so more addresses buy no more guesses', () => {
    const t = new LoginThrottle(5, 30, 60_000, 15);
    let checked = 0;
    for (let a = 0; a < 12; a++) {
      for (let i = 0; i < 5; i++) {
        const r = t.tryReserve(`10.0.0.${a}`, 'chutoa', 0);
        if (r.kind !== 'granted') continue;
        checked++;
        r.attempt.fail(0);
      }
    }
    // Fifteen from the first three addresses, then one from each of the nine others.
    expect(checked).toBe(15 + 9);
    expect(t.tryReserve('10.0.0.1', 'CHUTOA', 1).kind).toBe('blocked');
    // The chair's own tablet, which never failed, still signs in: nobody can lock a name out.
    const own = t.tryReserve('10.0.9.9', 'chutoa', 1);
    expect(own.kind).toBe('granted');
    expect(t.tryReserve('10.0.0.1', 'thuky', 1).kind).toBe('granted');
  });

  it('bounds right sign-ins of one user name to ten a minute', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 10; i++) {
      const r = t.tryReserve('a', 'daibieu1', i);
      if (r.kind !== 'granted') throw new Error('refused too early');
      r.attempt.succeed(i);
    }
    expect(t.tryReserve('b', 'daibieu1', 20).kind).toBe('blocked');
    expect(t.tryReserve('b', 'daibieu2', 20).kind).toBe('granted');
    expect(t.tryReserve('b', 'daibieu1', 60_001).kind).toBe('granted');
  });

  it('refuses a waiting attempt once the failures it waited on reach the limit', async () => {
    const t = new LoginThrottle(2, 30, 60_000);
    const first = take(t, 'x', 'chutoa');
    const second = take(t, 'x', 'chutoa');
    const waiting = t.reserve('x', 'chutoa', () => 0);
    first.fail(0);
    second.fail(0);
    expect(await waiting).toBeNull();
  });
});
