import { describe, expect, it } from 'vitest';
import en from './en.json';
import vi from './vi.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const viKeys = flatten(vi as Tree);
  const enKeys = flatten(en as Tree);

  it('has exactly the same keys in Vietnamese and English', () => {
    expect([...enKeys.keys()].sort()).toEqual([...viKeys.keys()].sort());
  });

  it('has no empty string in either language', () => {
    for (const [lang, keys] of [
      ['vi', viKeys],
      ['en', enKeys],
    ] as const) {
      const empty = [...keys].filter(([, text]) => text.trim() === '').map(([key]) => `${lang}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const differing = [...viKeys].filter(
      ([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(enKeys.get(key) ?? '')),
    );
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('holds only strings and nested groups (no arrays or numbers)', () => {
    const bad = (tree: unknown): boolean =>
      typeof tree === 'object' && tree !== null && !Array.isArray(tree)
        ? Object.values(tree).some((v) => typeof v !== 'string' && bad(v))
        : true;
    expect(bad(vi)).toBe(false);
    expect(bad(en)).toBe(false);
  });
});
