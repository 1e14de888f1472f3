import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filterMeetings, type MeetingListFilter } from '../../../shared/domain/index.js';
import { useClientState } from '../client/ClientContext.js';
import { MeetingCard } from './MeetingCard.js';
import { MeetingListFilters } from './MeetingListFilters.js';
import { NewMeetingPanel } from './NewMeetingPanel.js';
import { mayCreateMeetings } from './permissions.js';

export function MeetingList() {
  const { t } = useTranslation();
  const { user, meetings, lastSyncAt } = useClientState();
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<MeetingListFilter>('all');
  // Soonest first: what a delegate opens the tablet for is usually the next meeting.
  const all = Object.values(meetings).sort(
    (a, b) =>
      Date.parse(a.meeting.startsAt) - Date.parse(b.meeting.startsAt) || a.meeting.title.localeCompare(b.meeting.title),
  );
  const shown = new Set(
    filterMeetings(
      all.map((m) => m.meeting),
      query,
      filter,
      new Date(),
    ).map((m) => m.id),
  );
  const list = all.filter((m) => shown.has(m.meeting.id));
  return (
    <div className="page" data-testid="meeting-list-page">
      <div className="page__head">
        <h1 className="page__title">{t('meetings.title')}</h1>
        {user && mayCreateMeetings(user) && <NewMeetingPanel />}
      </div>
      {all.length > 0 && <MeetingListFilters query={query} filter={filter} onQuery={setQuery} onFilter={setFilter} />}
      {all.length === 0 ? (
        <p className="empty" data-testid="meeting-list-empty">
          {lastSyncAt ? t('meetings.empty') : t('meetings.loading')}
        </p>
      ) : list.length === 0 ? (
        <div className="empty" data-testid="meeting-list-no-match">
          <p>{t('meetingList.noMatch')}</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setQuery('');
              setFilter('all');
            }}
            data-testid="meeting-list-clear"
          >
            {t('meetingList.clear')}
          </button>
        </div>
      ) : (
        <ul className="meeting-grid" data-testid="meeting-list">
          {list.map((m) => (
            <MeetingCard key={m.meeting.id} state={m} />
          ))}
        </ul>
      )}
    </div>
  );
}
