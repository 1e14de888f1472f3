import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { MeetingEdit } from './MeetingEdit.js';
import { MeetingFacts } from './MeetingFacts.js';
import type { MeetingPermissions } from './permissions.js';
import { PublishButton } from './PublishButton.js';
import { LifecycleActions } from './LifecycleActions.js';
import { LifecycleBanner } from './LifecycleBanner.js';
import type { User } from '../../../shared/protocol/index.js';

interface Props {
  state: MeetingState;
  can: MeetingPermissions;
  user: User;
}

export function MeetingHeader({ state, can, user }: Props) {
  const { t } = useTranslation();
  const { meeting, myRole } = state;
  const [editing, setEditing] = useState(false);

  return (
    <header className="meeting-header card" data-testid="meeting-header">
      <div className="meeting-header__top">
        <StatusBadge status={meeting.status} stage={state.session.stage} />
        <span className="meeting-header__role" data-testid="meeting-my-role">
          {t('meeting.myRole')}: {myRole ? t(`role.${myRole}`) : t('role.none')}
        </span>
      </div>
      {editing ? (
        <MeetingEdit meeting={meeting} onClose={() => setEditing(false)} />
      ) : (
        <>
          <h1 className="meeting-header__title" data-testid="meeting-heading">
            {meeting.title}
          </h1>
          <LifecycleBanner meeting={meeting} place="page" />
          <MeetingFacts
            meeting={meeting}
            variant="header"
            showVoteManagers={myRole === 'secretary' || myRole === 'chair' || can.editMeeting}
          />
          {(can.editMeeting || can.publish) && (
            <div className="meeting-header__actions" data-testid="meeting-actions">
              {can.editMeeting && (
                <button
                  type="button"
                  className="button"
                  data-testid="edit-meeting-button"
                  onClick={() => setEditing(true)}
                >
                  {t('meeting.edit')}
                </button>
              )}
              {can.publish && <PublishButton meetingId={meeting.id} />}
            </div>
          )}
          <LifecycleActions state={state} user={user} />
        </>
      )}
    </header>
  );
}
