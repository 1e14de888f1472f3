import { useTranslation } from 'react-i18next';
import type { SpeakerRequest } from '../../../shared/protocol/index.js';
import { Icon } from '../components/Icon.js';

export interface SpeakerControls {
  busy: boolean;
  index: number;
  first: boolean;
  last: boolean;
  give(): void;
  move(index: number): void;
  remove(): void;
}

interface Props {
  request: SpeakerRequest;
  name: string;
  itemNumber: string | undefined;
  isMe: boolean;
  /** The chair's buttons; absent for everyone else. */
  controls?: SpeakerControls;
}

/** One waiting request: who, a point of order marked, on which item; the chair's buttons beside it. */
export function SpeakerRow({ request, name, itemNumber, isMe, controls }: Props) {
  const { t } = useTranslation();
  return (
    <li
      className={isMe ? 'speaker-row speaker-row--me' : 'speaker-row'}
      data-testid="speaker-row"
      data-user-id={request.userId}
      data-point-of-order={request.pointOfOrder}
    >
      <div className="speaker-row__who">
        <span className="speaker-row__name" data-testid="speaker-row-name">
          {name}
        </span>
        {request.pointOfOrder && <span className="badge badge--point-of-order">{t('session.pointOfOrderTag')}</span>}
        {itemNumber && <span className="speaker-row__item">{t('session.onItem', { number: itemNumber })}</span>}
      </div>
      {controls && (
        <div className="speaker-row__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={controls.busy}
            onClick={controls.give}
            data-testid="speaker-give-floor"
          >
            {t('session.giveFloor')}
          </button>
          <button
            type="button"
            className="button"
            disabled={controls.busy || controls.first}
            onClick={() => controls.move(controls.index - 1)}
            aria-label={t('session.moveUp')}
            title={t('session.moveUp')}
            data-testid="speaker-move-up"
          >
            <Icon name="arrowUp" />
          </button>
          <button
            type="button"
            className="button"
            disabled={controls.busy || controls.last}
            onClick={() => controls.move(controls.index + 1)}
            aria-label={t('session.moveDown')}
            title={t('session.moveDown')}
            data-testid="speaker-move-down"
          >
            <Icon name="arrowDown" />
          </button>
          <button
            type="button"
            className="button button--danger-quiet"
            disabled={controls.busy}
            onClick={controls.remove}
            aria-label={t('session.remove')}
            title={t('session.remove')}
            data-testid="speaker-remove"
          >
            <Icon name="close" />
          </button>
        </div>
      )}
    </li>
  );
}
