import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/protocol/index.js';
import { adminHref } from '../client/use-hash-route.js';
import { adminSectionsFor } from './admin-sections.js';

/** The administration: a row of tabs, one screen below. A section the user may not open is not offered. */
export function AdminPage({ user, section }: { user: User; section: string | null }) {
  const { t } = useTranslation();
  const sections = adminSectionsFor(user);
  const current = sections.find((s) => s.id === section) ?? sections[0];
  if (!current) {
    return (
      <p className="card" role="alert" data-testid="admin-forbidden">
        {t('admin.forbidden')}
      </p>
    );
  }
  const { Screen } = current;
  return (
    <div className="admin" data-testid="admin-page">
      <h1 className="admin__title">{t('admin.title')}</h1>
      <nav className="admin__tabs" aria-label={t('admin.title')}>
        {sections.map((s) => (
          <a
            key={s.id}
            href={adminHref(s.id)}
            className="admin__tab"
            aria-current={s === current ? 'page' : undefined}
            data-testid={`admin-tab-${s.id}`}
          >
            {s.label(t)}
          </a>
        ))}
      </nav>
      <Screen user={user} />
    </div>
  );
}
