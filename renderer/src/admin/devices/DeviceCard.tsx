import { useTranslation } from 'react-i18next';
import type { DeviceInfo } from '../../../../shared/protocol/index.js';
import { formatWhen } from '../../documents/format-document.js';
import { formatAge } from '../../format/relative-time.js';
import { useLanguage } from '../../i18n/use-language.js';

/** What the device's certificates say today: none, one valid, or all revoked or expired. */
export function certificateState(device: DeviceInfo, now: Date): 'none' | 'valid' | 'revoked' | 'expired' {
  if (device.certificates.length === 0) return 'none';
  const live = device.certificates.filter((c) => c.revokedAt === null);
  if (live.length === 0) return 'revoked';
  return live.some((c) => new Date(c.notAfter) > now) ? 'valid' : 'expired';
}

/** One device as one person used it: name, platform, enrolment, last seen, and its revocation. */
export function DeviceCard({ device, now, onRevoke }: { device: DeviceInfo; now: Date; onRevoke(): void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const enrolledAt = device.certificates[0]?.issuedAt ?? null;
  const state = certificateState(device, now);
  return (
    <li className="device-card" data-testid={`device-${device.id}`} data-revoked={device.revokedAt ? 'yes' : 'no'}>
      <h3 className="device-card__name">{device.name}</h3>
      <p className="device-card__person">
        {device.displayName} <span className="device-card__username">({device.username})</span>
      </p>
      <dl className="device-card__facts">
        <dt>{t('devices.platform')}</dt>
        <dd>{t(`devices.platforms.${device.platform}`)}</dd>
        <dt>{t('devices.enrolled')}</dt>
        <dd>{enrolledAt ? formatWhen(enrolledAt, lang) : t('devices.notEnrolled')}</dd>
        <dt>{t('devices.certificate')}</dt>
        <dd data-testid="device-certificate">{t(`devices.certificateStates.${state}`)}</dd>
        <dt>{t('devices.lastSeen')}</dt>
        <dd>
          <time dateTime={device.lastSeenAt}>
            {formatAge(device.lastSeenAt, now, lang)} ({formatWhen(device.lastSeenAt, lang)})
          </time>
        </dd>
        <dt>{t('devices.firstSeen')}</dt>
        <dd>
          <time dateTime={device.firstSeenAt}>{formatWhen(device.firstSeenAt, lang)}</time>
        </dd>
      </dl>
      {device.revokedAt ? (
        <p className="device-card__revoked" data-testid="device-revoked">
          {t('devices.revokedAt', { when: formatWhen(device.revokedAt, lang) })}
        </p>
      ) : (
        <button
          type="button"
          className="button button--danger-quiet device-card__revoke"
          onClick={onRevoke}
          aria-label={t('devices.revokeAria', { device: device.name, person: device.displayName })}
          data-testid="device-revoke"
        >
          {t('devices.revoke')}
        </button>
      )}
    </li>
  );
}
