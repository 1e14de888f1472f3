import { lazy, Suspense, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientState } from '../client/ClientContext.js';
import { meetingHref } from '../client/use-hash-route.js';
import { countAttendance } from '../attendance/quorum.js';
import { ConnectionBadge } from '../components/ConnectionBadge.js';
import { VoteResultView } from '../votes/VoteResultView.js';
import { displayChoice } from './display-choice.js';
import { DisplayOpenVote } from './DisplayOpenVote.js';

/** pdf.js loads when something is presented, not with the display. */
const DisplayPresentation = lazy(() =>
  import('./DisplayPresentation.js').then((m) => ({ default: m.DisplayPresentation })),
);

/**
 * The projector's page: read-only, large type, live. One thing at a time: the open vote with
 * its progress, or else the last published result. No ballot and no editing here, whoever
 * is signed in.
 */
export function RoomDisplay({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { meetings, documents } = useClientState();
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
  const choice = displayChoice(state.votes);
  // An open vote comes first; otherwise the page the presenter shows, if any.
  const presentation = choice.show === 'open' ? null : (state.presentation ?? null);
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
      <main className="room-display__body" data-show={presentation ? 'presentation' : choice.show}>
        {presentation && (
          <Suspense fallback={<p className="room-display__empty">{t('meeting.loading')}</p>}>
            <DisplayPresentation
              presentation={presentation}
              title={documents[meetingId]?.find((d) => d.id === presentation.documentId)?.title}
            />
          </Suspense>
        )}
        {!presentation && choice.show === 'open' && <DisplayOpenVote vote={choice.vote} state={state} />}
        {!presentation && choice.show === 'result' && (
          <section className="display-card display-result" data-testid="display-result" data-vote-id={choice.vote.id}>
            <p className="display-card__eyebrow">{t('result.title')}</p>
            <h2 className="display-card__question" data-testid="display-result-question">
              {choice.vote.question}
            </h2>
            <VoteResultView vote={choice.vote} large />
          </section>
        )}
        {!presentation && (choice.show === 'awaiting' || choice.show === 'cancelled' || choice.show === 'idle') && (
          <section
            className="display-card display-card--quiet"
            data-testid="display-no-vote"
            data-vote-id={choice.vote?.id}
          >
            {choice.vote && (
              <h2 className="display-card__question" data-testid="display-quiet-question">
                {choice.vote.question}
              </h2>
            )}
            <p className="display-card__note" data-testid="display-note">
              {choice.show === 'awaiting'
                ? t('vote.awaitingResult')
                : choice.show === 'cancelled'
                  ? t('display.cancelled')
                  : t('display.noVote')}
            </p>
            {choice.show === 'cancelled' && choice.vote.cancelReason && (
              <p className="display-card__note" data-testid="display-cancel-reason">
                {t('vote.cancelReason', { reason: choice.vote.cancelReason })}
              </p>
            )}
          </section>
        )}
      </main>
    </div>
  );
}
