import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crowdOfDelegates } from '../support/crowd.js';
import { ask, startHarness, type Harness } from '../support/server-harness.js';
import { joinMeeting, must, yesNoVote, type Member } from '../support/vote-fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.cleanup();
});

describe('a secret vote in the database', () => {
  it('holds who voted and, apart, what was chosen, with nothing that links the two', { timeout: 60_000 }, async () => {
    const voters: Member[] = await crowdOfDelegates(h, 12, 'kin');
    const chair = await joinMeeting(h, 'chutoa');
    const meetingId = chair.meeting.id;
    const vote = yesNoVote({ kind: 'secret', allowChange: true });
    await must(chair.socket, 'vote:create', { meetingId, ...vote });
    await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });

    // Cast one after the other, so that any order or time kept would follow the voters.
    const choiceOf = new Map<string, string>();
    for (const [i, v] of voters.entries()) {
      const choice = ['yes', 'no', 'abstain'][i % 3] as string;
      choiceOf.set(v.userId, choice);
      const key = crypto.randomUUID();
      expect(
        await ask(v.socket, 'vote:cast', {
          commandId: uuidv7(),
          meetingId,
          voteId: vote.voteId,
          ballotKey: key,
          choices: [choice === 'yes' ? 'no' : 'yes'],
        }),
      ).toMatchObject({ ok: true });
      // A changed ballot must not leave a trace that links either.
      expect(
        await ask(v.socket, 'vote:cast', {
          commandId: uuidv7(),
          meetingId,
          voteId: vote.voteId,
          ballotKey: key,
          choices: [choice],
        }),
      ).toMatchObject({ ok: true });
    }
    await must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });
    await must(chair.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
    const db = h.server.db;

    // The ballot table: no voter, no time, no counter; only the vote, a hash and the choices.
    const columns = (db.prepare('PRAGMA table_info(vote_ballots)').all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns.sort()).toEqual(['ballot_hash', 'choices', 'vote_id', 'voter_id']);
    const ballots = db.prepare('SELECT * FROM vote_ballots WHERE vote_id = ?').all(vote.voteId) as Array<{
      voter_id: string | null;
      ballot_hash: string;
      choices: string;
    }>;
    expect(ballots).toHaveLength(12);
    expect(ballots.every((b) => b.voter_id === null)).toBe(true);
    expect(
      db
        .prepare(
          "SELECT COUNT(*) AS n FROM sqlite_master WHERE tbl_name = 'vote_ballots' AND sql LIKE '%WITHOUT ROWID%'",
        )
        .get(),
    ).toEqual({ n: 1 });

    // In the order the table is stored and read, the choices do not follow the order of casting.
    const castOrder = voters.map((v) => JSON.stringify([choiceOf.get(v.userId)]));
    const stored = (
      db.prepare('SELECT choices FROM vote_ballots WHERE vote_id = ?').all(vote.voteId) as Array<{ choices: string }>
    ).map((b) => b.choices);
    expect(stored).not.toEqual(castOrder);
    expect([...stored].sort()).toEqual([...castOrder].sort());

    // No row anywhere holds both a voter's id and a ballot's hash or choice.
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{
        name: string;
      }>
    ).map((t) => t.name);
    const hashes = ballots.map((b) => b.ballot_hash);
    for (const table of tables) {
      for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>) {
        const text = JSON.stringify(row);
        for (const v of voters) {
          if (!text.includes(v.userId)) continue;
          for (const hash of hashes) expect(text, `${table} links a voter to a ballot`).not.toContain(hash);
          expect(text, `${table} links a voter to a choice`).not.toMatch(/"choices"|\[\\?"(yes|no|abstain)\\?"\]/);
        }
      }
    }

    // The change log names the chair, not the voter, for each counted secret ballot.
    const counted = db
      .prepare("SELECT actor_id, data FROM meeting_changes WHERE type = 'vote:ballot-counted'")
      .all() as Array<{ actor_id: string; data: string }>;
    expect(counted).toHaveLength(12);
    for (const c of counted) {
      expect(c.actor_id).toBe(chair.userId);
      expect(JSON.parse(c.data)).toMatchObject({ voterId: null });
    }
    // Who voted is kept, without time or order.
    const voterRows = db.prepare('SELECT * FROM vote_voters WHERE vote_id = ?').all(vote.voteId) as Array<
      Record<string, unknown>
    >;
    expect(voterRows.map((r) => Object.keys(r).sort())[0]).toEqual(['user_id', 'vote_id']);
    expect(new Set(voterRows.map((r) => r.user_id))).toEqual(new Set(voters.map((v) => v.userId)));
    // The published result says how many chose what, never who.
    const result = JSON.parse(
      (db.prepare('SELECT result FROM votes WHERE id = ?').get(vote.voteId) as { result: string }).result,
    ) as { named: unknown; tally: Record<string, number> };
    expect(result.named).toBeNull();
    expect(result.tally).toEqual({ yes: 4, no: 4, abstain: 4 });
  });
});
