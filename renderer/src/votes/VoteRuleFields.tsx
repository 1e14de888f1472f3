import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../components/CheckboxField.js';
import type { VoteFormFields } from './vote-form.js';

const RULES = ['simple', 'absolute', 'two-thirds', 'three-quarters'] as const;
const BASES = ['yes-no', 'yes-no-abstain', 'present', 'members'] as const;
const QUORUMS = ['none', 'half', 'majority', 'two-thirds'] as const;

interface Props {
  fields: VoteFormFields;
  set<K extends keyof VoteFormFields>(key: K, value: VoteFormFields[K]): void;
}

/** How a vote is decided and run: majority, base, quorum, changes, time. */
export function VoteRuleFields({ fields, set }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <label className="field">
        <span className="field__label">{t('voteForm.rule')}</span>
        <select
          className="input"
          value={fields.rule}
          onChange={(e) => set('rule', e.target.value as VoteFormFields['rule'])}
          data-testid="vote-form-rule"
        >
          {RULES.map((r) => (
            <option key={r} value={r}>
              {t(`vote.rule.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('voteForm.base')}</span>
        <select
          className="input"
          value={fields.base}
          disabled={fields.rule === 'simple'}
          aria-describedby={fields.rule === 'simple' ? 'vote-form-base-hint' : undefined}
          onChange={(e) => set('base', e.target.value as VoteFormFields['base'])}
          data-testid="vote-form-base"
        >
          {BASES.map((b) => (
            <option key={b} value={b}>
              {t(`vote.base.${b}`)}
            </option>
          ))}
        </select>
        {fields.rule === 'simple' && (
          <span id="vote-form-base-hint" className="field__hint">
            {t('voteForm.baseUnused')}
          </span>
        )}
      </label>
      <label className="field">
        <span className="field__label">{t('voteForm.quorum')}</span>
        <select
          className="input"
          value={fields.quorum}
          onChange={(e) => set('quorum', e.target.value as VoteFormFields['quorum'])}
          data-testid="vote-form-quorum"
        >
          {QUORUMS.map((q) => (
            <option key={q} value={q}>
              {t(`quorum.rule.${q}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="duration">
        <legend className="field__label">{t('voteForm.duration')}</legend>
        <div className="duration__inputs">
          <label className="field">
            <span className="field__hint">{t('voteForm.minutes')}</span>
            <input
              className="input"
              type="number"
              min={0}
              max={1440}
              inputMode="numeric"
              value={fields.durationMinutes}
              onChange={(e) => set('durationMinutes', e.target.value)}
              data-testid="vote-form-minutes"
            />
          </label>
          <label className="field">
            <span className="field__hint">{t('voteForm.seconds')}</span>
            <input
              className="input"
              type="number"
              min={0}
              inputMode="numeric"
              value={fields.durationSeconds}
              onChange={(e) => set('durationSeconds', e.target.value)}
              data-testid="vote-form-seconds"
            />
          </label>
        </div>
        <span className="field__hint">{t('voteForm.durationHint')}</span>
      </fieldset>
      <div className="field field--full">
        <CheckboxField
          label={t('voteForm.allowChange')}
          checked={fields.allowChange}
          onChange={(v) => set('allowChange', v)}
          testId="vote-form-allow-change"
        />
      </div>
    </>
  );
}
