import { uuidv7 } from 'uuidv7';
import {
  BIDI_CONTROLS,
  EMAIL_PATTERN,
  PERSON_TEXT_MAX,
  SEAT_PATTERN,
  USERNAME_MAX,
  USERNAME_PATTERN,
  type ImportErrorCode,
  type ImportFormat,
  type PersonImportColumn,
  type PersonImportError,
  type PersonImportResult,
  type PersonImportRow,
} from '../../shared/protocol/index.js';
import { appendAudit } from '../audit/audit-log.js';
import { generatePassword, hashGeneratedPassword } from '../auth/passwords.js';
import type { Db } from '../db/schema.js';
import { isUniqueViolation, type Store } from '../db/store.js';
import type { UserRecord } from './user-queries.js';
import { importMessage } from './import-messages.js';
import { readImportFile, type RawImportRow } from './person-import-file.js';
import { askerNow, insertPeople, takenUsernames, type NewPerson } from './people-queries.js';

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** NFC, trimmed, every run of white space (line breaks too) one space: a name, a title, a unit, a group's name. */
export const oneLine = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');

/** Checks one row; the row as it would be written (NFC, trimmed, user name lower-cased), or its errors. */
function checkRow(raw: RawImportRow): { row: PersonImportRow; errors: PersonImportError[] } {
  const errors: PersonImportError[] = [];
  const fail = (
    code: ImportErrorCode,
    field: PersonImportColumn | undefined,
    detail: Parameters<typeof importMessage>[2] = {},
  ) =>
    errors.push({
      row: raw.row,
      code,
      ...(field ? { field } : {}),
      message: importMessage(code, raw.row, { field, ...detail }),
    });
  const value = (c: PersonImportColumn) => (raw.cells[c] ?? '').normalize('NFC').trim();
  const row: PersonImportRow = {
    row: raw.row,
    username: value('username').toLowerCase(),
    displayName: oneLine(value('displayName')),
    title: oneLine(value('title')),
    unit: oneLine(value('unit')),
    seat: value('seat'),
    email: value('email'),
  };
  if (raw.extra) fail('MALFORMED_FILE', undefined, { reason: 'thừa cột / extra columns' });
  if (row.username === '') fail('MISSING_FIELD', 'username');
  else if (row.username.length < 2 || row.username.length > USERNAME_MAX || !USERNAME_PATTERN.test(row.username))
    fail('BAD_USERNAME', 'username', { value: row.username });
  if (row.displayName === '') fail('MISSING_FIELD', 'displayName');
  for (const field of ['displayName', 'title', 'unit', 'seat', 'email'] as const) {
    if (row[field].length > PERSON_TEXT_MAX[field]) fail('TOO_LONG', field, { max: PERSON_TEXT_MAX[field] });
    else if (CONTROL.test(row[field]) || BIDI_CONTROLS.test(row[field])) fail('BAD_TEXT', field);
  }
  if (row.email !== '' && row.email.length <= PERSON_TEXT_MAX.email && !EMAIL_PATTERN.test(row.email))
    fail('BAD_EMAIL', 'email', { value: row.email });
  if (row.seat !== '' && row.seat.length <= PERSON_TEXT_MAX.seat && !SEAT_PATTERN.test(row.seat))
    fail('BAD_SEAT', 'seat', { value: row.seat });
  return { row, errors };
}

/** Every row checked, then the user names against each other and against the accounts in `db`. */
async function checkRows(db: Db, raws: readonly RawImportRow[]) {
  const rows: PersonImportRow[] = [];
  const errors: PersonImportError[] = [];
  const firstRowOf = new Map<string, number>();
  for (const raw of raws) {
    const checked = checkRow(raw);
    rows.push(checked.row);
    errors.push(...checked.errors);
    const name = checked.row.username;
    if (name === '') continue;
    const first = firstRowOf.get(name);
    if (first === undefined) firstRowOf.set(name, raw.row);
    else
      errors.push({
        row: raw.row,
        code: 'DUPLICATE_IN_FILE',
        field: 'username',
        message: importMessage('DUPLICATE_IN_FILE', raw.row, { value: name, firstRow: first }),
      });
  }
  const taken = await takenUsernames(
    db,
    rows.map((r) => r.username).filter((u) => u !== ''),
  );
  for (const r of rows)
    if (taken.has(r.username))
      errors.push({
        row: r.row,
        code: 'USERNAME_TAKEN',
        field: 'username',
        message: importMessage('USERNAME_TAKEN', r.row, { value: r.username }),
      });
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors };
}

/** Too many imports at once on this node: the caller is told to try again (RATE_LIMITED). */
export class ImportBusyError extends Error {}

/** The sender may no longer manage people (disabled, or the right taken) by the time the import writes: FORBIDDEN. */
export class ImportForbiddenError extends Error {}

/** One import read at a time on a node (a workbook may cost seconds of CPU), and at most this many waiting. */
const MAX_WAITING_IMPORTS = 2;
let importQueue: Promise<unknown> = Promise.resolve();
let importsInLine = 0;

/**
 * Imports people from a CSV or .xlsx file: all of them, in one transaction with one audit
 * row, or (any row refused, or a dry run) nobody. Each account gets a one-time password made
 * here; the answer is the only place it is ever shown, and only its hash is stored. Imports
 * on a node run one after another; past a few waiting, ImportBusyError.
 */
export async function importPeople(
  store: Store,
  actor: UserRecord,
  file: { format: ImportFormat; bytes: Uint8Array; dryRun: boolean },
  now: Date,
): Promise<PersonImportResult> {
  if (importsInLine > MAX_WAITING_IMPORTS) throw new ImportBusyError();
  importsInLine += 1;
  const run = importQueue.then(() => importNow(store, actor, file, now));
  importQueue = run.catch(() => undefined);
  try {
    return await run;
  } finally {
    importsInLine -= 1;
  }
}

async function importNow(
  store: Store,
  actor: UserRecord,
  file: { format: ImportFormat; bytes: Uint8Array; dryRun: boolean },
  now: Date,
): Promise<PersonImportResult> {
  const empty = { dryRun: file.dryRun, created: 0, accounts: [] };
  const read = await readImportFile(file.format, file.bytes);
  if (!read.ok) return { ...empty, rows: [], errors: read.errors };
  const first = await checkRows(store.db, read.rows);
  if (first.errors.length > 0 || file.dryRun) return { ...empty, ...first };
  // Hashed before the transaction: on SQLite an open one holds the only connection.
  const people: Array<NewPerson & { password: string }> = await Promise.all(
    first.rows.map(async (r) => {
      const password = generatePassword();
      return {
        id: uuidv7(),
        username: r.username,
        displayName: r.displayName,
        title: r.title,
        unit: r.unit,
        seat: r.seat,
        email: r.email,
        canCreateMeetings: false,
        managesPeople: false,
        password,
        passwordHash: await hashGeneratedPassword(password),
      };
    }),
  );
  const at = now.toISOString();
  const write = store.transaction(async (tx) => {
    // Another import or account made meanwhile: checked again inside, where nothing can slip between.
    await store.lockName(tx, 'people:write');
    // The file was read and its passwords hashed for seconds, perhaps behind other imports:
    // a sender disabled meanwhile (or no longer managing people) creates nobody.
    if (!(await askerNow(tx, actor.id))) throw new ImportForbiddenError();
    const again = await checkRows(tx, read.rows);
    if (again.errors.length > 0) return again;
    await insertPeople(tx, people, at);
    await appendAudit(tx, store, {
      at,
      actorId: actor.id,
      action: 'people:import',
      meetingId: null,
      detail: { count: people.length, usernames: people.map((p) => p.username) },
    });
    return null;
  });
  // An account made meanwhile by `POST /api/users`, which takes no lock: its unique index refuses ours.
  const outcome = await write.catch(async (error: unknown) => {
    if (!isUniqueViolation(error)) throw error;
    return checkRows(store.db, read.rows);
  });
  if (outcome) return { ...empty, ...outcome };
  return {
    dryRun: false,
    created: people.length,
    rows: first.rows,
    errors: [],
    accounts: people.map((p) => ({ username: p.username, displayName: p.displayName, password: p.password })),
  };
}
