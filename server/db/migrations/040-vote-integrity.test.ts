import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { MIGRATIONS } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migration 40: vote integrity', () => {
  it('keeps the ballots, voters, meetings and agenda of a database made at version 30', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cabinet-m40-'));
    dirs.push(dir);
    const file = join(dir, 'db.sqlite');
    const old = openDatabase(
      file,
      MIGRATIONS.filter((m) => m.version <= 30),
    );
    old.exec(`
      INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES ('u', 'u', 'U', 'h', 't');
      INSERT INTO meetings (id, title, starts_at, place, organisation, status, created_by, created_at)
        VALUES ('m', 'Kỳ họp', 't', 'p', 'o', 'published', 'u', 't');
      INSERT INTO agenda_items (id, meeting_id, parent_id, position, title, presenter, planned_minutes)
        VALUES ('a', 'm', NULL, 0, 'Mục 1', '', 5);
      INSERT INTO participants (meeting_id, user_id, role, present) VALUES ('m', 'u', 'delegate', 1);
      INSERT INTO votes (id, meeting_id, question, kind, options, rule, base, quorum, allow_change, status,
        created_by, created_at) VALUES ('v', 'm', 'Q', 'secret', '{"type":"yes-no-abstain"}', 'simple', 'yes-no',
        'none', 1, 'open', 'u', 't');
      INSERT INTO vote_voters (vote_id, user_id) VALUES ('v', 'u');
      INSERT INTO vote_ballots (vote_id, ballot_hash, voter_id, choices) VALUES ('v', 'abc', NULL, '["yes"]');
    `);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(40);
    expect(db.prepare('SELECT vote_id, ballot_id, choices FROM vote_ballots').all()).toEqual([
      { vote_id: 'v', ballot_id: 'abc', choices: '["yes"]' },
    ]);
    // A voter of an older server has no ownership proof: their ballot can no longer be changed.
    expect(db.prepare('SELECT user_id, owner_proof FROM vote_voters').all()).toEqual([
      { user_id: 'u', owner_proof: null },
    ]);
    expect(db.prepare('SELECT version, vote_defaults FROM meetings').get()).toEqual({
      version: 0,
      vote_defaults: '{"rule":"absolute","base":"members","quorum":"none"}',
    });
    expect(db.prepare('SELECT version FROM agenda_items').get()).toEqual({ version: 0 });
    expect(db.prepare('SELECT closed_by, cancelled_at, cancelled_by, cancel_reason FROM votes').get()).toEqual({
      closed_by: null,
      cancelled_at: null,
      cancelled_by: null,
      cancel_reason: null,
    });
    expect(db.prepare('SELECT attendance_window_start, attendance_changes FROM participants').get()).toEqual({
      attendance_window_start: null,
      attendance_changes: 0,
    });
    db.close();
  });
});
