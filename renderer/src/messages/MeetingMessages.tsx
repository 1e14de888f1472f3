import type { HeldMessage } from '../../../shared/client/api.js';
import type { MeetingState } from '../../../shared/client/store.js';
import type { User } from '../../../shared/protocol/index.js';
import { canInMeeting } from '../../../shared/domain/index.js';
import { useClientState } from '../client/ClientContext.js';
import { NoticeComposer } from './NoticeComposer.js';
import { RequestInbox } from './RequestInbox.js';
import { RequestPanel } from './RequestPanel.js';

const NONE: readonly HeldMessage[] = [];

/**
 * Messages on the meeting page (received notices are banners at the page's top: MeetingNoticeBanners):
 * a participant's requests to the desk; the secretaries' inbox; the chair's and secretaries'
 * notices. Which panels show follows the same permissions the server decides with; what each
 * one lists is what the server sent this user, nothing more.
 */
export function MeetingMessages({ state, user }: { state: MeetingState; user: User }) {
  const messages = useClientState().messages[state.meeting.id] ?? NONE;
  const access = { role: state.myRole, status: state.meeting.status };
  const meetingId = state.meeting.id;
  const requests = messages.filter((m) => m.kind === 'request');
  const canRequest = canInMeeting(user, 'message:request', access);
  const canHandle = canInMeeting(user, 'message:handle', access);
  const canNotice = canInMeeting(user, 'message:notice', access);
  return (
    <>
      {(canRequest || canHandle || canNotice) && (
        <div className="meeting-strip messages-strip">
          {canHandle && <RequestInbox meetingId={meetingId} requests={requests} />}
          {canRequest && !canHandle && (
            <RequestPanel meetingId={meetingId} requests={requests.filter((m) => m.sender.id === user.id)} />
          )}
          {state.myRole === 'chair' && !canHandle && (
            <RequestInbox meetingId={meetingId} requests={requests.filter((m) => m.sender.id !== user.id)} readOnly />
          )}
          {canNotice && (
            <NoticeComposer
              meetingId={meetingId}
              userId={user.id}
              participants={state.participants}
              notices={messages.filter((m) => m.kind === 'notice')}
            />
          )}
        </div>
      )}
    </>
  );
}
