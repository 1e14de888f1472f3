import type { Language } from '../i18n/index.js';

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** "5 phút trước" / "5 min. ago": how long ago, in the largest whole unit (for "last seen"). */
export function formatAge(fromIso: string, now: Date, lang: Language): string {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(fromIso).getTime()) / 1000));
  const rtf = new Intl.RelativeTimeFormat(LOCALES[lang], { numeric: 'always', style: 'short' });
  if (seconds < 60) return rtf.format(-seconds, 'second');
  if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return rtf.format(-Math.floor(seconds / 3600), 'hour');
  return rtf.format(-Math.floor(seconds / 86_400), 'day');
}
