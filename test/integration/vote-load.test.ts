import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack, CommandReceipt } from '../../shared/protocol/index.js';
import { createSession } from '../../server/auth/sessions.js';
import { crowdOfDelegates } from '../support/crowd.js';
import { ask, connectSocket, startHarness, type Harness } from '../support/server-harness.js';
import { YES_NO_ABSTAIN, currentVote, joinMeeting, must, yesNoVote } from '../support/vote-fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.cleanup();
});

async function countRows(table: 'vote_voters' | 'vote_ballots', voteId: string): Promise<number> {
  const row = await h.server.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('vote_id', '=', voteId)
    .executeTakeFirstOrThrow();
  return row.n;
}

describe('fifty delegates voting at once', () => {
  it('counts every ballot exactly once despite retries and reconnects in the middle', { timeout: 90_000 }, async () => {
    const delegates = await crowdOfDelegates(h, 50);
    const chair = await joinMeeting(h, 'chutoa');
    const meetingId = chair.meeting.id;
    const vote = yesNoVote({ kind: 'secret' });
    await must(chair.socket, 'vote:create', { meetingId, ...vote });
    await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });

    const choiceOf = (i: number) => YES_NO_ABSTAIN[i % 3] as string;
    const commands = delegates.map((_, i) => ({
      commandId: uuidv7(),
      meetingId,
      voteId: vote.voteId,
      ballotKey: makeBallotKey(),
      choices: [choiceOf(i)],
    }));

    const answers = await Promise.all(
      delegates.map(async (d, i): Promise<Ack<CommandReceipt>[]> => {
        const command = commands[i]!;
        if (i < 10) {
          // A retry while the first attempt is still in flight.
          return Promise.all([
            ask<CommandReceipt>(d.socket, 'vote:cast', command),
            ask<CommandReceipt>(d.socket, 'vote:cast', command),
          ]);
        }
        if (i < 20) {
          // The link drops right after sending; the tablet reconnects and replays its outbox.
          (d.socket as unknown as { emit(e: string, p: unknown): void }).emit('vote:cast', command);
          d.socket.disconnect();
          const token = await relogin(d.username);
          d.socket = await connectSocket(h.server.url, token);
          return [await ask<CommandReceipt>(d.socket, 'vote:cast', command)];
        }
        return [await ask<CommandReceipt>(d.socket, 'vote:cast', command)];
      }),
    );
    for (const list of answers) for (const a of list) expect(a).toMatchObject({ ok: true });
    const replays = answers.flat().filter((a) => a.ok && a.data.replayed).length;
    expect(replays).toBeGreaterThanOrEqual(10);

    expect((await currentVote(h, vote.voteId)).ballot_count).toBe(50);
    expect(await countRows('vote_voters', vote.voteId)).toBe(50);
    expect(await countRows('vote_ballots', vote.voteId)).toBe(50);

    await must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });
    const late = await ask(delegates[0]!.socket, 'vote:cast', { ...commands[0], commandId: uuidv7() });
    expect(late).toMatchObject({ ok: false, error: { code: 'VOTE_NOT_OPEN' } });
    await must(chair.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
    const result = JSON.parse((await currentVote(h, vote.voteId)).result ?? '{}') as {
      ballots: number;
      tally: Record<string, number>;
    };
    expect(result.ballots).toBe(50);
    expect(result.tally).toEqual({ yes: 17, no: 17, abstain: 16 });

    async function relogin(username: string): Promise<string> {
      // The crowd's passwords are not kept; an admin-issued session is what a re-login gives.
      const db = h.server.store.db;
      const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      return (await createSession(db, row.id, new Date())).token;
    }
  });
});
