import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/index.js';
import { useLanguage } from '../i18n/use-language.js';

export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const current = useLanguage();
  return (
    <div className="lang-toggle" role="group" aria-label={t('lang.label')} data-testid="lang-toggle">
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          className="lang-toggle__option"
          aria-pressed={current === lng}
          aria-label={t(`lang.switchTo.${lng}`)}
          data-testid={`lang-${lng}`}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {t(`lang.short.${lng}`)}
        </button>
      ))}
    </div>
  );
}
