import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/protocol/index.js';
import { adminSectionsFor } from '../admin/admin-sections.js';
import { useClient } from '../client/ClientContext.js';
import { adminHref } from '../client/use-hash-route.js';
import { SigningMenu } from '../signing/SigningMenu.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import { LanguageToggle } from './LanguageToggle.js';

export function AppHeader({ user }: { user: User }) {
  const { t } = useTranslation();
  const client = useClient();
  return (
    <header className="app-header">
      <a className="app-header__brand" href="#/" data-testid="home-link">
        {t('app.title')}
      </a>
      <div className="app-header__tools">
        <ConnectionBadge />
        <LanguageToggle />
        <SigningMenu user={user} />
        {adminSectionsFor(user).length > 0 && (
          <a className="button button--quiet" href={adminHref()} data-testid="admin-link">
            {t('admin.title')}
          </a>
        )}
        <span className="app-header__user" data-testid="current-user">
          {user.displayName}
        </span>
        <button
          type="button"
          className="button button--quiet"
          data-testid="logout-button"
          onClick={() => void client.logout()}
        >
          {t('app.signOut')}
        </button>
      </div>
    </header>
  );
}
