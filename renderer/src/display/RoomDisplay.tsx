import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientState } from '../client/ClientContext.js';
import { meetingHref } from '../client/use-hash-route.js';
import { countAttendance } from '../attendance/quorum.js';
import { ConnectionBadge } from '../components/ConnectionBadge.js';
import { awaitingPublication, currentOpenVote, latestPublished } from '../votes/vote-order.js';
import { VoteResultView } from '../votes/VoteResultView.js';
import { DisplayOpenVote } from './DisplayOpenVote.js';

/**
 * The projector's page: read-only, large type, live. The open vote with its progress, and
 * the last published result. No ballot and no editing here, whoever is signed in.
 */
export function RoomDisplay({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { meetings } = useClientState();
  const root = useRef<HTMLDivElement>(null);
  const state = meetings[meetingId];
  const tools = (
    <div className="room-display__tools">
      <ConnectionBadge />
      <button
        type="button"
        className="button button--quiet"
        onClick={() => void root.current?.requestFullscreen?.()}
        data-testid="display-fullscreen"
      >
        {t('display.fullscreen')}
      </button>
      <a className="button button--quiet" href={meetingHref(meetingId)} data-testid="display-exit">
        {t('display.exit')}
      </a>
    </div>
  );
  if (!state) {
    return (
      <div className="room-display" ref={root} data-testid="room-display">
        <header className="room-display__head">{tools}</header>
        <p className="room-display__empty" data-testid="meeting-loading">
          {t('meeting.loading')}
        </p>
      </div>
    );
  }
  const open = currentOpenVote(state.votes);
  const waiting = open ? null : awaitingPublication(state.votes);
  const published = latestPublished(state.votes);
  const { present, members } = countAttendance(state.participants);
  return (
    <div className="room-display" ref={root} data-testid="room-display" data-meeting-id={meetingId}>
      <header className="room-display__head">
        <div>
          <h1 className="room-display__title" data-testid="display-meeting-title">
            {state.meeting.title}
          </h1>
          <p className="room-display__attendance" data-testid="display-attendance">
            {t('display.attendance', { present, members })}
          </p>
        </div>
        {tools}
      </header>
      <main className={open && published ? 'room-display__body room-display__body--two' : 'room-display__body'}>
        {open ? (
          <DisplayOpenVote vote={open} state={state} />
        ) : (
          <section className="display-card display-card--quiet" data-testid="display-no-vote">
            <p className="display-card__note">
              {waiting ? `${waiting.question} — ${t('vote.awaitingResult')}` : t('display.noVote')}
            </p>
          </section>
        )}
        {published && (
          <section className="display-card display-result" data-testid="display-result" data-vote-id={published.id}>
            <p className="display-card__eyebrow">{t('result.title')}</p>
            <h2 className="display-card__question" data-testid="display-result-question">
              {published.question}
            </h2>
            <VoteResultView vote={published} large />
          </section>
        )}
      </main>
    </div>
  );
}
