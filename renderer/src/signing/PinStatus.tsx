import { useTranslation } from 'react-i18next';
import type { DeviceIdentity } from '../../../shared/client/signing-api.js';
import { formatWhen } from '../format/datetime.js';
import { useNow } from '../format/use-now.js';
import { useLanguage } from '../i18n/use-language.js';

/** How many wrong PINs are left, or until when the key is locked; nothing while all is well. */
export function PinStatus({ identity, always = false }: { identity: DeviceIdentity; always?: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const lockedUntil = identity.pinLockedUntil;
  const now = useNow(1_000, lockedUntil !== null);
  if (lockedUntil && Date.parse(lockedUntil) > now.getTime()) {
    const seconds = Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000);
    return (
      <p className="pin-status pin-status--locked" role="alert" data-testid="pin-locked">
        {t('signing.pin.locked', { when: formatWhen(lockedUntil, lang), count: seconds })}
      </p>
    );
  }
  if (!always && identity.pinAttemptsLeft >= 5) return null;
  return (
    <p
      className={identity.pinAttemptsLeft <= 2 ? 'pin-status pin-status--low' : 'pin-status'}
      data-testid="pin-attempts"
      data-left={identity.pinAttemptsLeft}
    >
      {t('signing.pin.attemptsLeft', { count: identity.pinAttemptsLeft })}
    </p>
  );
}
