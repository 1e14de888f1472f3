import { describe, expect, it } from 'vitest';
import type { VoteStatus } from '../../../shared/protocol/votes.js';
import { updateHeldByVote } from './update-hold.js';

const meeting = (...statuses: VoteStatus[]) => ({ votes: statuses.map((status) => ({ status })) });

describe('holding a new version during a vote', () => {
  it('holds it while any meeting the device holds has an open vote', () => {
    expect(updateHeldByVote({ a: meeting('closed'), b: meeting('published', 'open') })).toBe(true);
  });

  it('lets it through before a vote opens and once every vote has ended', () => {
    expect(updateHeldByVote({})).toBe(false);
    expect(updateHeldByVote({ a: meeting() })).toBe(false);
    expect(updateHeldByVote({ a: meeting('draft'), b: meeting('closed', 'published', 'cancelled') })).toBe(false);
  });
});
