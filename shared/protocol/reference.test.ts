import { describe, expect, it } from 'vitest';
import { COMMAND_RULES, REQUEST_RULES } from '../domain/index.js';
import { ChangeSchema } from './changes.js';
import { COMMAND_NAMES } from './commands.js';
import { ERROR_CODES, RETRYABLE_ERRORS } from './errors.js';
import { HTTP_ROUTES } from './http.js';
import { renderProtocolReference } from './reference.js';
import { ACCESS_COLUMNS, accessCell } from './reference/access.js';
import { REQUEST_SCHEMAS } from './requests.js';

const reference = renderProtocolReference();
const lines = reference.split('\n');
/** The cells of every row, of a table that many columns wide, that starts with this first cell. */
const rowsStarting = (first: string, width: number) =>
  lines
    .filter((l) => l.startsWith(`| ${first} |`))
    .map((l) =>
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    )
    .filter((cells) => cells.length === width);

const CONDITION = '(once published|if `voteManagers` names it|with `canCreateMeetings`|with `managesPeople`)';
/** "yes", "no", conditions that must all hold, or either of two rights. */
const CELL = new RegExp(`^(yes|no|${CONDITION}(, ${CONDITION})*|${CONDITION} or ${CONDITION})$`);

describe('the generated protocol reference', () => {
  it('names who may send every command and request, for every role', () => {
    const names = [...COMMAND_NAMES, ...Object.keys(REQUEST_SCHEMAS)];
    for (const name of names) {
      const width = ACCESS_COLUMNS.length + 1;
      const rows = [
        ...rowsStarting(`\`${name}\``, width),
        ...rowsStarting(`\`${name}\` oneself`, width),
        ...rowsStarting(`\`${name}\` another participant`, width),
      ];
      expect(rows.length, name).toBeGreaterThan(0);
      for (const cells of rows) for (const cell of cells.slice(1)) expect(cell, name).toMatch(CELL);
      const section = reference.slice(reference.indexOf(`### \`${name}\``));
      expect(section.split('\n')[2], name).toMatch(/^\*\*Who/);
    }
    expect(Object.keys(COMMAND_RULES).sort()).toEqual([...COMMAND_NAMES].sort());
    expect(Object.keys(REQUEST_RULES).sort()).toEqual(Object.keys(REQUEST_SCHEMAS).sort());
  });

  it('words each permission as the permission module decides it', () => {
    const column = (title: string) => {
      const c = ACCESS_COLUMNS.find((x) => x.title === title);
      if (!c) throw new Error(title);
      return c;
    };
    expect(accessCell('vote:manage', column('chair'))).toBe('once published');
    expect(accessCell('vote:manage', column('secretary'))).toBe('once published, if `voteManagers` names it');
    expect(accessCell('vote:manage', column('delegate'))).toBe('no');
    expect(accessCell('agenda:edit', column('admin'))).toBe('yes');
    expect(accessCell('create-meeting', column('delegate'))).toBe('with `canCreateMeetings`');
    expect(accessCell('self-or-attendance:manage', column('observer'), true)).toBe('no');
    expect(accessCell('self-or-attendance:manage', column('delegate'), true)).toBe('once published');
    expect(accessCell('self-or-attendance:manage', column('delegate'), false)).toBe('no');
    expect(accessCell('own-ballot', column('secretary'))).toBe('no');
    expect(accessCell('meeting:view', column('not taking part'))).toBe('no');
  });

  it('names every change type with its data, and no variant by number', () => {
    const types = ChangeSchema.options.map((o) => o.shape.type.value);
    for (const type of types) {
      const [cells] = rowsStarting(`\`${type}\``, 3);
      expect(cells, type).toBeDefined();
      expect(cells?.[1], type).toMatch(/^`\w+`: /);
      expect(cells?.[2], type).not.toBe('');
    }
    expect(reference).not.toMatch(/Variant \d/);
    expect(reference).toContain('`kind: "snapshot"`');
    expect(reference).toContain('`ok: false`');
  });

  it('names every error code with its status and whether it may be retried', () => {
    for (const code of ERROR_CODES) {
      const [cells] = rowsStarting(`\`${code}\``, 6);
      expect(cells?.[1], code).toMatch(/^\d{3}$/);
      expect(cells?.[2], code).toBe(RETRYABLE_ERRORS.has(code) ? 'yes' : 'no');
    }
  });

  it('names every HTTP route with its success status', () => {
    for (const r of HTTP_ROUTES) {
      const [cells] = rowsStarting(`\`${r.method} ${r.path}\``, 4);
      expect(cells?.[2], r.path).toMatch(new RegExp(`^${r.status} `));
      const section = reference.slice(reference.indexOf(`### \`${r.method} ${r.path}\``));
      expect(section, r.path).toMatch(new RegExp(`Success: \\*\\*${r.status} `));
    }
  });

  it('says when a sync answers a snapshot, and who the all-zero actor is', () => {
    expect(reference).toMatch(/more than 200 changes behind \(`SNAPSHOT_AFTER_CHANGES`\)/);
    expect(reference).toContain('`00000000-0000-0000-0000-000000000000` (`SYSTEM_ACTOR_ID`)');
    expect(reference).toMatch(/larger than 64 KiB closes that socket/);
  });
});
