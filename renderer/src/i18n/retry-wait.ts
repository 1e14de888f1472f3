import i18next from 'i18next';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { LANGUAGES, type Language } from './index.js';

/**
 * A refused sign-in worded by the UI, with how long to wait ("try again in 5 minutes", in
 * each language's plural forms); any other error as the server wrote it.
 */
export function withRetryWait(error: ProtocolError | null): ProtocolError | null {
  if (error?.code !== 'RATE_LIMITED' || error.retryAfterSeconds === undefined) return error;
  const seconds = Math.max(1, error.retryAfterSeconds);
  const say = (lng: Language) => {
    const t = i18next.getFixedT(lng);
    return seconds < 60
      ? t('login.retryInSeconds', { count: seconds })
      : t('login.retryInMinutes', { count: Math.ceil(seconds / 60) });
  };
  const [vi, en] = LANGUAGES.map(say) as [string, string];
  return { ...error, message: { vi, en } };
}
