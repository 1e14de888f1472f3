import { useTranslation } from 'react-i18next';
import type { NumberedAgendaItem } from '../../../shared/domain/index.js';
import { SelectField } from '../components/SelectField.js';

interface Props {
  value: string;
  agenda: readonly NumberedAgendaItem[];
  onChange(value: string): void;
  testId: string;
}

/** The agenda item a paper belongs to; '' for the meeting as a whole. */
export function AgendaItemSelect({ value, agenda, onChange, testId }: Props) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('documents.agendaItem')}
      value={value}
      options={[
        { value: '', label: t('documents.general') },
        ...agenda.map((item) => ({ value: item.id, label: `${item.number}. ${item.title}` })),
      ]}
      onChange={onChange}
      testId={testId}
    />
  );
}
