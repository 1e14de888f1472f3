import { useTranslation } from 'react-i18next';
import type { HeldMessage } from '../../../shared/client/api.js';
import { bannersFor, time } from './message-view.js';
import { useDismissedNotices } from './use-dismissed.js';

/** Notices to this tablet, each a banner at the top of the meeting page until its reader closes it. */
export function NoticeBanners({ messages, userId }: { messages: readonly HeldMessage[]; userId: string }) {
  const { t, i18n } = useTranslation();
  const { dismissed, dismiss } = useDismissedNotices(userId);
  const banners = bannersFor(messages, userId, dismissed);
  if (banners.length === 0) return null;
  return (
    <div className="notice-banners" data-testid="notice-banners">
      {banners.map((m) => (
        <div key={m.id} className="notice-banner" role="alert" data-testid="notice-banner" data-message-id={m.id}>
          <div className="notice-banner__body">
            <span className="notice-banner__from">
              {m.recipient
                ? t('messages.notice.toYouFrom', { name: m.sender.displayName })
                : t('messages.notice.from', { name: m.sender.displayName })}
              {' · '}
              {time(m.createdAt, i18n.language)}
            </span>
            <span className="notice-banner__text" data-testid="notice-banner-text">
              {m.text}
            </span>
          </div>
          <button
            type="button"
            className="button"
            data-testid="notice-banner-dismiss"
            aria-label={t('messages.notice.dismiss')}
            onClick={() => dismiss(m.id)}
          >
            {t('messages.notice.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
