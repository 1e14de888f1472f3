import { useTranslation } from 'react-i18next';
import { MEETING_LIST_FILTERS, type MeetingListFilter } from '../../../shared/domain/index.js';
import { ChoiceGroup } from '../components/ChoiceGroup.js';
import { TextField } from '../components/TextField.js';

interface Props {
  query: string;
  filter: MeetingListFilter;
  onQuery(query: string): void;
  onFilter(filter: MeetingListFilter): void;
}

/** The list's search box and its filters, as large touch segments that wrap on a phone. */
export function MeetingListFilters({ query, filter, onQuery, onFilter }: Props) {
  const { t } = useTranslation();
  return (
    <search className="meeting-filters" data-testid="meeting-filters">
      <TextField
        label={t('meetingList.search')}
        type="search"
        value={query}
        onChange={onQuery}
        hint={t('meetingList.searchHint')}
        autoComplete="off"
        enterKeyHint="search"
        testId="meeting-search"
      />
      <ChoiceGroup
        legend={t('meetingList.filter')}
        name="meeting-filter"
        value={filter}
        choices={MEETING_LIST_FILTERS.map((f) => ({ value: f, label: t(`meetingList.${f}`) }))}
        onChange={onFilter}
        testId="meeting-filter"
      />
    </search>
  );
}
