import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientState } from '../client/ClientContext.js';
import { useHashRoute } from '../client/use-hash-route.js';
import { loadNewVersion, subscribeUpdate, updateState } from './service-worker.js';
import { updateHeldByVote } from './update-hold.js';
import './update-prompt.css';

/**
 * "A new version is ready — Reload": offered once the service worker has a newer build waiting,
 * never while a vote is open, never on the room's projector (no one there to press it).
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const { meetings } = useClientState();
  const { route } = useHashRoute();
  const { offer, reloadWanted } = useSyncExternalStore(subscribeUpdate, updateState);
  const [dismissedOffer, setDismissedOffer] = useState(0);
  const held = updateHeldByVote(meetings);

  useEffect(() => {
    if (reloadWanted && !held) window.location.reload();
  }, [reloadWanted, held]);

  if (offer === 0 || offer === dismissedOffer || held || route.name === 'display') return null;
  return (
    <div className="update-prompt" role="status" data-testid="update-prompt">
      <p className="update-prompt__text">{t('pwa.updateReady')}</p>
      <div className="update-prompt__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="update-prompt-reload"
          onClick={loadNewVersion}
        >
          {t('pwa.reload')}
        </button>
        <button
          type="button"
          className="button button--quiet"
          data-testid="update-prompt-dismiss"
          onClick={() => setDismissedOffer(offer)}
        >
          {t('pwa.later')}
        </button>
      </div>
    </div>
  );
}
