import { useTranslation } from 'react-i18next';
import { isTiedQuestion, shownOutcome } from '../../../shared/domain/index.js';
import type { Vote, VoteResult } from '../../../shared/protocol/index.js';
import { useLanguage } from '../i18n/use-language.js';
import { didNotVote, optionLabel, resultBars } from './result-bars.js';
import { useOptionText } from './use-vote-text.js';

/** A result in a few lines, for a dialog: the outcome, then each count with its share of all members. */
export function ResultSummary({ vote, result }: { vote: Vote; result: VoteResult }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const text = useOptionText();
  const percent = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 2,
  });
  const missing = didNotVote(result);
  const rows = [
    ...resultBars(vote.options, result).map((b) => ({
      key: b.id,
      label: text(b.label),
      count: b.count,
      share: b.share,
    })),
    { key: 'did-not-vote', label: t('result.didNotVote'), count: missing.count, share: missing.share },
  ];
  const { elected } = result.outcome;
  const question = vote.options.type === 'yes-no-abstain';
  const outcome = shownOutcome(question ? 'question' : 'election', result.outcome.outcome);
  const tiedNote = question && outcome === 'rejected' && isTiedQuestion(result.tally);
  return (
    <div className="result-summary" data-testid="result-summary" data-outcome={outcome}>
      <p className={`result-outcome result-outcome--${outcome}`}>
        <span className="result-outcome__word">{t(`result.outcome.${outcome}`)}</span>
        {tiedNote && <span className="result-outcome__note">{t('result.tiedNote')}</span>}
        {elected.length > 0 && (
          <span className="result-outcome__names">
            {t('result.elected', { names: elected.map((id) => text(optionLabel(vote.options, id))).join(', ') })}
          </span>
        )}
      </p>
      <ul className="result-summary__rows">
        {rows.map((r) => (
          <li key={r.key} className="result-summary__row">
            <span>{r.label}</span>
            <strong>
              {r.count} <span className="result-bar__share">({percent.format(r.share)})</span>
            </strong>
          </li>
        ))}
      </ul>
      <p className="field__hint">{t('result.shareOfMembers', { count: result.members })}</p>
    </div>
  );
}
