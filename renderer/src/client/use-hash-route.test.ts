import { describe, expect, it } from 'vitest';
import { adminHref, displayHref, meetingHref, minutesHref, parseRoute } from './use-hash-route.js';

const ID = '0192f0a4-1b2c-7d3e-8f40-123456789abc';

describe('parseRoute', () => {
  it('reads the meeting page and the room display from their links', () => {
    expect(parseRoute(meetingHref(ID))).toEqual({ name: 'meeting', meetingId: ID });
    expect(parseRoute(displayHref(ID))).toEqual({ name: 'display', meetingId: ID });
    expect(parseRoute(minutesHref(ID))).toEqual({ name: 'minutes', meetingId: ID });
  });

  it('reads the administration and its section', () => {
    expect(parseRoute(adminHref())).toEqual({ name: 'admin', section: null });
    expect(parseRoute(adminHref('people'))).toEqual({ name: 'admin', section: 'people' });
    expect(parseRoute('#/admin/People')).toEqual({ name: 'meetings' });
  });

  it('falls back to the meeting list for anything else', () => {
    expect(parseRoute('')).toEqual({ name: 'meetings' });
    expect(parseRoute('#/')).toEqual({ name: 'meetings' });
    expect(parseRoute('#/display/not-an-id')).toEqual({ name: 'meetings' });
    expect(parseRoute(`#/elsewhere/${ID}`)).toEqual({ name: 'meetings' });
    expect(parseRoute(`#/display/${ID}/minutes`)).toEqual({ name: 'meetings' });
  });
});
