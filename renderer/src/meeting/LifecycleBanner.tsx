import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../shared/protocol/index.js';
import { formatMeetingTime } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';

/**
 * What happened to the meeting over time, on its card and at the top of its page: called off
 * (with why), put off (to when, or to a date still to be announced, with why), archived.
 * It comes with the meeting itself through its change log, so every device shows it, also
 * offline.
 */
export function LifecycleBanner({ meeting, place }: { meeting: Meeting; place: 'card' | 'page' }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { cancellation, postponement } = meeting;
  let text: string | null = null;
  let kind = '';
  if (cancellation) {
    text = t('meetingLifecycle.cancelledBanner', { reason: cancellation.reason });
    kind = 'cancelled';
  } else if (postponement && meeting.status !== 'closed') {
    text = postponement.toBeAnnounced
      ? t('meetingLifecycle.postponedTbaBanner', { reason: postponement.reason })
      : t('meetingLifecycle.postponedBanner', {
          reason: postponement.reason,
          when: formatMeetingTime(meeting.startsAt, lang),
        });
    kind = 'postponed';
  }
  return (
    <>
      {text && (
        <p
          className={`lifecycle-banner lifecycle-banner--${kind} lifecycle-banner--${place}`}
          role={place === 'page' ? 'status' : undefined}
          data-testid={`meeting-${kind}-banner`}
        >
          {text}
        </p>
      )}
      {meeting.archivedAt && place === 'page' && (
        <p className="lifecycle-banner lifecycle-banner--archived" data-testid="meeting-archived-banner">
          {t('meetingLifecycle.archivedBanner')}
        </p>
      )}
    </>
  );
}
