import { uuidv7 } from 'uuidv7';
import { canManagePeople } from '../../shared/domain/index.js';
import {
  protocolError,
  type Ack,
  type LocalizedText,
  type Person,
  type PersonDetails,
  type RequestPayload,
  type RequestResult,
} from '../../shared/protocol/index.js';
import { appendAudit } from '../audit/audit-log.js';
import { generatePassword, hashGeneratedPassword } from '../auth/passwords.js';
import type { Db } from '../db/schema.js';
import { isUniqueViolation, type Store } from '../db/store.js';
import { ImportBusyError, ImportForbiddenError, importPeople, oneLine } from './person-import.js';
import {
  askerNow,
  endSessionsOf,
  findPerson,
  insertPeople,
  listPeople,
  setOneTimePassword,
  setPersonDisabled,
  takenUsernames,
  updatePersonDetails,
} from './people-queries.js';
import type { UserRecord } from './user-queries.js';

/** What a people request asks of the socket layer once its transaction has committed. */
export interface AccountEffects {
  /** The person's rights changed: forget what is cached of them on every node. */
  changed(userId: string): void;
  /** The person is signed out everywhere: their sessions are gone, their sockets are cut. */
  signedOut(userId: string): void;
  /** These sessions are gone (the others of a person who changed their password): their sockets are cut. */
  sessionsEnded(sessionIds: readonly string[]): void;
}

const refuse = (code: 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT', message?: LocalizedText) => ({
  ok: false as const,
  error: protocolError(code, undefined, message),
});

const MESSAGES = {
  notAllowed: {
    vi: 'Chỉ quản trị viên và người được giao quản lý người dùng mới làm được việc này.',
    en: 'Only administrators and those who manage people can do this.',
  },
  adminOnly: {
    vi: 'Chỉ quản trị viên mới thay đổi được tài khoản quản trị, tài khoản quản lý người dùng hoặc quyền quản lý người dùng.',
    en: 'Only an administrator can change an administrator account, a people manager’s account or the right to manage people.',
  },
  notYourself: {
    vi: 'Bạn không thể khóa hoặc đặt lại mật khẩu của chính mình tại đây.',
    en: 'You cannot disable yourself or reset your own password here.',
  },
  noSuchPerson: { vi: 'Không tìm thấy tài khoản này.', en: 'This account was not found.' },
  usernameTaken: { vi: 'Tên đăng nhập đã tồn tại.', en: 'This user name is taken.' },
} satisfies Record<string, LocalizedText>;

type Answer<
  N extends
    | 'people:list'
    | 'people:create'
    | 'people:update'
    | 'people:set-disabled'
    | 'people:reset-password'
    | 'people:import',
> = Promise<Ack<RequestResult<N>>>;

async function audit(db: Db, store: Store, actor: UserRecord, action: string, detail: Record<string, unknown>) {
  await appendAudit(db, store, { at: new Date().toISOString(), actorId: actor.id, action, meetingId: null, detail });
}

/**
 * The person a manager may act on: an admin's account is an admin's business, and so is
 * another people manager's (a new password for them is their account taken, the one-time
 * password being shown to whoever asked; disabling them shuts the office's other manager out).
 * A manager's own details are theirs.
 */
async function target(tx: Db, store: Store, actor: UserRecord, userId: string) {
  // The asker as they are now, behind every other people write: two admins disabling each
  // other at once each passed the check of the other's account read before either wrote, and
  // both were disabled; a manager whose right was just taken could still finish a request.
  await store.lockName(tx, 'people:write');
  const asker = await askerNow(tx, actor.id);
  if (!asker) return refuse('FORBIDDEN', MESSAGES.notAllowed);
  const person = await findPerson(tx, userId);
  if (!person) return refuse('NOT_FOUND', MESSAGES.noSuchPerson);
  if (!asker.isAdmin && (person.isAdmin || (person.managesPeople && person.id !== asker.id)))
    return refuse('FORBIDDEN', MESSAGES.adminOnly);
  return { ok: true as const, person, asker };
}

export async function listPeopleRequest(store: Store, actor: UserRecord): Answer<'people:list'> {
  if (!canManagePeople(actor)) return refuse('FORBIDDEN', MESSAGES.notAllowed);
  return { ok: true, data: { people: await listPeople(store.db) } };
}

export async function createPersonRequest(
  store: Store,
  actor: UserRecord,
  input: RequestPayload<'people:create'> & PersonDetails,
): Answer<'people:create'> {
  if (!canManagePeople(actor)) return refuse('FORBIDDEN', MESSAGES.notAllowed);
  if (input.managesPeople && !actor.isAdmin) return refuse('FORBIDDEN', MESSAGES.adminOnly);
  const username = input.username.toLowerCase();
  const password = generatePassword();
  const passwordHash = await hashGeneratedPassword(password);
  const id = uuidv7();
  const details = normalised(input);
  try {
    const made = await store.transaction(async (tx) => {
      await store.lockName(tx, 'people:write');
      const asker = await askerNow(tx, actor.id);
      if (!asker || (input.managesPeople && !asker.isAdmin)) return 'forbidden';
      if ((await takenUsernames(tx, [username])).size > 0) return false;
      await insertPeople(tx, [{ id, username, ...details, passwordHash }], new Date().toISOString());
      await audit(tx, store, actor, 'people:create', { userId: id, username });
      return true;
    });
    if (made === 'forbidden') return refuse('FORBIDDEN', MESSAGES.notAllowed);
    if (!made) return refuse('CONFLICT', MESSAGES.usernameTaken);
  } catch (error) {
    if (isUniqueViolation(error)) return refuse('CONFLICT', MESSAGES.usernameTaken);
    throw error;
  }
  const person = await findPerson(store.db, id);
  if (!person) throw new Error('person was not created');
  return { ok: true, data: { person, password: { username, displayName: person.displayName, password } } };
}

/**
 * Names come NFC-composed whatever keyboard typed them, so equal names are equal, and on one
 * line, as the import writes them: a line break in a name would make it look like two lines
 * of the minutes or the attendance list.
 */
function normalised<T extends PersonDetails>(d: T): PersonDetails {
  const nfc = (s: string) => s.normalize('NFC');
  return {
    displayName: oneLine(d.displayName),
    title: oneLine(d.title),
    unit: oneLine(d.unit),
    seat: nfc(d.seat),
    email: d.email,
    canCreateMeetings: d.canCreateMeetings,
    managesPeople: d.managesPeople,
  };
}

export async function updatePersonRequest(
  store: Store,
  actor: UserRecord,
  input: RequestPayload<'people:update'> & PersonDetails,
  effects: AccountEffects,
): Answer<'people:update'> {
  if (!canManagePeople(actor)) return refuse('FORBIDDEN', MESSAGES.notAllowed);
  const result = await store.transaction(async (tx) => {
    const found = await target(tx, store, actor, input.userId);
    if (!found.ok) return found;
    const before = found.person;
    const managesBefore = before.managesPeople && !before.isAdmin;
    if (input.managesPeople !== managesBefore && !found.asker.isAdmin) return refuse('FORBIDDEN', MESSAGES.adminOnly);
    await updatePersonDetails(tx, before.id, normalised(input));
    await audit(tx, store, actor, 'people:update', { userId: before.id, ...changedFields(before, input) });
    return { ok: true as const };
  });
  if (!result.ok) return result;
  effects.changed(input.userId);
  return answerPerson(store, input.userId);
}

/** Which fields an edit changed (their names only: the audit log keeps no profile copies). */
function changedFields(before: Person, after: PersonDetails): { changed: string[] } {
  const keys = ['displayName', 'title', 'unit', 'seat', 'email', 'canCreateMeetings', 'managesPeople'] as const;
  return { changed: keys.filter((k) => before[k] !== after[k]) };
}

async function answerPerson(store: Store, userId: string): Answer<'people:update'> {
  const person = await findPerson(store.db, userId);
  return person ? { ok: true, data: { person } } : refuse('NOT_FOUND', MESSAGES.noSuchPerson);
}

export async function setDisabledRequest(
  store: Store,
  actor: UserRecord,
  input: RequestPayload<'people:set-disabled'>,
  effects: AccountEffects,
): Answer<'people:set-disabled'> {
  if (!canManagePeople(actor)) return refuse('FORBIDDEN', MESSAGES.notAllowed);
  if (input.userId === actor.id) return refuse('FORBIDDEN', MESSAGES.notYourself);
  const result = await store.transaction(async (tx) => {
    // Behind a sign-in of theirs that checked their password: it sees them disabled, or its session is ended here.
    await store.lockName(tx, `sessions:${input.userId}`);
    const found = await target(tx, store, actor, input.userId);
    if (!found.ok) return found;
    await setPersonDisabled(tx, input.userId, input.disabled);
    if (input.disabled) await endSessionsOf(tx, input.userId);
    await audit(tx, store, actor, input.disabled ? 'people:disable' : 'people:enable', { userId: input.userId });
    return { ok: true as const };
  });
  if (!result.ok) return result;
  if (input.disabled) effects.signedOut(input.userId);
  else effects.changed(input.userId);
  return answerPerson(store, input.userId);
}

export async function resetPasswordRequest(
  store: Store,
  actor: UserRecord,
  input: RequestPayload<'people:reset-password'>,
  effects: AccountEffects,
): Answer<'people:reset-password'> {
  if (!canManagePeople(actor)) return refuse('FORBIDDEN', MESSAGES.notAllowed);
  if (input.userId === actor.id) return refuse('FORBIDDEN', MESSAGES.notYourself);
  const password = generatePassword();
  const passwordHash = await hashGeneratedPassword(password);
  const result = await store.transaction(async (tx) => {
    // Behind a sign-in with the old password: it sees the new hash, or its session is ended here.
    await store.lockName(tx, `sessions:${input.userId}`);
    const found = await target(tx, store, actor, input.userId);
    if (!found.ok) return found;
    await setOneTimePassword(tx, input.userId, passwordHash);
    // Whoever held the old password (a lost tablet) is signed out with it.
    await endSessionsOf(tx, input.userId);
    await audit(tx, store, actor, 'people:reset-password', { userId: input.userId });
    return { ok: true as const, person: found.person };
  });
  if (!result.ok) return result;
  effects.signedOut(input.userId);
  const person = await findPerson(store.db, input.userId);
  if (!person) return refuse('NOT_FOUND', MESSAGES.noSuchPerson);
  return {
    ok: true,
    data: { person, password: { username: person.username, displayName: person.displayName, password } },
  };
}

export async function importPeopleRequest(
  store: Store,
  actor: UserRecord,
  input: RequestPayload<'people:import'>,
): Answer<'people:import'> {
  if (!canManagePeople(actor)) return refuse('FORBIDDEN', MESSAGES.notAllowed);
  const bytes = new Uint8Array(Buffer.from(input.data, 'base64'));
  try {
    const result = await importPeople(store, actor, { format: input.format, bytes, dryRun: input.dryRun }, new Date());
    return { ok: true, data: result };
  } catch (error) {
    if (error instanceof ImportBusyError) return { ok: false, error: protocolError('RATE_LIMITED') };
    if (error instanceof ImportForbiddenError) return refuse('FORBIDDEN', MESSAGES.notAllowed);
    throw error;
  }
}
