import { z } from 'zod';
import { LocalizedTextSchema } from './errors.js';
import { IdSchema, optionalText, text } from './primitives.js';

/**
 * People administration (issue 13): accounts as the office keeps them, written by admins and
 * by those given the right to manage people (`managesPeople`, an office secretary), through
 * socket requests (`people:*`) and the bulk import (`people:import`, `POST /api/users/import`).
 *
 * Passwords of accounts made or reset here are made by the server, shown once in the answer
 * and never stored in clear: the person must choose another at the next sign-in.
 */

/** Lower-case letters, digits, dot, dash, underscore: the same on every keyboard and in both engines' lower(). */
export const USERNAME_PATTERN = /^[a-z0-9._-]+$/;
export const USERNAME_MAX = 64;
export const PERSON_TEXT_MAX = { displayName: 200, title: 200, unit: 200, seat: 20, email: 254 } as const;
/** A seat is a label ("12", "A-12", "B 3/2"): letters, digits, space, dot, slash, dash. */
export const SEAT_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u;
/** Plain enough to catch a slip (no @, a space, no domain), not a full RFC 5322 parser. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks): they turn around how a name
 * reads on the minutes, the attendance list or the room display ("Văn \u202Eanh" shows
 * "Văn hna"), and no name needs them. Refused in names, titles, units and group names.
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const noBidi = (s: string) => !BIDI_CONTROLS.test(s);
const NO_BIDI = 'No bidirectional control characters';

export const UsernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(USERNAME_MAX)
  .regex(USERNAME_PATTERN, 'lower-case letters, digits, dot, dash, underscore');

export const SeatSchema = optionalText(PERSON_TEXT_MAX.seat).refine(
  (s) => s === '' || SEAT_PATTERN.test(s),
  'letters, digits, space, dot, slash, dash',
);
export const EmailSchema = optionalText(PERSON_TEXT_MAX.email).refine(
  (s) => s === '' || EMAIL_PATTERN.test(s),
  'an email address',
);

/** What the office writes of a person (everything but the user name, which never changes). */
export const PersonDetailsSchema = z.strictObject({
  /** One line: the server turns every run of white space (a line break too) into one space. */
  displayName: text(PERSON_TEXT_MAX.displayName).refine(noBidi, NO_BIDI),
  /** Chức vụ. */
  title: optionalText(PERSON_TEXT_MAX.title).refine(noBidi, NO_BIDI),
  /** Đơn vị. */
  unit: optionalText(PERSON_TEXT_MAX.unit).refine(noBidi, NO_BIDI),
  seat: SeatSchema,
  email: EmailSchema,
  canCreateMeetings: z.boolean(),
  /** Only an admin gives or takes this right; a people manager's request may not change it. */
  managesPeople: z.boolean(),
});
export type PersonDetails = z.infer<typeof PersonDetailsSchema>;

/** An account as the people screens show it. */
export const PersonSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  title: z.string(),
  unit: z.string(),
  seat: z.string(),
  email: z.string(),
  isAdmin: z.boolean(),
  canCreateMeetings: z.boolean(),
  managesPeople: z.boolean(),
  disabled: z.boolean(),
  /** The password is a one-time one nobody has replaced yet. */
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type Person = z.infer<typeof PersonSchema>;

/** A password made by the server, shown once: hand it to the person. */
export const OneTimePasswordSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  password: z.string(),
});
export type OneTimePassword = z.infer<typeof OneTimePasswordSchema>;

export const PeopleListRequestSchema = z.strictObject({});
export const PeopleListResultSchema = z.object({ people: z.array(PersonSchema) });

export const PersonCreateRequestSchema = PersonDetailsSchema.extend({ username: UsernameSchema });
export type PersonCreateRequest = z.input<typeof PersonCreateRequestSchema>;
export const PersonUpdateRequestSchema = PersonDetailsSchema.extend({ userId: IdSchema });
export type PersonUpdateRequest = z.input<typeof PersonUpdateRequestSchema>;
/** A disabled person is signed out everywhere at once and can sign in no more; enabling gives the account back. */
export const PersonSetDisabledRequestSchema = z.strictObject({ userId: IdSchema, disabled: z.boolean() });
export const PersonResetPasswordRequestSchema = z.strictObject({ userId: IdSchema });
export const PersonAnswerSchema = z.object({ person: PersonSchema });
export const PersonWithPasswordSchema = z.object({ person: PersonSchema, password: OneTimePasswordSchema });

/**
 * Bulk import. A file is CSV (UTF-8, with or without a BOM; comma or semicolon) or an Excel
 * workbook (.xlsx, its first sheet), its first row the header. Every row must pass or none
 * is written: one transaction.
 */
export const PERSON_IMPORT_COLUMNS = ['username', 'displayName', 'title', 'unit', 'seat', 'email'] as const;
export type PersonImportColumn = (typeof PERSON_IMPORT_COLUMNS)[number];
export const REQUIRED_IMPORT_COLUMNS: readonly PersonImportColumn[] = ['username', 'displayName'];
export const MAX_IMPORT_ROWS = 2000;
/** The largest file over HTTP; past it the answer is 413. */
export const MAX_IMPORT_BYTES = 1024 * 1024;
/** Over a socket (its messages are at most 64 KiB): about 45 KB of file, some 400 people as CSV. */
export const MAX_IMPORT_SOCKET_BASE64 = 60_000;
export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ImportFormatSchema = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormatSchema>;

export const IMPORT_ERROR_CODES = [
  'MALFORMED_FILE',
  'BAD_HEADER',
  'MISSING_FIELD',
  'BAD_USERNAME',
  'DUPLICATE_IN_FILE',
  'USERNAME_TAKEN',
  'TOO_LONG',
  'BAD_TEXT',
  'BAD_EMAIL',
  'BAD_SEAT',
  'TOO_MANY_ROWS',
  'EMPTY_FILE',
] as const;
export const ImportErrorCodeSchema = z.enum(IMPORT_ERROR_CODES);
export type ImportErrorCode = z.infer<typeof ImportErrorCodeSchema>;

export const PersonImportErrorSchema = z.object({
  /** The row of the file, its header being row 1 (a CSV's line where a row spans one line). */
  row: z.number().int().nonnegative(),
  code: ImportErrorCodeSchema,
  /** The column concerned, when one is. */
  field: z.string().optional(),
  message: LocalizedTextSchema,
});
export type PersonImportError = z.infer<typeof PersonImportErrorSchema>;

export const PersonImportRowSchema = z.object({
  row: z.number().int().positive(),
  username: z.string(),
  displayName: z.string(),
  title: z.string(),
  unit: z.string(),
  seat: z.string(),
  email: z.string(),
});
export type PersonImportRow = z.infer<typeof PersonImportRowSchema>;

/**
 * The answer of an import: with any error nothing was created (`created` 0). A dry run
 * checks everything and creates nobody. `accounts` holds the one-time passwords of the
 * accounts created, in the file's order: the only time they are shown.
 */
export const PersonImportResultSchema = z.object({
  dryRun: z.boolean(),
  created: z.number().int().nonnegative(),
  rows: z.array(PersonImportRowSchema),
  errors: z.array(PersonImportErrorSchema),
  accounts: z.array(OneTimePasswordSchema),
});
export type PersonImportResult = z.infer<typeof PersonImportResultSchema>;

export const PersonImportRequestSchema = z.strictObject({
  format: ImportFormatSchema,
  /** The file's bytes, base64. */
  data: z.base64().min(1).max(MAX_IMPORT_SOCKET_BASE64),
  dryRun: z.boolean(),
});
export type PersonImportRequest = z.input<typeof PersonImportRequestSchema>;

/**
 * The signed-in person replaces their password (a one-time one above all). The current one is
 * asked again: a session left open on a tablet must not be enough to take the account.
 */
/** The shortest password a person may choose (the form says so before the server refuses it). */
export const NEW_PASSWORD_MIN = 10;
export const PasswordChangeRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(NEW_PASSWORD_MIN).max(1000),
});
export const PasswordChangeResultSchema = z.object({ changed: z.literal(true) });
