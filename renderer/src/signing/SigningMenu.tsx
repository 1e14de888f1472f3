import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/protocol/index.js';
import { useClientState } from '../client/ClientContext.js';
import { DEVICES_HREF, ENROLL_HREF } from './use-signing-route.js';
import { Icon } from '../components/Icon.js';

/** In the header: this device's digital signature, and (admins) the devices and their certificates. */
export function SigningMenu({ user }: { user: User }) {
  const { t } = useTranslation();
  const { identity } = useClientState();
  return (
    <nav className="signing-menu" aria-label={t('signing.menuLabel')}>
      <a
        className="button button--quiet"
        href={ENROLL_HREF}
        data-testid="signing-link"
        data-enrolled={identity !== null}
      >
        <Icon name={identity ? 'seal' : 'key'} /> {t('signing.menu')}
      </a>
      {user.isAdmin && (
        <a className="button button--quiet" href={DEVICES_HREF} data-testid="devices-link">
          {t('signing.devices.menu')}
        </a>
      )}
    </nav>
  );
}
