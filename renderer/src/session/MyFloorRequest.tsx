import { useTranslation } from 'react-i18next';
import { uuidv7 } from 'uuidv7';
import type { SpeakerRequest } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Icon } from '../components/Icon.js';

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

  return (
    <div className="my-floor" data-testid="my-floor" data-state={mine?.state ?? 'none'}>
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
