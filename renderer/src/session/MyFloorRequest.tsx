import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from 'uuidv7';
import type { SpeakerRequest } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Icon } from '../components/Icon.js';
import { SpeakerTime } from './SpeakerTime.js';

interface Props {
  meetingId: string;
  userId: string;
  speakers: readonly SpeakerRequest[];
}

/** A member's own turn: ask (or raise a point of order), see where they stand, withdraw. */
export function MyFloorRequest({ meetingId, userId, speakers }: Props) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const waiting = speakers.filter((s) => s.state === 'waiting');
  const mine = speakers.find((s) => s.userId === userId);
  const ask = (pointOfOrder: boolean) => void run('speaker:request', { meetingId, requestId: uuidv7(), pointOfOrder });
  const speaking = mine?.state === 'speaking' ? mine : undefined;

  // Given the floor: a buzz on a phone or tablet that has one, once per turn.
  useEffect(() => {
    if (speaking) navigator.vibrate?.([200, 100, 200]);
  }, [speaking?.id]);

  return (
    <div className="my-floor" data-testid="my-floor" data-state={mine?.state ?? 'none'}>
      {createPortal(<FloorBanner speech={speaking} />, document.body)}
      {mine?.state === 'speaking' && (
        <p className="my-floor__state my-floor__state--speaking" data-testid="my-floor-state">
          {t('session.youHaveFloor')}
        </p>
      )}
      {mine?.state === 'waiting' && (
        <>
          <p className="my-floor__state" data-testid="my-floor-state">
            {t('session.queuePosition', { position: waiting.findIndex((s) => s.id === mine.id) + 1 })}
          </p>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run('speaker:withdraw', { meetingId, requestId: mine.id })}
            data-testid="speaker-withdraw"
          >
            {t('session.withdraw')}
          </button>
        </>
      )}
      {!mine && (
        <div className="my-floor__ask">
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => ask(false)}
            data-testid="speaker-request"
          >
            <Icon name="hand" /> {t('session.requestSpeak')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => ask(true)}
            data-testid="speaker-point-of-order"
          >
            {t('session.requestPointOfOrder')}
          </button>
        </div>
      )}
      <ErrorMessage error={error} testId="my-floor-error" />
    </div>
  );
}

/**
 * "You have the floor" pinned to the bottom of the screen, wherever the page is scrolled (the
 * speakers section alone changing went unnoticed). The live region stays in the page while
 * nobody speaks, so a screen reader hears the words when they arrive; the countdown sits beside
 * it, not in it, or it would be read out every second.
 */
function FloorBanner({ speech }: { speech: SpeakerRequest | undefined }) {
  const { t } = useTranslation();
  return (
    <div className={speech ? 'floor-banner' : 'floor-banner floor-banner--idle'} data-testid="floor-banner">
      <p className="floor-banner__title" role="status" aria-live="polite">
        {speech && (
          <>
            <Icon name="mic" /> {t('session.floorBanner')}
          </>
        )}
      </p>
      {speech && <SpeakerTime speech={speech} className="floor-banner__time" testId="floor-banner-time" />}
    </div>
  );
}
