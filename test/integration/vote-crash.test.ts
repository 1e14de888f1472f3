import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import { uuidv7 } from 'uuidv7';
import { afterEach, describe, expect, it } from 'vitest';
import type { Vote } from '../../shared/protocol/index.js';
import { processServer } from '../support/process-server.js';
import { ask, type TestSocket } from '../support/server-harness.js';
import { yesNoVote } from '../support/vote-fixtures.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the server killed while a vote is open', () => {
  it('keeps every acknowledged ballot and lets voting go on after the restart', { timeout: 90_000 }, async () => {
    const { server, h } = await processServer('crash', cleanups);

    const signIn = (username: string) => h.connect(username);
    const send = async (socket: TestSocket, event: string, payload: Record<string, unknown>) => {
      const answer = await ask(socket, event, { commandId: uuidv7(), ...payload });
      expect(answer, event).toMatchObject({ ok: true });
      return answer;
    };
    const votes = async (socket: TestSocket) => {
      const sync = await ask<{ updates: Array<{ snapshot: { votes: Vote[]; myBallots: string[] } }> }>(
        socket,
        'session:sync',
        { cursors: {} },
      );
      if (!sync.ok) throw new Error('sync failed');
      return sync.data.updates[0]?.snapshot;
    };

    const chair = await signIn('chutoa');
    const meetingId = (
      (await ask<{ meetings: Array<{ id: string }> }>(chair.socket, 'session:sync', { cursors: {} })) as {
        ok: true;
        data: { meetings: Array<{ id: string }> };
      }
    ).data.meetings[0]!.id;
    const d = await Promise.all(['daibieu1', 'daibieu2', 'daibieu3'].map(signIn));
    for (const m of [chair, ...d]) await send(m.socket, 'attendance:check-in', { meetingId, userId: m.login.user.id });
    const vote = yesNoVote({ kind: 'secret' });
    await send(chair.socket, 'vote:create', { meetingId, ...vote });
    await send(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });

    const first = {
      commandId: uuidv7(),
      meetingId,
      voteId: vote.voteId,
      ballotKey: makeBallotKey(),
      choices: ['yes'],
    };
    expect(await ask(d[0]!.socket, 'vote:cast', first)).toMatchObject({ ok: true });
    expect(
      await ask(d[1]!.socket, 'vote:cast', {
        ...first,
        commandId: uuidv7(),
        ballotKey: makeBallotKey(),
        choices: ['no'],
      }),
    ).toMatchObject({ ok: true });

    await server.kill();
    await server.start();

    const chairAgain = await signIn('chutoa');
    expect((await votes(chairAgain.socket))?.votes[0]).toMatchObject({ status: 'open', ballotCount: 2 });
    const d1Again = await signIn('daibieu1');
    expect((await votes(d1Again.socket))?.myBallots).toEqual([vote.voteId]);
    // The tablet that never saw its acknowledgement replays: the original receipt, not a second ballot.
    expect(await ask(d1Again.socket, 'vote:cast', first)).toMatchObject({ ok: true, data: { replayed: true } });
    const d3Again = await signIn('daibieu3');
    expect(
      await ask(d3Again.socket, 'vote:cast', {
        ...first,
        commandId: uuidv7(),
        ballotKey: makeBallotKey(),
        choices: ['yes'],
      }),
    ).toMatchObject({ ok: true });

    await send(chairAgain.socket, 'vote:close', { meetingId, voteId: vote.voteId });
    await send(chairAgain.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
    const published = (await votes(chairAgain.socket))?.votes[0];
    expect(published?.result).toMatchObject({ ballots: 3, tally: { yes: 2, no: 1, abstain: 0 } });
  });
});
