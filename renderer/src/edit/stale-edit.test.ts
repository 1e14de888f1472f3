import { describe, expect, it } from 'vitest';
import { followed, openedOn, refused, restore, typedAside } from './stale-edit.js';

interface Item {
  version: number;
  title: string;
}
interface Fields {
  title: string;
  minutes: number;
}

const v = (version: number, title = `v${version}`): Item => ({ version, title });

describe('typedAside', () => {
  it('keeps only what the person typed differently from the current value', () => {
    expect(typedAside<Fields>({ title: 'Mine', minutes: 10 }, { title: 'Theirs', minutes: 10 })).toEqual({
      title: 'Mine',
    });
    expect(typedAside({ a: { rule: 'simple' } }, { a: { rule: 'simple' } })).toEqual({});
    expect(typedAside({ a: { rule: 'simple' } }, { a: { rule: 'absolute' } })).toEqual({ a: { rule: 'simple' } });
  });
});

describe('a stale edit', () => {
  const mine: Fields = { title: 'Mine', minutes: 5 };

  it('saves against the version the form was opened on, not a newer one that came in meanwhile', () => {
    const state = openedOn<Item, Fields>(v(1));
    // Someone else saves while the form is open: the form stays on what it opened, the save will be refused.
    expect(followed(state, v(2))).toBe(state);
    expect(state.base.version).toBe(1);
  });

  it('after the refusal shows the current version, keeps the typed text, and saves next on the new version', () => {
    const after = refused(openedOn<Item, Fields>(v(1)), v(2), mine);
    expect(after).toMatchObject({ base: v(2), mine, refusedVersion: 1, restored: false, formKey: 1 });
    // The person edits again: a later change by someone else is not pulled into their fields.
    expect(followed(after, v(3))).toBe(after);
  });

  it('follows the newer version when it arrives just after the refusal', () => {
    const early = refused(openedOn<Item, Fields>(v(1)), v(1), mine);
    const caught = followed(early, v(2));
    expect(caught.base).toEqual(v(2));
    expect(caught.formKey).toBe(early.formKey + 1);
    expect(caught.mine).toEqual(mine);
  });

  it('puts the typed text back on request, still against the new version', () => {
    const after = restore(refused(openedOn<Item, Fields>(v(1)), v(2), mine));
    expect(after).toMatchObject({ base: v(2), mine, restored: true, formKey: 2 });
    const untouched = openedOn<Item, Fields>(v(1));
    expect(restore(untouched)).toBe(untouched);
  });
});
