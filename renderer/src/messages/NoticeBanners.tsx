import { useTranslation } from 'react-i18next';
import type { HeldMessage } from '../../../shared/client/api.js';
import { useClientState } from '../client/ClientContext.js';
import { bannersFor, time } from './message-view.js';
import { useDismissedNotices } from './use-dismissed.js';

const NONE: readonly HeldMessage[] = [];

/**
 * The meeting's notices to this user, pinned under the app header (sticky) at the top of the
 * meeting page: a notice read in mid-page, between the speakers and the documents, is missed.
 */
export function MeetingNoticeBanners({ meetingId, userId }: { meetingId: string; userId: string }) {
  const messages = useClientState().messages[meetingId] ?? NONE;
  return <NoticeBanners messages={messages} userId={userId} />;
}

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
            className="button notice-banner__dismiss"
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
