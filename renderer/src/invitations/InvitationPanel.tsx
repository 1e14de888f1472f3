import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { canInMeeting, isInvited } from '../../../shared/domain/index.js';
import type { User } from '../../../shared/protocol/index.js';
import { useClientState } from '../client/ClientContext.js';
import { Panel } from '../components/Panel.js';
import { meetingAccess } from '../meeting/permissions.js';
import { MyInvitation } from './MyInvitation.js';

/**
 * The meeting's invitations (giấy mời): each delegate's own reply, and for the secretaries and
 * the chair every reply with its count and its reasons. What the device holds is what the
 * server let this user see (invitation-sync.ts): a delegate's device never has the others'.
 */
export function InvitationPanel({ state, user }: { state: MeetingState; user: User }) {
  const { t } = useTranslation();
  const { invitations } = useClientState();
  const { meeting } = state;
  if (meeting.status === 'draft') return null;
  // Only the invited (the delegates) are asked and counted; a device may still hold rows an
  // older server sent for the secretaries, the chair or the room's display, or for someone
  // whose role changed since.
  const invitedIds = new Set(state.participants.filter((p) => isInvited(p.role)).map((p) => p.userId));
  const list = (invitations?.[meeting.id] ?? []).filter((i) => invitedIds.has(i.userId));
  const mine = list.find((i) => i.userId === user.id);
  const readsAll = canInMeeting(user, 'invitation:read-all', meetingAccess(state));
  if (!mine && !readsAll) return null;
  const mayReply =
    meeting.status === 'published' && meeting.cancellation === null && state.session.stage === 'not-started';
  const count = (reply: string) => list.filter((i) => i.reply === reply).length;
  return (
    <Panel
      title={t('invitations.title')}
      headingId={`invitations-${meeting.id}`}
      testId="invitation-panel"
      className="invitation-panel"
    >
      {mine && <MyInvitation key={`${mine.rev}`} invitation={mine} mayReply={mayReply} />}
      {readsAll && (
        <div className="invitation-replies" data-testid="invitation-replies">
          <h3 className="invitation-replies__title">{t('invitations.listTitle')}</h3>
          {list.length === 0 ? (
            <p className="empty">{t('invitations.none')}</p>
          ) : (
            <>
              <p
                data-testid="invitation-summary"
                data-attend={count('attend')}
                data-absent={count('absent')}
                data-pending={count('pending')}
              >
                {t('invitations.summary', {
                  attend: count('attend'),
                  absent: count('absent'),
                  pending: count('pending'),
                })}
              </p>
              <ul className="invitation-list">
                {list.map((i) => (
                  <li
                    key={i.userId}
                    className="invitation-list__row"
                    data-testid="invitation-row"
                    data-user-id={i.userId}
                    data-reply={i.reply}
                  >
                    <span className="invitation-list__name">{i.displayName}</span>
                    <span className={`invitation-list__reply invitation-list__reply--${i.reply}`}>
                      {t(`invitations.${i.reply}`)}
                    </span>
                    {i.reply === 'absent' && (
                      <span className="invitation-list__reason" data-testid="invitation-reason-text">
                        {i.reason}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Panel>
  );
}
