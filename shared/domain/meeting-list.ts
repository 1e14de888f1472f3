import type { Meeting } from '../protocol/index.js';
import { foldForSearch, searchTerms } from './search-fold.js';

/**
 * The meeting list's search and filters (issue 13), pure so the list and its tests agree.
 * The search folds diacritics like the documents' search: "ky hop" finds "Kỳ họp".
 */
export const MEETING_LIST_FILTERS = ['all', 'upcoming', 'this-week', 'past', 'archived', 'cancelled'] as const;
export type MeetingListFilter = (typeof MEETING_LIST_FILTERS)[number];

type Listed = Pick<
  Meeting,
  'title' | 'place' | 'organisation' | 'startsAt' | 'status' | 'cancellation' | 'postponement' | 'archivedAt'
>;

/** Every word of the query is in the title, the place or the organisation. */
export function matchesSearch(m: Listed, query: string): boolean {
  const terms = searchTerms(query);
  if (terms.length === 0) return true;
  const hay = foldForSearch(`${m.title} ${m.place} ${m.organisation}`);
  return terms.every((t) => hay.includes(t));
}

/** Midnight at the start of `now`'s day, in the device's time zone. */
function startOfDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** Monday 00:00 of `now`'s week (Vietnamese offices count weeks from Monday). */
export function startOfWeek(now: Date): Date {
  const day = startOfDay(now);
  const sinceMonday = (day.getDay() + 6) % 7;
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() - sinceMonday);
}

const dateToBeAnnounced = (m: Listed) => m.postponement?.toBeAnnounced === true;

/**
 * Whether a meeting is shown under a filter at `now`. The default (`all`) leaves archived
 * meetings out; `archived` and `cancelled` show them whatever else they are.
 */
export function matchesFilter(m: Listed, filter: MeetingListFilter, now: Date): boolean {
  if (filter === 'archived') return m.archivedAt !== null;
  if (filter === 'cancelled') return m.cancellation !== null;
  if (m.archivedAt !== null) return false;
  const starts = Date.parse(m.startsAt);
  const today = startOfDay(now).getTime();
  const over = m.status === 'closed' || m.cancellation !== null;
  switch (filter) {
    case 'all':
      return true;
    case 'upcoming':
      return !over && (dateToBeAnnounced(m) || starts >= today);
    case 'this-week': {
      const monday = startOfWeek(now);
      const nextMonday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7);
      return !dateToBeAnnounced(m) && starts >= monday.getTime() && starts < nextMonday.getTime();
    }
    case 'past':
      return m.cancellation === null && (m.status === 'closed' || (!dateToBeAnnounced(m) && starts < today));
  }
}

export function filterMeetings<T extends Listed>(
  meetings: readonly T[],
  query: string,
  filter: MeetingListFilter,
  now: Date,
): T[] {
  return meetings.filter((m) => matchesFilter(m, filter, now) && matchesSearch(m, query));
}

/**
 * Whether a meeting may be put in the archive now: it is over (closed, cancelled) or its day
 * has passed. A meeting still to come stays in the list where people look for it.
 */
export function mayArchive(m: Listed, now: Date): boolean {
  return m.status === 'closed' || m.cancellation !== null || Date.parse(m.startsAt) < startOfDay(now).getTime();
}
