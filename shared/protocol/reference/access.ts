import {
  COMMAND_RULES,
  REQUEST_RULES,
  gateRefusal,
  type AccessAttempt,
  type AccessGate,
  type AccessRule,
} from '../../domain/index.js';
import { MEETING_ROLES, type MeetingRole, type MeetingStatus } from '../entities.js';

/**
 * The role table of the reference, computed by asking the permission module itself for
 * every role in every kind of meeting: what it renders is what the server decides with.
 */

interface Column {
  title: string;
  isAdmin: boolean;
  role: MeetingRole | null;
}

export const ACCESS_COLUMNS: readonly Column[] = [
  { title: 'admin', isAdmin: true, role: null },
  ...MEETING_ROLES.map((role) => ({ title: role, isAdmin: false, role })),
  { title: 'not taking part', isAdmin: false, role: null },
];

/** What a cell may depend on besides the role: the meeting's state and setting, the account's flag. */
interface Situation {
  status: MeetingStatus;
  secretaryRunsVotes: boolean;
  canCreateMeetings: boolean;
  managesPeople: boolean;
}

const SITUATIONS: readonly Situation[] = (['draft', 'published'] as const).flatMap((status) =>
  [false, true].flatMap((secretaryRunsVotes) =>
    [false, true].flatMap((canCreateMeetings) =>
      [false, true].map((managesPeople) => ({ status, secretaryRunsVotes, canCreateMeetings, managesPeople })),
    ),
  ),
);

/** The words for each thing a permission may hang on, in the order they are read. */
const CONDITIONS: ReadonlyArray<{ words: string; holds: (s: Situation) => boolean }> = [
  { words: 'once published', holds: (s) => s.status === 'published' },
  { words: 'if `voteManagers` names it', holds: (s) => s.secretaryRunsVotes },
  { words: 'with `canCreateMeetings`', holds: (s) => s.canCreateMeetings },
  { words: 'with `managesPeople`', holds: (s) => s.managesPeople },
];

function attempt(column: Column, s: Situation, self: boolean): AccessAttempt {
  return {
    actor: { isAdmin: column.isAdmin, canCreateMeetings: s.canCreateMeetings, managesPeople: s.managesPeople },
    role: column.role,
    status: s.status,
    voteManagers: s.secretaryRunsVotes ? ['chair', 'secretary'] : ['chair'],
    self,
    rolesHeld: column.role ? [column.role] : [],
  };
}

/**
 * "yes", "no", or the conditions under which the gate lets this column through. A pattern
 * no conjunction of the known conditions describes stops the rendering: the table must
 * never say less than the permission module decides.
 */
export function accessCell(gate: AccessGate, column: Column, self = false): string {
  const allowed = SITUATIONS.map((s) => gateRefusal(gate, attempt(column, s, self)) === null);
  if (allowed.every(Boolean)) return 'yes';
  if (!allowed.some(Boolean)) return 'no';
  for (let mask = 1; mask < 1 << CONDITIONS.length; mask += 1) {
    const chosen = CONDITIONS.filter((_, i) => mask & (1 << i));
    if (SITUATIONS.every((s, i) => chosen.every((c) => c.holds(s)) === allowed[i]))
      return chosen.map((c) => c.words).join(', ');
  }
  // Either of two rights (the directory: `canCreateMeetings` or `managesPeople`).
  for (const [i, a] of CONDITIONS.entries())
    for (const b of CONDITIONS.slice(i + 1))
      if (SITUATIONS.every((s, k) => (a.holds(s) || b.holds(s)) === allowed[k])) return `${a.words} or ${b.words}`;
  throw new Error(`no words for when "${gate}" lets ${column.title} through: extend CONDITIONS`);
}

function rows(name: string, rule: AccessRule): string[][] {
  if (rule.gate !== 'self-or-attendance:manage')
    return [[`\`${name}\``, ...ACCESS_COLUMNS.map((c) => accessCell(rule.gate, c))]];
  return [
    [`\`${name}\` oneself`, ...ACCESS_COLUMNS.map((c) => accessCell(rule.gate, c, true))],
    [`\`${name}\` another participant`, ...ACCESS_COLUMNS.map((c) => accessCell(rule.gate, c, false))],
  ];
}

function table(first: string, entries: ReadonlyArray<[string, AccessRule]>): string {
  const head = [first, ...ACCESS_COLUMNS.map((c) => c.title)];
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...entries.flatMap(([name, rule]) => rows(name, rule)).map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}

export function renderAccessTables(): string[] {
  return [
    '## Who may send what',
    '',
    "Decided by the server at each command from the sender's role in the meeting at that moment, by",
    '`shared/domain/permissions.ts`; this table is computed from it. Columns: the role held in the meeting;',
    '**admin** is an administrator who takes no part in the meeting; **not taking part** is any other account.',
    '',
    '- **yes**: always. **no**: never.',
    '- **once published**: only after `meeting:publish`. Before that only admins, the secretary and the chair see the',
    '  meeting at all.',
    "- **if `voteManagers` names it**: the meeting's `voteManagers` lists `secretary` (the chair is always listed).",
    '- **with `canCreateMeetings`**: an account flag, set by an admin in `POST /api/users`.',
    '',
    'A sender who may not see the meeting is answered `NOT_FOUND` (so that ids of drafts do not leak); one who sees it',
    'but lacks the right is answered `FORBIDDEN`, except where the rules of the command name another code. Passing',
    "this table is not enough: each command's rules below are checked next.",
    '',
    table('command', Object.entries(COMMAND_RULES)),
    '',
    table('request', Object.entries(REQUEST_RULES)),
    '',
  ];
}

/**
 * The lines under a command or request heading: who, in one sentence (columns that share a
 * cell read together), then the rules checked after the role.
 */
export function renderRules(name: string, rule: AccessRule): string[] {
  const who = rows(name, rule).map((cells) => {
    const label = cells[0]?.replace(`\`${name}\``, '').trim();
    return `**Who${label ? `, ${label}` : ''}:** ${whoSentence(cells.slice(1))}.`;
  });
  return [who.join(' '), '', ...rule.conditions.map((c) => `- ${c}`), ...(rule.conditions.length ? [''] : [])];
}

function whoSentence(cells: readonly string[]): string {
  const groups = new Map<string, string[]>();
  ACCESS_COLUMNS.forEach((column, i) => {
    const cell = cells[i] ?? 'no';
    if (cell !== 'no') groups.set(cell, [...(groups.get(cell) ?? []), column.title]);
  });
  if (groups.size === 0) return 'nobody';
  if (groups.get('yes')?.length === ACCESS_COLUMNS.length) return 'everyone signed in';
  let named = 0;
  return [...groups]
    .map(([cell, titles]) => {
      const rest = ACCESS_COLUMNS.length - named;
      named += titles.length;
      const who =
        titles.length === rest && named > titles.length && titles.length > 2 ? 'anyone else' : titles.join(', ');
      return cell === 'yes' ? who : `${cell}: ${who}`;
    })
    .join('; ');
}
