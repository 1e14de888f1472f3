import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, OTHER_AUDIT_ACTIONS } from '../../shared/protocol/index.js';

/**
 * Holds the server to shared/protocol's list of audit actions, so that the audit screen's
 * labels (renderer/src/admin/audit/audit-labels.test.ts) cover every row it writes: each
 * action literal in a statement that appends to the log is a command's name or in the list.
 */
const root = join(import.meta.dirname, '../..');

function serverSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return serverSources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The quoted `x:y` names within each appendAudit(…) / audit(…) call's first 400 characters. */
function writtenActions(source: string): string[] {
  const found: string[] = [];
  for (const call of source.matchAll(/\b(?:appendAudit|audit)\(/g)) {
    const text = source.slice(call.index, call.index + 400);
    const end = text.indexOf('});');
    for (const m of (end > 0 ? text.slice(0, end) : text).matchAll(/'([a-z-]+:[a-z-]+)'/g)) found.push(m[1] ?? '');
  }
  return found;
}

describe('audit actions', () => {
  const files = serverSources(join(root, 'server'));
  const written = files.flatMap((f) =>
    writtenActions(readFileSync(f, 'utf8')).map((a) => ({ file: relative(root, f), a })),
  );

  it('finds the acts the server logs outside commands (the scan works)', () => {
    const names = new Set(written.map((w) => w.a));
    for (const a of ['auth:login', 'people:reset-password', 'people:import', 'group:delete', 'device:revoke'])
      expect(names).toContain(a);
  });

  it("lists every action the server writes in shared/protocol's OTHER_AUDIT_ACTIONS, or it is a command", () => {
    const known = new Set<string>([...COMMAND_NAMES, ...OTHER_AUDIT_ACTIONS]);
    expect(written.filter((w) => !known.has(w.a))).toEqual([]);
  });
});
