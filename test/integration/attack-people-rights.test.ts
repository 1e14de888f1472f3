import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../shared/protocol/index.js';
import { ask, startHarness, type Harness, type TestSocket } from '../support/server-harness.js';

/**
 * A people manager (the demo's `thuky`) against another people manager: a new password for
 * them is the other's account taken (the one-time password is shown to whoever asked), and
 * disabling them shuts the office's other manager out. Like an admin's account, a people
 * manager's is an admin's business; their own details stay theirs to edit.
 */
let h: Harness;
let admin: TestSocket;
let manager: TestSocket;

beforeAll(async () => {
  h = await startHarness();
  admin = (await h.connect('admin')).socket;
  manager = (await h.connect('thuky')).socket;
});
afterAll(async () => {
  admin?.disconnect();
  manager?.disconnect();
  await h?.cleanup();
});

const details = {
  displayName: 'Phạm Văn Hai (Văn phòng)',
  title: '',
  unit: 'Văn phòng',
  seat: '',
  email: '',
  canCreateMeetings: false,
  managesPeople: true,
};

describe('a people manager', () => {
  it('cannot reset, disable or edit another people manager; an admin can; their own details they can', async () => {
    const made = await ask<{ person: Person }>(admin, 'people:create', { ...details, username: 'vanphong2' });
    if (!made.ok) throw new Error('not created');
    const other = made.data.person.id;
    const reset = await ask(manager, 'people:reset-password', { userId: other });
    expect(reset).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const disabled = await ask(manager, 'people:set-disabled', { userId: other, disabled: true });
    expect(disabled).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const edited = await ask(manager, 'people:update', { ...details, userId: other, displayName: 'Kẻ gian' });
    expect(edited).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const row = await h.server.store.db
      .selectFrom('users')
      .select(['display_name', 'disabled', 'must_change_password'])
      .where('id', '=', other)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ display_name: details.displayName, disabled: 0 });
    expect((await ask(admin, 'people:reset-password', { userId: other })).ok).toBe(true);
    const self = (await h.login('thuky')).user;
    const own = await ask<{ person: Person }>(manager, 'people:update', {
      ...details,
      userId: self.id,
      displayName: 'Nguyễn Thị Thu (Thư ký)',
    });
    expect(own.ok).toBe(true);
  });
});
