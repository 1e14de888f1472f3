import type { OutboxEntry } from './store.js';

/** Commands that carry the version of what they edit (`baseVersion`), and what they edit. */
const VERSIONED: Partial<Record<OutboxEntry['name'], (payload: OutboxEntry['payload']) => string>> = {
  'agenda:update-item': (p) => `item:${String(p.itemId)}`,
  'meeting:update': (p) => `meeting:${String(p.meetingId)}`,
};

/**
 * Edits made on this device one after the other, while the first was still queued, were all
 * made on the version the device held then: once the first is applied, the next one is the
 * device's own follow-up, not a stale edit. Returns the later queued edits of the same thing
 * and base version, moved on to the version the applied edit made (each edit adds one).
 */
export function chainedEdits(
  outbox: readonly OutboxEntry[],
  applied: OutboxEntry,
): Array<{ commandId: string; payload: OutboxEntry['payload'] }> {
  const target = VERSIONED[applied.name]?.(applied.payload);
  const base = applied.payload.baseVersion;
  if (target === undefined || typeof base !== 'number') return [];
  return outbox
    .filter((e) => e.commandId !== applied.commandId && VERSIONED[e.name]?.(e.payload) === target)
    .filter((e) => e.payload.baseVersion === base)
    .map((e) => ({ commandId: e.commandId, payload: { ...e.payload, baseVersion: base + 1 } }));
}
