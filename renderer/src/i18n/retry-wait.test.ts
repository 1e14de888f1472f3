import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { protocolError, rateLimitedError } from '../../../shared/protocol/index.js';
import en from './en.json';
import { withRetryWait } from './retry-wait.js';
import vi from './vi.json';

beforeAll(async () => {
  await i18next.init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng: 'vi' });
});

describe('a refused sign-in says how long to wait', () => {
  it('in minutes, with plurals in English', () => {
    expect(withRetryWait(rateLimitedError(300))?.message).toEqual({
      vi: 'Quá nhiều lần thử. Vui lòng thử lại sau 5 phút.',
      en: 'Too many attempts. Please try again in 5 minutes.',
    });
    expect(withRetryWait(rateLimitedError(60))?.message.en).toBe('Too many attempts. Please try again in 1 minute.');
    expect(withRetryWait(rateLimitedError(61))?.message.en).toBe('Too many attempts. Please try again in 2 minutes.');
  });

  it('in seconds under a minute', () => {
    expect(withRetryWait(rateLimitedError(1))?.message.en).toBe('Too many attempts. Please try again in 1 second.');
    expect(withRetryWait(rateLimitedError(5))?.message.vi).toBe('Quá nhiều lần thử. Vui lòng thử lại sau 5 giây.');
  });

  it('leaves other errors, and a refusal without a wait, as the server wrote them', () => {
    const wrong = protocolError('INVALID_CREDENTIALS');
    expect(withRetryWait(wrong)).toBe(wrong);
    const busy = protocolError('RATE_LIMITED');
    expect(withRetryWait(busy)).toBe(busy);
    expect(withRetryWait(null)).toBeNull();
  });
});
