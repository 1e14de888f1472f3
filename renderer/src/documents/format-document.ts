import type { Language } from '../i18n/index.js';

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

// One date format everywhere: the formatter lives with the others.
export { formatWhen } from '../format/datetime.js';

/** "48 MB", "1,2 GB", "350 KB": what a person compares with the space on a tablet. */
export function formatBytes(bytes: number, lang: Language): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** A paper's title at most (the protocol's `document:update` and upload bound). */
export const TITLE_MAX = 300;

/** "Biên bản.pdf" → "Biên bản": the title a paper gets unless the secretary types another. */
export function titleFromFileName(name: string): string {
  return name.replace(/\.pdf$/i, '').trim() || name;
}
