import { describe, expect, it } from 'vitest';
import { chainedEdits } from './edit-chain.js';
import type { OutboxEntry } from './store.js';

const entry = (commandId: string, name: OutboxEntry['name'], payload: Record<string, unknown>): OutboxEntry => ({
  commandId,
  name,
  payload: { ...payload, commandId },
  createdAt: '2026-11-29T10:00:00.000Z',
});

describe('chainedEdits', () => {
  it('moves the later queued edits of the same item, made on the same version, to the next one', () => {
    const first = entry('a', 'agenda:update-item', { itemId: 'i1', baseVersion: 3, title: 'A' });
    const outbox = [
      entry('b', 'agenda:update-item', { itemId: 'i1', baseVersion: 3, presenter: 'B' }),
      entry('c', 'agenda:update-item', { itemId: 'i2', baseVersion: 3, title: 'other item' }),
      entry('d', 'agenda:update-item', { itemId: 'i1', baseVersion: 5, title: 'made on a newer version' }),
      entry('e', 'meeting:update', { meetingId: 'i1', baseVersion: 3, title: 'a meeting, not the item' }),
    ];
    expect(chainedEdits(outbox, first)).toEqual([
      { commandId: 'b', payload: { itemId: 'i1', baseVersion: 4, presenter: 'B', commandId: 'b' } },
    ]);
  });

  it('leaves commands without versions alone', () => {
    const first = entry('a', 'agenda:move-item', { itemId: 'i1', parentId: null, index: 0 });
    expect(chainedEdits([entry('b', 'agenda:update-item', { itemId: 'i1', baseVersion: 0 })], first)).toEqual([]);
  });
});
