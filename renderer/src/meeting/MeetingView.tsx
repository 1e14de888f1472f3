import { useTranslation } from 'react-i18next';
import { useClientState } from '../client/ClientContext.js';
import { Icon } from '../components/Icon.js';
import { displayHref } from '../client/use-hash-route.js';
import { AgendaEditor } from '../agenda/AgendaEditor.js';
import { AgendaList } from '../agenda/AgendaList.js';
import { AttendancePanel } from '../attendance/AttendancePanel.js';
import type { AttendanceMode } from '../attendance/Presence.js';
import { QuorumPanel } from '../attendance/QuorumPanel.js';
import { hasAttendance } from '../../../shared/domain/index.js';
import { DocumentsSection } from '../documents/DocumentsSection.js';
import { MeetingCloseBar } from '../documents/MeetingCloseBar.js';
import { MeetingMessages } from '../messages/MeetingMessages.js';
import { MeetingNoticeBanners } from '../messages/NoticeBanners.js';
import { ParticipantList } from '../participants/ParticipantList.js';
import { ParticipantsEditor } from '../participants/ParticipantsEditor.js';
import { VoteConsole } from '../votes/VoteConsole.js';
import { VotesSection } from '../votes/VotesSection.js';
import { isExpectedMeeting } from './expected-meetings.js';
import { noteParticipant, wasParticipant } from './lost-meetings.js';
import { MinutesLink } from '../minutes/MinutesLink.js';
import { MeetingHeader } from './MeetingHeader.js';
import { SectionAnchor, SectionJump, type MeetingSection } from './SectionJump.js';
import { InvitationPanel } from '../invitations/InvitationPanel.js';
import { meetingPermissions } from './permissions.js';
import { SessionBar } from '../session/SessionBar.js';
import { SpeakersPanel } from '../session/SpeakersPanel.js';
import { useSessionView } from '../session/use-session-view.js';

export function MeetingView({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { user, meetings, lastSyncAt, connection } = useClientState();
  const state = meetings[meetingId];
  const runs = user && state ? meetingPermissions(user, state).runSession : false;
  const session = useSessionView(state, runs);

  const back = (
    <a className="back-link" href="#/" data-testid="back-to-list">
      <Icon name="arrowLeft" /> {t('meeting.back')}
    </a>
  );
  const me = state?.participants.find((p) => p.userId === user?.id);
  if (me) noteParticipant(meetingId);
  // Removed: the change says so first (still held, without them), then the sync drops it.
  if (user && !user.isAdmin && !me && wasParticipant(meetingId)) {
    return (
      <div className="page">
        {back}
        <div className="removed-notice" role="alert" data-testid="meeting-removed">
          <h1 className="removed-notice__title">{t('removedFromMeeting.title')}</h1>
          <p className="removed-notice__body">{t('removedFromMeeting.body')}</p>
        </div>
      </div>
    );
  }
  if (!user || !state) {
    // A meeting just created arrives with the next sync; until then it is "loading", not missing.
    const missing = connection === 'online' && lastSyncAt !== null && !isExpectedMeeting(meetingId);
    return (
      <div className="page">
        {back}
        <p className="empty" data-testid={missing ? 'meeting-missing' : 'meeting-loading'}>
          {missing ? t('meeting.missing') : t('meeting.loading')}
        </p>
      </div>
    );
  }

  const can = meetingPermissions(user, state);
  const editor = can.editAgenda || can.editParticipants || can.editMeeting;
  const published = state.meeting.status === 'published';
  const attendance: AttendanceMode = !published ? 'hidden' : can.manageAttendance ? 'manage' : 'show';
  const checksIn = me !== undefined && hasAttendance(me.role);
  const showsVotes = can.manageVotes || state.meeting.status !== 'draft';
  const sections: MeetingSection[] = [
    ...(showsVotes ? (['votes'] as const) : []),
    ...(published ? (['speakers'] as const) : []),
    'documents',
    'agenda',
    'participants',
  ];
  return (
    <div
      className="page"
      data-testid="meeting-view"
      data-meeting-id={meetingId}
      data-mode={editor ? 'console' : 'reader'}
    >
      <div className="page__nav">
        {back}
        {published && (
          <a className="button button--quiet" href={displayHref(meetingId)} data-testid="room-display-link">
            <Icon name="screen" /> {t('display.open')}
          </a>
        )}
        <MinutesLink state={state} user={user} />
      </div>
      <MeetingNoticeBanners meetingId={meetingId} userId={user.id} />
      <SectionJump sections={sections} />
      <MeetingHeader state={state} can={can} user={user} />
      <InvitationPanel state={state} user={user} />
      <MeetingCloseBar state={state} user={user} />
      {state.meeting.status !== 'draft' && (
        <SessionBar
          state={state}
          runs={can.runSession}
          follow={session.follow}
          onFollowChange={session.setFollow}
          onShowCurrent={session.showCurrent}
        />
      )}
      {(checksIn || can.manageAttendance) && published && (
        <div className="meeting-strip">
          {checksIn && <AttendancePanel state={state} userId={user.id} />}
          {can.manageAttendance && (
            <QuorumPanel
              participants={state.participants}
              votes={state.votes}
              started={state.session.stage !== 'not-started'}
            />
          )}
        </div>
      )}
      {showsVotes && (
        <SectionAnchor section="votes">
          {can.manageVotes ? <VoteConsole state={state} /> : <VotesSection state={state} />}
        </SectionAnchor>
      )}
      {published && (
        <SectionAnchor section="speakers">
          <SpeakersPanel state={state} userId={user.id} runs={can.runSession} mayRequest={can.requestFloor} />
        </SectionAnchor>
      )}
      <MeetingMessages state={state} user={user} />
      <SectionAnchor section="documents">
        <DocumentsSection state={state} user={user} />
      </SectionAnchor>
      <div className={editor ? 'meeting-body meeting-body--console' : 'meeting-body'}>
        <SectionAnchor section="agenda">
          {can.editAgenda ? (
            <AgendaEditor meetingId={meetingId} agenda={state.agenda} current={session.current} />
          ) : (
            <AgendaList agenda={state.agenda} current={session.current} onSetCurrent={session.setCurrent} />
          )}
        </SectionAnchor>
        <SectionAnchor section="participants">
          {can.editParticipants ? (
            <ParticipantsEditor meetingId={meetingId} participants={state.participants} attendance={attendance} />
          ) : (
            <ParticipantList participants={state.participants} attendance={attendance} />
          )}
        </SectionAnchor>
      </div>
    </div>
  );
}
