import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../shared/protocol/index.js';
import { atOffsetOf, formatMeetingTime, formatShortTime } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';
import { useMajorityText } from '../votes/use-vote-text.js';

interface Props {
  meeting: Meeting;
  /** A column on the list's cards; one line, with the publication time, in the meeting page's header. */
  variant?: 'card' | 'header';
  /** Who may run the votes, and how they are decided by default: for the secretary and the chair, not delegates. */
  showVoteManagers?: boolean;
}

/** When, where and by whom a meeting is held, as a definition list. */
export function MeetingFacts({ meeting, variant = 'card', showVoteManagers }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const majority = useMajorityText();
  const secretaryRunsVotes = meeting.voteManagers.includes('secretary');
  const facts: { label: string; value: ReactNode; testId: string; data?: string }[] = [
    { label: t('meeting.startsAt'), value: formatMeetingTime(meeting.startsAt, lang), testId: 'meeting-time' },
    { label: t('meeting.place'), value: meeting.place, testId: 'meeting-place' },
    { label: t('meeting.organisation'), value: meeting.organisation, testId: 'meeting-organisation' },
  ];
  if (variant === 'header' && meeting.publishedAt)
    facts.push({
      label: t('meeting.publishedAt'),
      value: formatShortTime(atOffsetOf(meeting.publishedAt, meeting.startsAt), lang),
      testId: 'meeting-published-at',
    });
  if (showVoteManagers)
    facts.push(
      {
        label: t('meeting.voteManagers'),
        value: secretaryRunsVotes ? t('meeting.voteManagersChairAndSecretary') : t('meeting.voteManagersChair'),
        testId: 'meeting-vote-managers',
        data: meeting.voteManagers.join(' '),
      },
      {
        label: t('meeting.voteDefaults'),
        value: majority(meeting.voteDefaults),
        testId: 'meeting-vote-defaults',
        data: `${meeting.voteDefaults.rule} ${meeting.voteDefaults.base} ${meeting.voteDefaults.quorum}`,
      },
    );
  return (
    <dl className={variant === 'header' ? 'facts facts--inline' : 'facts'}>
      {facts.map((f) => (
        <div key={f.testId} className="facts__row">
          <dt>{f.label}</dt>
          <dd data-testid={f.testId} data-value={f.data}>
            {f.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
