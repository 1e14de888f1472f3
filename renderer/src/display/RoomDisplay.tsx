import { lazy, Suspense, useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientState } from '../client/ClientContext.js';
import { PartBoundary } from '../components/PartBoundary.js';
import { meetingHref } from '../client/use-hash-route.js';
import { DisplayCurrentItem } from './DisplayCurrentItem.js';
import { displayStage, DisplayHeader } from './DisplayHeader.js';
import { displayBand, displayMain } from './display-choice.js';
import { DisplayOpenVote } from './DisplayOpenVote.js';
import { DisplaySpeakers } from './DisplaySpeakers.js';
import { DisplayVoteOutcome } from './DisplayVoteOutcome.js';
import { useDisplayGestures } from './use-display-gestures.js';

/** pdf.js loads when something is presented, not with the display. */
const DisplayPresentation = lazy(() =>
  import('./DisplayPresentation.js').then((m) => ({ default: m.DisplayPresentation })),
);

/** A presented page whose code the server no longer has (updated meanwhile) reloads the display after this. */
const DISPLAY_RELOAD_MS = 15_000;

/**
 * The projector's page, read from across the room: read-only, large type, live, one screen
 * with nothing below the fold and no controls on it (see use-display-gestures.ts). A header
 * band (title, stage, attendance); a main area (the open vote alone, or the presented page,
 * or the last vote's outcome, or the current item); a side band with the current item's clock
 * and the speakers, which steps aside while a vote is open. No ballot here, whoever is signed in.
 */
export function RoomDisplay({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { meetings, documents } = useClientState();
  const root = useRef<HTMLDivElement>(null);
  const leave = useCallback(() => {
    window.location.hash = meetingHref(meetingId);
  }, [meetingId]);
  useDisplayGestures(root, leave);
  const state = meetings[meetingId];
  const main = state ? displayMain(state.votes, state.presentation ?? null, state.session) : null;
  const side = state && main ? displayBand(main, state.session, state.speakers) : null;
  const band = !!side && (side.item || side.speakers);
  return (
    <div
      className="room-display"
      ref={root}
      data-testid="room-display"
      data-meeting-id={state ? meetingId : undefined}
      data-main={main?.show}
      data-band={band ? 'true' : 'false'}
      title={t('display.howTo')}
      aria-label={`${t('display.open')}. ${t('display.howTo')}`}
    >
      {/* Off screen until focused: keyboard users can leave without a control on the projection. */}
      <a className="room-display__exit" href={meetingHref(meetingId)} data-testid="display-exit">
        {t('display.exit')}
      </a>
      {!state || !main ? (
        <p className="room-display__empty" data-testid="meeting-loading">
          {t('meeting.loading')}
        </p>
      ) : (
        <>
          <DisplayHeader state={state} />
          <main className="room-display__main" data-show={main.show}>
            {main.show === 'open' && <DisplayOpenVote vote={main.vote} state={state} />}
            {main.show === 'presentation' && (
              // No one at the projector to press Reload: it reloads by itself.
              <PartBoundary part="display" reloadAfterMs={DISPLAY_RELOAD_MS}>
                <Suspense fallback={<p className="room-display__empty">{t('meeting.loading')}</p>}>
                  <DisplayPresentation
                    presentation={main.presentation}
                    title={documents[meetingId]?.find((d) => d.id === main.presentation.documentId)?.title}
                  />
                </Suspense>
              </PartBoundary>
            )}
            {(main.show === 'result' || main.show === 'awaiting' || main.show === 'cancelled') && (
              <DisplayVoteOutcome show={main.show} vote={main.vote} />
            )}
            {main.show === 'item' && <DisplayCurrentItem state={state} large />}
            {main.show === 'idle' && (
              <section className="display-card display-card--quiet" data-testid="display-no-vote">
                <p className="display-card__note" data-testid="display-note">
                  {displayStage(state) === 'ended'
                    ? t('display.ended')
                    : displayStage(state) === 'not-started'
                      ? t('display.notStarted')
                      : t('display.noVote')}
                </p>
              </section>
            )}
          </main>
          {band && (
            <aside className="room-display__band" data-testid="display-band">
              {side?.item && <DisplayCurrentItem state={state} />}
              {side?.speakers && <DisplaySpeakers state={state} />}
            </aside>
          )}
        </>
      )}
    </div>
  );
}
