import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../components/CheckboxField.js';
import { TextField } from '../components/TextField.js';
import { MajorityRuleFields } from './MajorityRuleFields.js';
import type { VoteFormFields } from './vote-form.js';

interface Props {
  fields: VoteFormFields;
  set<K extends keyof VoteFormFields>(key: K, value: VoteFormFields[K]): void;
}

/** How a vote is decided and run: majority, base, quorum, changes, time. */
export function VoteRuleFields({ fields, set }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <MajorityRuleFields
        value={{ rule: fields.rule, base: fields.base, quorum: fields.quorum }}
        onChange={(next) => {
          set('rule', next.rule);
          set('base', next.base);
          set('quorum', next.quorum);
        }}
        testIdPrefix="vote-form"
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
