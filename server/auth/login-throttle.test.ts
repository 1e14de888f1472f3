import { describe, expect, it } from 'vitest';
import { LoginThrottle, type LoginAttempt } from './login-throttle.js';

async function take(t: LoginThrottle, address: string, username: string, now = 0): Promise<LoginAttempt> {
  const outcome = await t.tryReserve(address, username, now);
  if (outcome.kind !== 'granted') throw new Error(`expected a slot, got ${outcome.kind}`);
  return outcome.attempt;
}

async function failTimes(t: LoginThrottle, address: string, username: string, times: number, now = 0): Promise<void> {
  for (let i = 0; i < times; i++) await (await take(t, address, username, now)).fail(now);
}

async function takeMany(t: LoginThrottle, address: string, username: string, n: number): Promise<LoginAttempt[]> {
  const taken: LoginAttempt[] = [];
  for (let i = 0; i < n; i++) taken.push(await take(t, address, username));
  return taken;
}

const kind = async (t: LoginThrottle, address: string, username: string, now: number) =>
  (await t.tryReserve(address, username, now)).kind;

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('login throttle', () => {
  it('blocks an account after five failures from one address, for that address only', async () => {
    const t = new LoginThrottle({ perAccount: 5, perAddress: 30, windowMs: 1000 });
    await failTimes(t, '10.0.0.1', 'Chutoa', 5);
    expect(await kind(t, '10.0.0.1', 'chutoa', 10)).toBe('blocked');
    expect(await kind(t, '10.0.0.2', 'chutoa', 10)).toBe('granted');
    expect(await kind(t, '10.0.0.1', 'thuky', 10)).toBe('granted');
    expect(await kind(t, '10.0.0.1', 'chutoa', 1001)).toBe('granted');
  });

  it('tells a refused sign-in how long to wait: the failure window, or the minute of successes', async () => {
    const t = new LoginThrottle({ perAccount: 2, perAddress: 30, windowMs: 300_000, successesPerMinute: 1 });
    await failTimes(t, 'x', 'chutoa', 2);
    expect(await t.admit('x', 'chutoa', () => 10)).toEqual({ retryAfterMs: 300_000 });
    await (await take(t, 'y', 'thuky')).succeed(0);
    expect(await t.admit('y', 'thuky', () => 10)).toEqual({ retryAfterMs: 60_000 });
  });

  it('blocks an address that tries many accounts', async () => {
    const t = new LoginThrottle({ perAccount: 5, perAddress: 3, windowMs: 1000 });
    for (const u of ['a', 'b', 'c']) await failTimes(t, 'x', u, 1);
    expect(await kind(t, 'x', 'd', 1)).toBe('blocked');
  });

  it('counts attempts in flight against the limit, so parallel ones cannot pass it', async () => {
    const t = new LoginThrottle({ perAccount: 5, perAddress: 30, windowMs: 1000 });
    const inFlight = await takeMany(t, 'x', 'chutoa', 5);
    // Not refused yet (none has failed), but not let through either.
    expect(await t.tryReserve('x', 'chutoa', 0)).toEqual({ kind: 'busy', keys: ['x|chutoa'] });
    for (const a of inFlight) await a.fail(0);
    expect(await kind(t, 'x', 'chutoa', 0)).toBe('blocked');
  });

  it('keeps a failed slot as a failure, and frees a released one once only', async () => {
    const t = new LoginThrottle({ perAccount: 5, perAddress: 30, windowMs: 1000 });
    const inFlight = await takeMany(t, 'x', 'chutoa', 5);
    await inFlight[0]?.fail(0);
    expect(await kind(t, 'x', 'chutoa', 0)).toBe('busy');
    await inFlight[1]?.release();
    const next = await take(t, 'x', 'chutoa');
    expect(await kind(t, 'x', 'chutoa', 0)).toBe('busy');
    await next.release();
    await next.fail(0);
    await take(t, 'x', 'chutoa');
    expect(await kind(t, 'x', 'chutoa', 0)).toBe('busy');
  });

  it("frees the slot on success and forgets the account's failures, not the address's", async () => {
    const t = new LoginThrottle({ perAccount: 5, perAddress: 9, windowMs: 1000 });
    const inFlight = await takeMany(t, 'x', 'chutoa', 5);
    await inFlight[0]?.succeed();
    for (const a of inFlight.slice(1)) await a.fail(0);
    await (await take(t, 'x', 'chutoa')).succeed();
    await failTimes(t, 'x', 'chutoa', 4);
    await (await take(t, 'x', 'chutoa')).release();
    await failTimes(t, 'x', 'thuky', 1);
    expect(await kind(t, 'x', 'daibieu1', 0)).toBe('blocked');
  });

  it('lets exactly five of forty parallel wrong passwords be checked', async () => {
    const t = new LoginThrottle({ perAccount: 5, perAddress: 30, windowMs: 60_000 });
    let checked = 0;
    const answers = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const attempt = await t.reserve('x', 'chutoa');
        if (!attempt) return 429;
        checked++;
        await tick();
        await attempt.fail(Date.now());
        return 401;
      }),
    );
    expect(checked).toBe(5);
    expect(answers.filter((s) => s === 429)).toHaveLength(35);
  });

  it('never refuses right passwords: fifty sign-ins behind one address wait for slots and all get in', async () => {
    const t = new LoginThrottle({ perAccount: 5, perAddress: 30, windowMs: 60_000 });
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
        await attempt.succeed();
        return 200;
      }),
    );
    expect(answers).toEqual(Array<number>(50).fill(200));
    expect(most).toBeLessThanOrEqual(30);
  });

  it('counts failures of one user name from every address, so more addresses buy no more guesses', async () => {
    const t = new LoginThrottle({ perAccount: 5, perAddress: 30, windowMs: 60_000, perUsername: 15 });
    let checked = 0;
    for (let a = 0; a < 12; a++) {
      for (let i = 0; i < 5; i++) {
        const r = await t.tryReserve(`10.0.0.${a}`, 'chutoa', 0);
        if (r.kind !== 'granted') continue;
        checked++;
        await r.attempt.fail(0);
      }
    }
    // Fifteen from the first three addresses, then one from each of the nine others.
    expect(checked).toBe(15 + 9);
    expect(await kind(t, '10.0.0.1', 'CHUTOA', 1)).toBe('blocked');
    // The chair's own tablet, which never failed, still signs in: nobody can lock a name out.
    const own = await t.tryReserve('10.0.9.9', 'chutoa', 1);
    expect(own.kind).toBe('granted');
    expect(await kind(t, '10.0.0.1', 'thuky', 1)).toBe('granted');
  });

  it("frees only the slots an attempt took: one that skipped the name's count leaves the name's slots alone", async () => {
    const t = new LoginThrottle({ perAccount: 5, perAddress: 30, windowMs: 60_000, perUsername: 2 });
    await failTimes(t, 'y', 'chutoa', 1);
    // From y (which failed) the name's count applies: one failure plus this slot fill it.
    await take(t, 'y', 'chutoa');
    expect(await kind(t, 'y', 'chutoa', 0)).toBe('busy');
    // From x (which never failed) it does not, so x's slot is not under the name's key …
    const fromX = await take(t, 'x', 'chutoa');
    await fromX.release();
    // … and giving it back must not free the one y holds there.
    expect(await kind(t, 'y', 'chutoa', 0)).toBe('busy');
  });

  it('bounds right sign-ins of one user name to ten a minute', async () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 10; i++) {
      const r = await t.tryReserve('a', 'daibieu1', i);
      if (r.kind !== 'granted') throw new Error('refused too early');
      await r.attempt.succeed(i);
    }
    expect(await kind(t, 'b', 'daibieu1', 20)).toBe('blocked');
    expect(await kind(t, 'b', 'daibieu2', 20)).toBe('granted');
    expect(await kind(t, 'b', 'daibieu1', 60_001)).toBe('granted');
  });

  it('refuses a waiting attempt once the failures it waited on reach the limit', async () => {
    const t = new LoginThrottle({ perAccount: 2, perAddress: 30, windowMs: 60_000 });
    const first = await take(t, 'x', 'chutoa');
    const second = await take(t, 'x', 'chutoa');
    const waiting = t.reserve('x', 'chutoa', () => 0);
    await first.fail(0);
    await second.fail(0);
    expect(await waiting).toBeNull();
  });
});
