import i18next from 'i18next';
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

const PLURAL = /_(zero|one|two|few|many|other)$/;
const LANGS = { vi: flatten(vi as Tree), en: flatten(en as Tree) } as const;
type Lang = keyof typeof LANGS;

/** Each key without its plural suffix, with the suffixes it has (none for a plain key). */
function bases(keys: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of keys.keys()) {
    const base = key.replace(PLURAL, '');
    const forms = out.get(base) ?? [];
    if (base !== key) forms.push(key.slice(base.length + 1));
    out.set(base, forms);
  }
  return out;
}

/** The plural categories i18next asks for in a language (Vietnamese has only "other"). */
const categories = (lang: Lang) => new Intl.PluralRules(lang).resolvedOptions().pluralCategories.slice().sort();

describe('translations', () => {
  const viBases = bases(LANGS.vi);
  const enBases = bases(LANGS.en);

  it('has exactly the same keys in Vietnamese and English, plural forms aside', () => {
    expect([...enBases.keys()].sort()).toEqual([...viBases.keys()].sort());
    const pluralIn = (b: Map<string, string[]>) => [...b].filter(([, forms]) => forms.length > 0).map(([k]) => k);
    expect(pluralIn(enBases).sort()).toEqual(pluralIn(viBases).sort());
  });

  it('gives every plural key exactly the forms its language has', () => {
    expect(categories('vi')).toEqual(['other']);
    expect(categories('en')).toEqual(['one', 'other']);
    for (const [lang, keys] of [
      ['vi', viBases],
      ['en', enBases],
    ] as const) {
      const wrong = [...keys]
        .filter(([, forms]) => forms.length > 0 && JSON.stringify(forms.sort()) !== JSON.stringify(categories(lang)))
        .map(([key, forms]) => `${lang}:${key} has ${forms.join(',')}`);
      expect(wrong).toEqual([]);
    }
  });

  it('counts only through plural keys: a {{count}} string is a plural form, a plural form has {{count}}', () => {
    for (const [lang, keys] of Object.entries(LANGS)) {
      const wrong = [...keys]
        .filter(([key, text]) => PLURAL.test(key) !== placeholders(text).includes('count'))
        .map(([key]) => `${lang}:${key}`);
      expect(wrong).toEqual([]);
    }
  });

  it('has no empty string in either language', () => {
    for (const [lang, keys] of Object.entries(LANGS)) {
      const empty = [...keys].filter(([, text]) => text.trim() === '').map(([key]) => `${lang}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it('uses the same placeholders in every form of both languages', () => {
    const reference = (key: string) => LANGS.vi.get(key) ?? LANGS.vi.get(`${key.replace(PLURAL, '')}_other`) ?? '';
    const differing = Object.entries(LANGS).flatMap(([lang, keys]) =>
      [...keys]
        .filter(([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(reference(key))))
        .map(([key]) => `${lang}:${key}`),
    );
    expect(differing).toEqual([]);
  });

  it('holds only strings and nested groups (no arrays or numbers)', () => {
    const bad = (tree: unknown): boolean =>
      typeof tree === 'object' && tree !== null && !Array.isArray(tree)
        ? Object.values(tree).some((v) => typeof v !== 'string' && bad(v))
        : true;
    expect(bad(vi)).toBe(false);
    expect(bad(en)).toBe(false);
  });

  it('resolves plurals through i18next in both languages', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng: 'en', fallbackLng: 'vi' });
    expect(i18n.t('participants.count', { count: 1 })).toBe('1 person');
    expect(i18n.t('participants.count', { count: 2 })).toBe('2 people');
    expect(i18n.t('participants.count', { count: 0 })).toBe('0 people');
    await i18n.changeLanguage('vi');
    expect(i18n.t('participants.count', { count: 1 })).toBe('1 người');
    expect(i18n.t('participants.count', { count: 5 })).toBe('5 người');
  });
});
