import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cabinet } from '../support/cabinet-cli.js';
import { secretVoteBeforeCrowd } from '../support/crowd.js';
import { attackStoredVote, erasureSettled, linksFound } from '../support/secrecy-attack.js';
import { serverEachTest } from '../support/server-each-test.js';
import { YES_NO_ABSTAIN, must } from '../support/vote-fixtures.js';

const { h, crowd } = serverEachTest();

/**
 * A backup is a later reader of the data folder: made after a secret vote's seal it holds
 * nothing that links a voter to a choice (the same file-by-file attack as on the data folder);
 * made while the vote is open it says so in its manifest.
 */
describe('a backup and a secret vote', () => {
  it(
    'taken after the seal links no voter to a choice, and never holds a write-ahead log',
    { timeout: 120_000 },
    async () => {
      const { chair, meetingId, vote } = await secretVoteBeforeCrowd(h, crowd, 9, 'bk');
      const truth = new Map<string, string>();
      for (const [i, d] of crowd.entries()) {
        const choice = YES_NO_ABSTAIN[i % 3] ?? 'yes';
        truth.set(d.userId, choice);
        if (i % 2 === 1) await d.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: ['no'] });
        expect((await d.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: [choice] })).ok).toBe(true);
      }
      const deviceKeys = new Map(crowd.map((d) => [d.userId, d.store.loadBallotKey(d.userId, vote.voteId) ?? '']));
      const target = { voteId: vote.voteId, voterIds: crowd.map((d) => d.userId), deviceKeys };

      const during = await h.server.backups.backup(join(h.dataDir, '..', `${vote.voteId}-during`));
      if (!h.databaseUrl) expect(during.manifest.openSecretVotes).toBe(1);
      const duringFound = await attackStoredVote({ dataDir: during.out }, target);
      // What the README says: a copy of an open vote holds the box unsealed (SQLite; with
      // PostgreSQL the database is not in the folder's backup). No write-ahead log either way.
      if (!h.databaseUrl) expect(linksFound(duringFound, truth)).toContain('order of ballot rows follows casting');
      expect(duringFound.evidence).toBe(0);

      await must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });
      await must(chair.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
      await erasureSettled(h.databaseUrl);

      const out = join(h.dataDir, '..', `${vote.voteId}-after`);
      const made = await cabinet([
        'backup',
        out,
        '--data',
        h.dataDir,
        ...(h.databaseUrl ? ['--database', h.databaseUrl] : []),
      ]);
      expect(made.code, made.err).toBe(0);
      expect(JSON.parse(readFileSync(join(out, 'backup.json'), 'utf8'))).toMatchObject({ openSecretVotes: 0 });
      expect(existsSync(join(out, 'cabinet.sqlite-wal'))).toBe(false);
      const after = await attackStoredVote({ dataDir: out }, target);
      if (!h.databaseUrl) expect(after.files.map((f) => f.slice(out.length + 1))).toContain('cabinet.sqlite');
      expect(linksFound(after, truth)).toEqual([]);
      expect(after.keyHits).toEqual([]);
      for (const folder of [during.out, out]) rmSync(folder, { recursive: true, force: true });
    },
  );
});
