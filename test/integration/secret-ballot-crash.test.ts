import { afterEach, describe, expect, it } from 'vitest';
import { processServer } from '../support/process-server.js';
import { attackStoredVote, erasureSettled } from '../support/secrecy-attack.js';
import { crowdOfClients, type ClientDelegate } from '../support/crowd.js';
import { waitFor } from '../support/server-harness.js';
import { YES_NO_ABSTAIN, joinMeeting, must, yesNoVote } from '../support/vote-fixtures.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('a secret vote through a power cut', () => {
  it(
    'keeps every acknowledged ballot, and after the close links no voter to a choice in any file',
    { timeout: 180_000 },
    async () => {
      const { server, h, where } = await processServer('crash-secret', cleanups);
      const crowd: ClientDelegate[] = await crowdOfClients(h, 12, 'cut');
      cleanups.push(() => crowd.forEach((d) => d.client.stop()));

      const chair = await joinMeeting(h, 'chutoa');
      const meetingId = chair.meeting.id;
      const vote = yesNoVote({ kind: 'secret', allowChange: true });
      await must(chair.socket, 'vote:create', { meetingId, ...vote });
      await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
      const sees = (d: ClientDelegate, status: string) =>
        Object.values(d.client.getState().meetings).some((m) =>
          m.votes.some((v) => v.id === vote.voteId && v.status === status),
        );
      for (const d of crowd) await waitFor(() => sees(d, 'open'));

      const truth = new Map<string, string>();
      const cast = async (d: ClientDelegate, choice: string) => {
        const answer = await d.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: [choice] });
        expect(answer.ok).toBe(true);
      };
      // Half vote (and change their minds) before the cut.
      for (const [i, d] of crowd.slice(0, 6).entries()) {
        await cast(d, 'abstain');
        const choice = YES_NO_ABSTAIN[i % 3] ?? 'yes';
        await cast(d, choice);
        truth.set(d.userId, choice);
      }

      await server.kill();
      for (const d of crowd) await waitFor(() => d.client.getState().connection === 'offline', 10_000);
      await server.start();
      for (const d of crowd) await waitFor(() => d.client.getState().connection === 'online', 20_000, 'reconnected');

      // The other half vote after the restart; one of the first half changes again.
      for (const [i, d] of crowd.slice(6).entries()) {
        const choice = YES_NO_ABSTAIN[i % 3] ?? 'yes';
        await cast(d, choice);
        truth.set(d.userId, choice);
      }
      const changer = crowd[0] as ClientDelegate;
      await cast(changer, 'no');
      truth.set(changer.userId, 'no');

      const deviceKeys = new Map(crowd.map((d) => [d.userId, d.store.loadBallotKey(d.userId, vote.voteId) ?? '']));
      const chairAgain = await joinMeeting(h, 'chutoa');
      await must(chairAgain.socket, 'vote:close', { meetingId, voteId: vote.voteId });
      for (const d of crowd) await waitFor(() => sees(d, 'closed'));

      const target = { voteId: vote.voteId, voterIds: [...truth.keys()], deviceKeys };
      await erasureSettled(where.databaseUrl);
      const after = await attackStoredVote(where, target);
      if (!where.databaseUrl) expect(after.files.some((f) => f.endsWith('cabinet.sqlite'))).toBe(true);
      expect(after.deadVersions).toBe(0);
      expect([...after.links]).toEqual([]);
      expect(after.keyHits).toEqual([]);
      expect(after.rowLinks).toEqual([]);
      expect(after.joinLinks).toEqual([]);
      const rightForAll = (g: ReadonlyMap<string, string>) =>
        [...truth].every(([voter, choice]) => g.get(voter) === JSON.stringify([choice]));
      expect(after.orderGuesses.filter(rightForAll)).toEqual([]);

      // A second cut right after the close changes nothing of that.
      await server.kill();
      await server.start();
      const afterRestart = await attackStoredVote(where, target);
      expect([...afterRestart.links, ...afterRestart.keyHits, ...afterRestart.rowLinks]).toEqual([]);

      const chairLast = await joinMeeting(h, 'chutoa');
      await must(chairLast.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
      const counts = { yes: 0, no: 0, abstain: 0 } as Record<string, number>;
      for (const c of truth.values()) counts[c] = (counts[c] ?? 0) + 1;
      const sync = await chairLast.socket
        .timeout(5000)
        .emitWithAck('session:sync', { cursors: {} } as never)
        .catch(() => null);
      const published = (
        sync as { ok: true; data: { updates: Array<{ snapshot?: { votes: Array<{ result: unknown }> } }> } } | null
      )?.data.updates[0]?.snapshot?.votes[0]?.result;
      expect(published).toMatchObject({ ballots: 12, tally: counts });
    },
  );
});
