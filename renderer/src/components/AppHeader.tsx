import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/protocol/index.js';
import { adminSectionsFor } from '../admin/admin-sections.js';
import { useClient } from '../client/ClientContext.js';
import { adminHref } from '../client/use-hash-route.js';
import { SigningMenu } from '../signing/SigningMenu.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import { Icon } from './Icon.js';
import { LanguageToggle } from './LanguageToggle.js';

/**
 * One row: the brand, the connection and the tools. On a narrow screen (layout.css) the
 * tools less used in a meeting (language, signature, administration, the user, sign-out)
 * fold into a menu button, so the row stays one touch target high.
 *
 * `plain`: while a one-time password must be replaced the server answers nothing else, so
 * the connection would say "Connecting…" for ever and the signature and administration lead
 * nowhere: the header keeps the brand, the language, the user and sign-out only.
 */
export function AppHeader({ user, plain = false }: { user: User; plain?: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const [menuOpen, setMenuOpen] = useState(false);
  const toolsId = useId();
  const headerRef = useRef<HTMLElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    // Following a link in the menu, Escape or a touch elsewhere closes it.
    const onRoute = () => setMenuOpen(false);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenuOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!headerRef.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    window.addEventListener('hashchange', onRoute);
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('hashchange', onRoute);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [menuOpen]);

  return (
    <header ref={headerRef} className={`app-header${menuOpen ? ' app-header--menu-open' : ''}`}>
      <a className="app-header__brand" href="#/" data-testid="home-link">
        {t('app.title')}
      </a>
      {!plain && <ConnectionBadge />}
      <button
        ref={buttonRef}
        type="button"
        className="button button--quiet app-header__menu-button"
        aria-expanded={menuOpen}
        aria-controls={toolsId}
        aria-label={t('app.menu')}
        data-testid="header-menu-button"
        onClick={() => setMenuOpen(!menuOpen)}
      >
        <Icon name="menu" />
      </button>
      <div id={toolsId} className="app-header__tools" data-testid="header-tools">
        <div className="app-header__lang">
          <LanguageToggle />
        </div>
        {!plain && <SigningMenu user={user} />}
        {!plain && adminSectionsFor(user).length > 0 && (
          <a className="button button--quiet" href={adminHref()} data-testid="admin-link">
            {t('admin.title')}
          </a>
        )}
        <span className="app-header__user" data-testid="current-user">
          <span className="app-header__signed-in">{t('app.signedInAs')}</span>
          {user.displayName}
        </span>
        <button
          type="button"
          className="button button--quiet app-header__logout"
          data-testid="logout-button"
          onClick={() => void client.logout()}
        >
          {t('app.signOut')}
        </button>
      </div>
    </header>
  );
}
