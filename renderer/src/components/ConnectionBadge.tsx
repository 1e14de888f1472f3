import { useTranslation } from 'react-i18next';
import { useClientState } from '../client/ClientContext.js';
import { formatAge } from '../format/datetime.js';
import { useNow } from '../format/use-now.js';
import { useLanguage } from '../i18n/use-language.js';

export function ConnectionBadge() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { connection, lastSyncAt, pendingCommands } = useClientState();
  const now = useNow(1000);
  const age = lastSyncAt
    ? t('connection.updatedAgo', { age: formatAge(lastSyncAt, now, lang) })
    : t('connection.neverSynced');
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
