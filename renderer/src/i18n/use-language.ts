import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from './index.js';

/** The language in use, narrowed to ours, for picking `message[lang]` and Intl formats. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lng) ? lng : 'vi';
}
