import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { secretVoteBeforeCrowd } from '../support/crowd.js';
import { adminQuery } from '../support/postgres.js';
import { attackStoredVote, erasureSettled } from '../support/secrecy-attack.js';
import { serverEachTest } from '../support/server-each-test.js';
import { YES_NO_ABSTAIN, must } from '../support/vote-fixtures.js';

/**
 * PostgreSQL only: the old row versions of a sealed secret box survive VACUUM while any
 * snapshot older than the seal is open (a report, a backup, another node's sync). The debt
 * must wait for it, outlive a restart of the server, and be settled once it ends.
 */
const { h, crowd } = serverEachTest();

const debts = async () =>
  (await adminQuery<{ n: number }>('SELECT COUNT(*)::int AS n FROM ballot_box_erasures', [], h.databaseUrl))[0]?.n;

describe('erasing a sealed secret ballot box on PostgreSQL', () => {
  it('waits for a snapshot older than the seal, across a restart, then leaves nothing that links', async () => {
    const { chair, meetingId, vote } = await secretVoteBeforeCrowd(h, crowd, 6, 'er');
    const truth = new Map<string, string>();
    for (const [i, d] of crowd.entries()) {
      const choice = YES_NO_ABSTAIN[i % 3] ?? 'yes';
      if (i % 2 === 0) await d.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: ['abstain'] });
      expect((await d.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: [choice] })).ok).toBe(true);
      truth.set(d.userId, JSON.stringify([choice]));
    }
    const target = {
      voteId: vote.voteId,
      voterIds: crowd.map((d) => d.userId),
      deviceKeys: new Map(crowd.map((d) => [d.userId, d.store.loadBallotKey(d.userId, vote.voteId) ?? ''])),
    };

    // A reader that took its snapshot before the close, on a table other than the ballots.
    const reader = new pg.Client({ connectionString: h.databaseUrl });
    await reader.connect();
    try {
      await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await reader.query('SELECT COUNT(*) FROM meetings');
      await must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });

      await new Promise((r) => setTimeout(r, 2500));
      expect(await debts()).toBe(1);
      const held = await attackStoredVote({ dataDir: h.dataDir, databaseUrl: h.databaseUrl }, target);
      // The old versions are still there, and they do link: the debt is rightly kept.
      expect(held.deadVersions).toBeGreaterThan(0);
      expect([...truth].every(([voter, choice]) => held.links.get(voter) === choice)).toBe(true);

      // The server that sealed goes away; the debt is in the database, not in its memory.
      await h.restart();
      await new Promise((r) => setTimeout(r, 1500));
      expect(await debts()).toBe(1);
    } finally {
      await reader.query('COMMIT').catch(() => undefined);
      await reader.end();
    }

    await erasureSettled(h.databaseUrl);
    const after = await attackStoredVote({ dataDir: h.dataDir, databaseUrl: h.databaseUrl }, target);
    expect(after.deadVersions).toBe(0);
    expect([...after.links]).toEqual([]);
    expect(after.keyHits).toEqual([]);
  });
});
