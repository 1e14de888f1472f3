import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon.js';

interface Props {
  /** This person may present this document (chair or secretary; a document every participant sees). */
  canPresent: boolean;
  presenting: boolean;
  /** Someone else presents now. */
  othersPresenting: boolean;
  following: boolean;
  onPresent(): void;
  onStop(): void;
  onFollow(follow: boolean): void;
}

/** "Trình chiếu" for the presenter; "Theo dõi người trình bày" for everyone else while someone presents. */
export function PresenterBar({
  canPresent,
  presenting,
  othersPresenting,
  following,
  onPresent,
  onStop,
  onFollow,
}: Props) {
  const { t } = useTranslation();
  return (
    <div className="reader__group reader__presenter">
      {presenting ? (
        <button type="button" className="button button--danger" onClick={onStop} data-testid="presenter-stop">
          <Icon name="stop" /> {t('presenter.stop')}
        </button>
      ) : (
        canPresent && (
          <button type="button" className="button button--primary" onClick={onPresent} data-testid="presenter-start">
            <Icon name="play" /> {t('presenter.start')}
          </button>
        )
      )}
      {!presenting && (othersPresenting || following) && <FollowToggle following={following} onFollow={onFollow} />}
    </div>
  );
}

export function FollowToggle({ following, onFollow }: { following: boolean; onFollow(follow: boolean): void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={following ? 'button button--primary' : 'button'}
      aria-pressed={following}
      onClick={() => onFollow(!following)}
      data-testid="follow-presenter"
    >
      <Icon name={following ? 'radioOn' : 'radioOff'} /> {t('presenter.follow')}
    </button>
  );
}
