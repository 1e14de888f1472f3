import { useTranslation } from 'react-i18next';
import type { AuditChainCheck } from '../../../../shared/protocol/index.js';
import { formatWhen } from '../../format/datetime.js';
import { useLanguage } from '../../i18n/use-language.js';
import { chainName } from './audit-labels.js';

/**
 * The chains' check, said in words: each broken chain named with the row and its time and
 * what was found, in an alert (not colour alone); or one line that every chain is intact.
 */
export function AuditBreakAlert({ chains }: { chains: readonly AuditChainCheck[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const broken = chains.filter((c) => c.problem);
  if (broken.length === 0) {
    return (
      <p className="audit-check audit-check--ok" data-testid="audit-intact">
        {t('audit.intact', { count: chains.length })}
      </p>
    );
  }
  return (
    <div className="audit-check audit-check--broken" role="alert" data-testid="audit-broken">
      <h3 className="audit-check__title">{t('audit.brokenTitle', { count: broken.length })}</h3>
      <ul className="audit-check__list">
        {broken.map((c) => (
          <li key={c.chain} data-testid="audit-broken-chain" data-chain={c.chain}>
            <strong>{chainName(t, c)}</strong>
            {': '}
            {c.problem?.rowId !== null && c.problem?.rowId !== undefined
              ? t('audit.atRow', {
                  row: c.problem.rowId,
                  when: c.problem.at ? formatWhen(c.problem.at, lang) : '—',
                })
              : t('audit.noRowLeft')}{' '}
            {t(`audit.break.${c.problem?.kind ?? 'altered'}`)}
          </li>
        ))}
      </ul>
      <p className="audit-check__hint">{t('audit.brokenHint')}</p>
    </div>
  );
}
