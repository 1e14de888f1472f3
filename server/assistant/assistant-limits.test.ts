import { describe, expect, it } from 'vitest';
import { AssistantSlots, PerMinuteBudget } from './assistant-limits.js';

/** A piece of work that ends when the test says so. */
function held<T>(value: T) {
  let finish: () => void = () => {};
  let fail: (error: Error) => void = () => {};
  let started = false;
  const gate = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    work: async () => {
      started = true;
      await gate;
      return value;
    },
    started: () => started,
    finish: () => finish(),
    fail: (error: Error) => fail(error),
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const budget = () => new PerMinuteBudget(30, () => new Date());

describe('AssistantSlots', () => {
  it("lets a person's second request wait for the first, then run; a third at once is refused", async () => {
    const slots = new AssistantSlots(4);
    const perMinute = budget();
    const brief = held('brief');
    const items = held('action items');
    const first = slots.run('thuky', perMinute, brief.work);
    const second = slots.run('thuky', perMinute, items.work);
    await turn();
    expect(items.started()).toBe(false);
    expect(await slots.run('thuky', perMinute, async () => 'third')).toBe('RATE_LIMITED');
    brief.finish();
    expect(await first).toBe('brief');
    await turn();
    expect(items.started()).toBe(true);
    items.finish();
    expect(await second).toBe('action items');
  });

  it('frees the slot for the waiting request when the running one fails', async () => {
    const slots = new AssistantSlots(4);
    const perMinute = budget();
    const broken = held('never');
    const first = slots.run('thuky', perMinute, broken.work);
    const second = slots.run('thuky', perMinute, async () => 'answered');
    broken.fail(new Error('a broken paper'));
    await expect(first).rejects.toThrow('a broken paper');
    expect(await second).toBe('answered');
  });

  it('runs other people at the same time, up to the slots of the node', async () => {
    const slots = new AssistantSlots(2);
    const perMinute = budget();
    const a = held('a');
    const b = held('b');
    const runs = [slots.run('daibieu1', perMinute, a.work), slots.run('daibieu2', perMinute, b.work)];
    await turn();
    expect(a.started() && b.started()).toBe(true);
    expect(await slots.run('daibieu3', perMinute, async () => 'c')).toBe('RATE_LIMITED');
    a.finish();
    b.finish();
    expect(await Promise.all(runs)).toEqual(['a', 'b']);
    expect(await slots.run('daibieu3', perMinute, async () => 'c')).toBe('c');
  });

  it('counts a waiting request against the budget only once it runs', async () => {
    const slots = new AssistantSlots(4);
    const perMinute = new PerMinuteBudget(1, () => new Date());
    const first = held('first');
    const running = slots.run('thuky', perMinute, first.work);
    const waiting = slots.run('thuky', perMinute, async () => 'second');
    first.finish();
    expect(await running).toBe('first');
    expect(await waiting).toBe('RATE_LIMITED');
  });
});
