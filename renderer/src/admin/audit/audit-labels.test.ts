import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, OTHER_AUDIT_ACTIONS } from '../../../../shared/protocol/index.js';
import en from '../../i18n/en.json';
import vi from '../../i18n/vi.json';
import { auditActionLabel } from './audit-labels.js';

/** A key's text in one language's resources, or undefined: a t() that cannot fall back. */
function lookup(resources: unknown, key: string): string | undefined {
  let at: unknown = resources;
  for (const part of key.split('.'))
    at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[part] : undefined;
  return typeof at === 'string' ? at : undefined;
}

const tIn = (resources: unknown) => ((key: string) => lookup(resources, key) ?? key) as unknown as TFunction;

describe('audit action labels', () => {
  // Every row the server writes is a command run under its own name, or one of the other acts.
  const actions = [...COMMAND_NAMES, ...OTHER_AUDIT_ACTIONS];

  it.each([
    ['vi', vi],
    ['en', en],
  ])('gives every action the server writes a label in %s, never its raw code', (_lang, resources) => {
    const t = tIn(resources);
    const raw = actions.filter((a) => {
      const label = auditActionLabel(t, a);
      return label === a || label.startsWith('audit.action.') || label.startsWith('command.');
    });
    expect(raw).toEqual([]);
  });

  it('labels the acts the walk-through showed raw', () => {
    expect(auditActionLabel(tIn(vi), 'people:reset-password')).toBe('Cấp lại mật khẩu');
    expect(auditActionLabel(tIn(en), 'people:import')).toBe('People imported');
  });

  it('shows an action a newer server writes by its name', () => {
    expect(auditActionLabel(tIn(vi), 'future:act')).toBe('future:act');
  });
});
