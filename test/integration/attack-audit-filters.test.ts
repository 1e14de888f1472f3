import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, AuditListResult } from '../../shared/protocol/index.js';
import { ask, startHarness, type Harness, type TestSocket } from '../support/server-harness.js';

/**
 * `audit:list` filters with hostile values (an admin's own request, or a script with an
 * admin's token): each is refused as invalid or answered, never an internal error, on each
 * engine (PostgreSQL's ids are 32-bit integers).
 */
let h: Harness;
let admin: TestSocket;

beforeAll(async () => {
  h = await startHarness();
  admin = (await h.connect('admin')).socket;
});
afterAll(async () => {
  await h?.cleanup();
});

const outcome = (a: Ack<AuditListResult>) => (a.ok ? 'ok' : a.error.code);

describe('audit:list with hostile filters', () => {
  it('answers a cursor past any id, and refuses what is not a filter', async () => {
    for (const before of [2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER])
      expect(['ok', 'VALIDATION_FAILED']).toContain(
        outcome(await ask<AuditListResult>(admin, 'audit:list', { before })),
      );
    expect(outcome(await ask<AuditListResult>(admin, 'audit:list', { action: "x' OR 1=1 --" }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(outcome(await ask<AuditListResult>(admin, 'audit:list', { meetingId: '../global' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(outcome(await ask<AuditListResult>(admin, 'audit:list', { limit: 10_000 }))).toBe('VALIDATION_FAILED');
  });
});
