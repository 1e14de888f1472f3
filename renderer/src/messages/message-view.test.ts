import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { HeldMessage } from '../../../shared/client/api.js';
import { bannersFor, inboxOrder } from './message-view.js';

const ME = uuidv7();
const CHAIR = uuidv7();
const message = (fields: Partial<HeldMessage>): HeldMessage => ({
  id: uuidv7(),
  meetingId: uuidv7(),
  kind: 'request',
  topic: 'print',
  text: '',
  sender: { id: ME, displayName: 'Đại biểu' },
  recipient: null,
  chairMaySee: false,
  state: 'open',
  answer: '',
  answeredBy: null,
  createdAt: '2026-11-30T08:00:00.000Z',
  updatedAt: '2026-11-30T08:00:00.000Z',
  rev: 1,
  pending: false,
  ...fields,
});

describe('the messages panels', () => {
  it("order the desk's inbox: open ones first, first come first served, then the rest as listed", () => {
    const done = message({ state: 'done', createdAt: '2026-11-30T07:00:00.000Z' });
    const late = message({ state: 'acknowledged', createdAt: '2026-11-30T09:00:00.000Z' });
    const early = message({ createdAt: '2026-11-30T08:00:00.000Z' });
    const withdrawn = message({ state: 'withdrawn' });
    expect(inboxOrder([done, late, withdrawn, early]).map((m) => m.id)).toEqual([
      early.id,
      late.id,
      done.id,
      withdrawn.id,
    ]);
  });

  it('show as banners the notices to this user or to all, not their own, not dismissed', () => {
    const sender = { id: CHAIR, displayName: 'Chủ tọa' };
    const toAll = message({ kind: 'notice', topic: null, state: null, sender });
    const toMe = message({ kind: 'notice', topic: null, state: null, sender, recipient: { id: ME, displayName: '' } });
    const toOther = message({
      kind: 'notice',
      topic: null,
      state: null,
      sender,
      recipient: { id: uuidv7(), displayName: '' },
    });
    const mine = message({ kind: 'notice', topic: null, state: null });
    const dismissed = message({ kind: 'notice', topic: null, state: null, sender });
    const shown = bannersFor([toAll, toMe, toOther, mine, dismissed, message({})], ME, new Set([dismissed.id]));
    expect(shown.map((m) => m.id)).toEqual([toAll.id, toMe.id]);
  });
});
