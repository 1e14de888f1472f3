import { useTranslation } from 'react-i18next';
import type { ResultBar } from './result-bars.js';
import { useOptionText } from './use-vote-text.js';
import { useLanguage } from '../i18n/use-language.js';

/** One horizontal bar per option, its length the option's share of the ballots. Plain CSS. */
export function VoteResultChart({ bars }: { bars: readonly ResultBar[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const text = useOptionText();
  const percent = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  const summary = bars.map((b) => `${text(b.label)}: ${b.count}`).join(', ');
  return (
    <figure className="result-chart" data-testid="result-chart" aria-label={`${t('result.chart')}: ${summary}`}>
      <ul className="result-chart__bars">
        {bars.map((bar) => (
          <li
            key={bar.id}
            className={`result-bar result-bar--${bar.label.kind === 'answer' ? bar.id : 'candidate'}${bar.emphasis ? ` result-bar--${bar.emphasis}` : ''}`}
            data-testid="result-bar"
            data-option={bar.id}
            data-emphasis={bar.emphasis ?? undefined}
          >
            <span className="result-bar__label">{text(bar.label)}</span>
            <span className="result-bar__track" aria-hidden="true">
              <span className="result-bar__fill" style={{ width: `${bar.share * 100}%` }} />
            </span>
            <span className="result-bar__value">
              <strong data-testid="result-count">{bar.count}</strong>
              <span className="result-bar__share">{percent.format(bar.share)}</span>
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
