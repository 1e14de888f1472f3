import { useTranslation } from 'react-i18next';
import type { VoteDefaults } from '../../../shared/protocol/index.js';
import { SelectField } from '../components/SelectField.js';

const RULES = ['simple', 'absolute', 'two-thirds', 'three-quarters'] as const;
const BASES = ['yes-no', 'yes-no-abstain', 'present', 'members'] as const;
const QUORUMS = ['none', 'half', 'majority', 'two-thirds'] as const;

interface Props {
  value: VoteDefaults;
  onChange(next: VoteDefaults): void;
  /** `${testIdPrefix}-rule`, `-base` and `-quorum`. */
  testIdPrefix: string;
}

/** How a vote is decided: majority, what it is counted against, quorum. A vote's, or a meeting's defaults. */
export function MajorityRuleFields({ value, onChange, testIdPrefix }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t('voteForm.rule')}
        value={value.rule}
        options={RULES.map((r) => ({ value: r, label: t(`vote.rule.${r}`) }))}
        onChange={(rule) => onChange({ ...value, rule })}
        testId={`${testIdPrefix}-rule`}
      />
      <SelectField
        label={t('voteForm.base')}
        value={value.base}
        options={BASES.map((b) => ({ value: b, label: t(`vote.base.${b}`) }))}
        disabled={value.rule === 'simple'}
        hint={value.rule === 'simple' ? t('voteForm.baseUnused') : undefined}
        onChange={(base) => onChange({ ...value, base })}
        testId={`${testIdPrefix}-base`}
      />
      <SelectField
        label={t('voteForm.quorum')}
        value={value.quorum}
        options={QUORUMS.map((q) => ({ value: q, label: t(`quorum.rule.${q}`) }))}
        onChange={(quorum) => onChange({ ...value, quorum })}
        testId={`${testIdPrefix}-quorum`}
      />
    </>
  );
}
