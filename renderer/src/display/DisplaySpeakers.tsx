import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import type { SpeakerRequest } from '../../../shared/protocol/index.js';
import { formatClock, splitQueue, useSpeakingLeft } from '../session/session-clock.js';

/**
 * Who has the floor, with the time they have left counting down (and, once past it, how far
 * over, said in words), then who speaks next: the queue the chair works through.
 */
export function DisplaySpeakers({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  const { speaking, waiting } = splitQueue(state.speakers);
  const left = useSpeakingLeft(speaking);
  const name = (s: SpeakerRequest) => state.participants.find((p) => p.userId === s.userId)?.displayName ?? '—';
  const next = waiting[0];
  if (!speaking && !next) return null;
  return (
    <section className="display-speakers" data-testid="display-speakers">
      {speaking && (
        <div className="display-speaker" data-testid="display-speaker" data-user-id={speaking.userId}>
          <p className="display-label">{t('session.speaking')}</p>
          <p className="display-speaker__name" data-testid="display-speaker-name">
            {speaking.pointOfOrder && <span className="display-tag">{t('session.pointOfOrderTag')}</span>}
            {name(speaking)}
          </p>
          {left !== null ? (
            <p
              className="display-clock__value display-speaker__left"
              data-testid="display-speaker-left"
              data-over={left < 0}
              role="timer"
            >
              {left >= 0
                ? t('session.timeLeft', { time: formatClock(left) })
                : t('session.timeOver', { time: formatClock(-left) })}
            </p>
          ) : (
            <p className="display-label">{t('display.noLimit')}</p>
          )}
        </div>
      )}
      <div className="display-next" data-testid="display-next">
        <p className="display-label">{t('session.nextSpeaker')}</p>
        <p className="display-next__name" data-testid="display-next-name">
          {next ? (
            <>
              {next.pointOfOrder && <span className="display-tag">{t('session.pointOfOrderTag')}</span>}
              {name(next)}
            </>
          ) : (
            t('display.noOneWaiting')
          )}
        </p>
      </div>
    </section>
  );
}
