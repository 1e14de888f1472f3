import { useTranslation } from 'react-i18next';
import { useClientState } from '../client/ClientContext.js';
import { formatClock, formatWhen } from '../format/datetime.js';
import type { Language } from '../i18n/index.js';
import { useLanguage } from '../i18n/use-language.js';

export function ConnectionBadge() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { connection, lastSyncAt, pendingCommands } = useClientState();
  // Online the data follows the server live: an age would only make it read as stale. Away
  // from the server, the last sync says how far behind this screen may be.
  const age = !lastSyncAt
    ? t('connection.neverSynced')
    : connection === 'online'
      ? t('connection.upToDate')
      : t('connection.lastSynced', { time: syncedAt(lastSyncAt, lang) });
  return (
    <div className="connection" data-testid="connection-badge" data-state={connection} role="status">
      <span className={`connection__dot connection__dot--${connection}`} aria-hidden="true" />
      <span className="connection__state" data-testid="connection-state">
        {t(`connection.state.${connection}`)}
      </span>
      <span className="connection__age" data-testid="connection-age">
        {age}
      </span>
      {pendingCommands > 0 && (
        <span className="connection__pending" data-testid="pending-count" data-count={pendingCommands}>
          {t('connection.pending', { count: pendingCommands })}
        </span>
      )}
    </div>
  );
}

/** "14:02" for a sync today, with the date for an older one. */
function syncedAt(iso: string, lang: Language): string {
  const today = new Date().toDateString() === new Date(iso).toDateString();
  return today ? formatClock(iso, lang) : formatWhen(iso, lang);
}
