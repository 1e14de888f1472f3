import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { canInMeeting } from '../../../shared/domain/index.js';
import type { User } from '../../../shared/protocol/index.js';
import { minutesHref } from '../client/use-hash-route.js';
import { meetingAccess } from '../meeting/permissions.js';
import { Icon } from '../components/Icon.js';

/** In the meeting page's nav: the minutes, for those who may read them (secretaries, the chair, admins). */
export function MinutesLink({ state, user }: { state: MeetingState; user: User }) {
  const { t } = useTranslation();
  if (!canInMeeting(user, 'minutes:read', meetingAccess(state))) return null;
  return (
    <a className="button button--quiet" href={minutesHref(state.meeting.id)} data-testid="minutes-link">
      <Icon name="edit" /> {t('minutes.open')}
    </a>
  );
}
