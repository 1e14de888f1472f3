import { describe, expect, it } from 'vitest';
import type { Ack, CommandReceipt } from '../../shared/protocol/index.js';
import { secretVoteBeforeCrowd, type ClientDelegate } from '../support/crowd.js';
import { watchBatches } from '../support/attack-batching.js';
import { attackStoredVote, erasureSettled, linksFound } from '../support/secrecy-attack.js';
import { serverEachTest } from '../support/server-each-test.js';
import { YES_NO_ABSTAIN, must } from '../support/vote-fixtures.js';

/**
 * The secrecy attack of secret-ballot.test.ts casts one ballot after the other: every ballot
 * its own transaction. Group commit writes ballots that arrive together in one transaction, a
 * savepoint each (on PostgreSQL a subtransaction id per ballot, shared by the ballot's row and
 * its voter's row), and may write the close in the same transaction as the last ballots, the
 * refused late ones rolled back to their savepoints. Here every ballot, every change of one
 * and the close arrive together; the folder and the database are then attacked the same way.
 */
const { h, crowd } = serverEachTest();

describe('secret ballots written together by group commit', () => {
  it('link no voter to a choice once the vote is closed, with the close in the batch of the last ballots', async () => {
    const { chair, meetingId, vote } = await secretVoteBeforeCrowd(h, crowd, 14, 'gom');

    // Everyone at once; half change their ballot at once; the close right behind the changes.
    const truth = new Map<string, string>();
    const cast = (d: ClientDelegate, choice: string): Promise<Ack<CommandReceipt>> =>
      d.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: [choice] });
    const watch = watchBatches(h.server.store);
    const first = await Promise.all(crowd.map((d, i) => cast(d, YES_NO_ABSTAIN[(i + 1) % 3] ?? 'yes')));
    crowd.forEach((d, i) => {
      if (first[i]?.ok) truth.set(d.userId, YES_NO_ABSTAIN[(i + 1) % 3] ?? 'yes');
    });
    expect(truth.size).toBe(crowd.length);
    // The keys the tablets made, as a stolen tablet would give them up (forgotten after the close).
    const deviceKeys = new Map(crowd.map((d) => [d.userId, d.store.loadBallotKey(d.userId, vote.voteId) ?? '']));
    expect([...deviceKeys.values()].every((k) => k.length > 0)).toBe(true);
    const changers = crowd.filter((_, i) => i % 2 === 0);
    const changes = changers.map((d, i) => cast(d, YES_NO_ABSTAIN[i % 3] ?? 'no'));
    const close = must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });
    const changed = await Promise.all(changes);
    await close;
    watch.restore();
    // Ballots did share transactions, and the close shared one with ballots (or their refusals).
    expect(Math.max(...watch.batches.map((b) => b.filter((n) => n === 'vote:cast').length))).toBeGreaterThan(2);
    changers.forEach((d, i) => {
      if (changed[i]?.ok) truth.set(d.userId, YES_NO_ABSTAIN[i % 3] ?? 'no');
    });
    await must(chair.socket, 'vote:publish', { meetingId, voteId: vote.voteId });

    await erasureSettled(h.databaseUrl);
    const after = await attackStoredVote(
      { dataDir: h.dataDir, databaseUrl: h.databaseUrl },
      { voteId: vote.voteId, voterIds: crowd.map((d) => d.userId), deviceKeys },
    );
    expect(after.orderGuesses.length).toBeGreaterThan(0);
    expect(after.deadVersions).toBe(0);
    expect(linksFound(after, truth)).toEqual([]);

    const stored = await h.server.store.db
      .selectFrom('votes')
      .select('result')
      .where('id', '=', vote.voteId)
      .executeTakeFirstOrThrow();
    const tally = (JSON.parse(stored.result ?? 'null') as { tally: Record<string, number> }).tally;
    const expected: Record<string, number> = {};
    for (const choice of truth.values()) expected[choice] = (expected[choice] ?? 0) + 1;
    expect(tally).toMatchObject(expected);
  });
});
