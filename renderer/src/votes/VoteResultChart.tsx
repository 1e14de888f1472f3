import { useTranslation } from 'react-i18next';
import type { DidNotVote, ResultBar } from './result-bars.js';
import { useOptionText } from './use-vote-text.js';
import { useLanguage } from '../i18n/use-language.js';

/**
 * One horizontal bar per option, then the members who did not vote; each bar's length and
 * percentage are its share of all members. Plain CSS.
 */
interface Props {
  bars: readonly ResultBar[];
  didNotVote: DidNotVote;
  members: number;
}

export function VoteResultChart({ bars, didNotVote, members }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const text = useOptionText();
  const percent = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 2,
  });
  const rows = [
    ...bars.map((b) => ({ label: text(b.label), count: b.count, share: b.share })),
    { label: t('result.didNotVote'), count: didNotVote.count, share: didNotVote.share },
  ];
  const summary = rows.map((r) => `${r.label}: ${r.count} (${percent.format(r.share)})`).join(', ');
  const value = (count: number, share: number) => (
    <span className="result-bar__value">
      <strong data-testid="result-count">{count}</strong>
      <span className="result-bar__share" data-testid="result-share">
        {percent.format(share)}
      </span>
    </span>
  );
  const track = (share: number) => (
    <span className="result-bar__track" aria-hidden="true">
      <span className="result-bar__fill" style={{ width: `${share * 100}%` }} />
    </span>
  );
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
            {track(bar.share)}
            {value(bar.count, bar.share)}
          </li>
        ))}
        {/* Not an option: its own test id, as a candidate may be given any id. */}
        <li className="result-bar result-bar--did-not-vote" data-testid="result-did-not-vote">
          <span className="result-bar__label">{t('result.didNotVote')}</span>
          {track(didNotVote.share)}
          {value(didNotVote.count, didNotVote.share)}
        </li>
      </ul>
      <figcaption className="result-chart__caption">{t('result.shareOfMembers', { count: members })}</figcaption>
    </figure>
  );
}
