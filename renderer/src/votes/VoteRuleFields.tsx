import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../components/CheckboxField.js';
import { SelectField } from '../components/SelectField.js';
import { TextField } from '../components/TextField.js';
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
      <SelectField
        label={t('voteForm.rule')}
        value={fields.rule}
        options={RULES.map((r) => ({ value: r, label: t(`vote.rule.${r}`) }))}
        onChange={(v) => set('rule', v)}
        testId="vote-form-rule"
      />
      <SelectField
        label={t('voteForm.base')}
        value={fields.base}
        options={BASES.map((b) => ({ value: b, label: t(`vote.base.${b}`) }))}
        disabled={fields.rule === 'simple'}
        hint={fields.rule === 'simple' ? t('voteForm.baseUnused') : undefined}
        onChange={(v) => set('base', v)}
        testId="vote-form-base"
      />
      <SelectField
        label={t('voteForm.quorum')}
        value={fields.quorum}
        options={QUORUMS.map((q) => ({ value: q, label: t(`quorum.rule.${q}`) }))}
        onChange={(v) => set('quorum', v)}
        testId="vote-form-quorum"
      />
      <fieldset className="duration">
        <legend className="field__label">{t('voteForm.duration')}</legend>
        <div className="duration__inputs">
          <TextField
            label={t('voteForm.minutes')}
            quietLabel
            type="number"
            min={0}
            max={1440}
            inputMode="numeric"
            value={fields.durationMinutes}
            onChange={(v) => set('durationMinutes', v)}
            testId="vote-form-minutes"
          />
          <TextField
            label={t('voteForm.seconds')}
            quietLabel
            type="number"
            min={0}
            inputMode="numeric"
            value={fields.durationSeconds}
            onChange={(v) => set('durationSeconds', v)}
            testId="vote-form-seconds"
          />
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
