import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Ack, ChangeBatch, CommandReceipt } from '../../shared/protocol/index.js';
import { StallProxy } from '../support/stall-proxy.js';
import { crowdOfClients, crowdSees, type ClientDelegate } from '../support/crowd.js';
import { waitFor } from '../support/server-harness.js';
import { joinMeeting, must, yesNoVote } from '../support/vote-fixtures.js';
import { processServer, readStored, type Cleanups, type ProcessServer } from '../support/process-server.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const VOTERS = 200;
/** The server is killed as this many acknowledgements have arrived (see below). */
const KILL_AFTER_ACKS = 20;
/** At least this many ballots are committed, their answers lost, when the server dies. */
const UNANSWERED_AT_KILL = 50;
const CHOICES = ['yes', 'no', 'abstain'] as const;
const choiceOf = (i: number): string => CHOICES[i % 3] ?? 'yes';

/** Settles when `tick()` has been called `target` times. */
function whenCount(target: number): { tick(): void; reached: Promise<number> } {
  let count = 0;
  let resolve: (n: number) => void = () => undefined;
  const reached = new Promise<number>((r) => (resolve = r));
  return {
    tick() {
      count += 1;
      if (count === target) resolve(count);
    },
    reached,
  };
}

interface Room {
  server: ProcessServer['server'];
  h: ProcessServer['h'];
  where: ProcessServer['where'];
  relay: StallProxy;
  crowd: ClientDelegate[];
}

/** One room for both votes: 200 sign-ins are 200 password hashes, minutes on a loaded machine. */
let room: Promise<Room> | null = null;
const roomCleanups: Cleanups = [];
afterAll(async () => {
  for (const c of roomCleanups.splice(0).reverse()) await c();
});
/** Votes held in the room so far: each adds 200 ballot commands. */
let votesHeld = 0;

function theRoom(): Promise<Room> {
  room ??= (async () => {
    const { server, h, where } = await processServer('kill', roomCleanups);
    // Four rows of tablets sign in side by side (each sign-in is a password hash). The last
    // two reach the server through a relay that can swallow its answers.
    const relay = new StallProxy(server.port);
    await relay.start();
    roomCleanups.push(() => relay.stop());
    const rows = await Promise.all(
      [0, 1, 2, 3].map((r) => crowdOfClients(h, VOTERS / 4, `k${r}x`, r < 2 ? h.server.url : relay.url)),
    );
    const crowd: ClientDelegate[] = rows.flat();
    roomCleanups.push(() => crowd.forEach((d) => d.client.stop()));
    expect(crowd).toHaveLength(VOTERS);
    return { server, h, where, relay, crowd };
  })();
  return room;
}

describe('the server killed (SIGKILL) during a vote of 200, with ballots committed but unanswered', () => {
  it.each(['named', 'secret'] as const)(
    'keeps every acknowledged ballot once; the tablets resend the rest from their outboxes and each counts once (%s vote)',
    { timeout: 420_000 },
    async (kind) => {
      const started = Date.now();
      const phases: string[] = [];
      const phase = (label: string) => phases.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const { server, h, where, relay, crowd } = await theRoom();
      votesHeld += 1;
      phase('signed in');

      const chair = await joinMeeting(h, 'chutoa');
      const meetingId = chair.meeting.id;
      const vote = yesNoVote({ kind });
      await must(chair.socket, 'vote:create', { meetingId, ...vote });
      await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
      await crowdSees(crowd, vote.voteId, 'open');

      // The chair's tablet counts the ballots the server has committed (a named vote's count).
      let committedSeen = 0;
      chair.socket.on('meeting:changes', (batch: ChangeBatch) => {
        for (const c of batch.changes)
          if (c.type === 'vote:ballot-counted' && c.data.voteId === vote.voteId)
            committedSeen = Math.max(committedSeen, c.data.ballotCount);
      });

      // Half the room votes at once. As the twentieth acknowledgement arrives, the relay starts
      // swallowing the server's answers and the other half (behind it) votes: the server is
      // killed once it has committed at least 50 of theirs, which it could not answer.
      const acked = whenCount(KILL_AFTER_ACKS);
      const ackedBeforeKill = new Set<string>();
      let killed = false;
      const cast = (d: ClientDelegate, i: number) =>
        d.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: [choiceOf(i)] }).then((answer) => {
          if (!killed && answer.ok) {
            ackedBeforeKill.add(d.userId);
            acked.tick();
          }
          return answer;
        });
      const answers: Array<Promise<Ack<CommandReceipt>>> = crowd.slice(0, VOTERS / 2).map((d, i) => cast(d, i));
      await acked.reached;
      relay.holdReplies(true);
      answers.push(...crowd.slice(VOTERS / 2).map((d, i) => cast(d, i + VOTERS / 2)));
      await waitFor(
        () => committedSeen >= VOTERS / 2 + UNANSWERED_AT_KILL,
        60_000,
        'ballots committed behind the relay',
      );
      await server.kill();
      killed = true;
      const committedAtKill = committedSeen;
      relay.dropAll();
      relay.holdReplies(false);
      phase('killed');
      const inFlight = VOTERS - ackedBeforeKill.size;
      console.info(
        `vote kill: ${ackedBeforeKill.size} ballots acknowledged before the kill, ${inFlight} in flight, ` +
          `at least ${committedAtKill - ackedBeforeKill.size} of them committed but unanswered`,
      );
      // Not a crash "between votes": many ballots had no answer when the server died, and at
      // least 50 of those were in the database.
      expect(inFlight).toBeGreaterThanOrEqual(VOTERS / 4);
      expect(ackedBeforeKill.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
      expect(committedAtKill - ackedBeforeKill.size).toBeGreaterThanOrEqual(UNANSWERED_AT_KILL);
      for (const d of crowd) await waitFor(() => d.client.getState().connection === 'offline', 15_000, 'offline');

      await server.start();
      // No reload: the same client cores reconnect and send what their outboxes hold.
      const settled = await Promise.all(answers);
      const refused = settled.flatMap((a) => (a.ok ? [] : [a.error.code]));
      expect(refused).toEqual([]);
      // Committed before the kill but never acknowledged: answered now from the first receipt.
      const replayed = settled.filter((a) => a.ok && a.data.replayed).length;
      console.info(`vote kill: ${replayed} ballots resent after the restart were already in (replayed)`);
      expect(replayed).toBeGreaterThanOrEqual(committedAtKill - ackedBeforeKill.size);
      for (const d of crowd) {
        await waitFor(
          () => d.client.getState().pendingCommands === 0 && d.client.getState().connection === 'online',
          30_000,
          `${d.username} online with an empty outbox`,
        );
        const held = d.client.getState().meetings[meetingId];
        expect(held?.myBallots, d.username).toContain(vote.voteId);
      }

      phase('every outbox empty');
      // What the database holds, read as the next start would find it.
      await server.kill();
      const stored = await readStored(where, async (db) => ({
        vote: await db
          .selectFrom('votes')
          .select(['status', 'ballot_count'])
          .where('id', '=', vote.voteId)
          .executeTakeFirstOrThrow(),
        voters: await db.selectFrom('vote_voters').select('user_id').where('vote_id', '=', vote.voteId).execute(),
        ballots: await db
          .selectFrom('vote_ballots')
          .select(['voter_id', 'choices'])
          .where('vote_id', '=', vote.voteId)
          .execute(),
        casts: await db.selectFrom('commands').select(['id', 'user_id']).where('name', '=', 'vote:cast').execute(),
      }));
      expect(stored.vote).toMatchObject({ status: 'open', ballot_count: VOTERS });
      expect(stored.voters).toHaveLength(VOTERS);
      expect(stored.ballots).toHaveLength(VOTERS);
      expect(stored.casts).toHaveLength(VOTERS * votesHeld);
      const crowdIds = crowd.map((d) => d.userId).sort();
      expect(stored.voters.map((v) => v.user_id).sort()).toEqual(crowdIds);
      expect(stored.casts.map((c) => c.user_id).sort()).toEqual(
        crowdIds.flatMap((id) => Array<string>(votesHeld).fill(id)).sort(),
      );
      // Each ballot says what its voter chose, those acknowledged before the kill included
      // (the stored text is padded to one length: parsed, not compared as text).
      if (kind === 'named') {
        const choiceByVoter = new Map(stored.ballots.map((b) => [b.voter_id, JSON.parse(b.choices) as unknown]));
        for (const [i, d] of crowd.entries()) {
          expect(choiceByVoter.get(d.userId), d.username).toEqual([choiceOf(i)]);
        }
        for (const userId of ackedBeforeKill) expect(choiceByVoter.has(userId)).toBe(true);
      } else {
        // A secret box holds no voter: the choices, as many of each as were cast, and no more.
        expect(stored.ballots.every((b) => b.voter_id === null)).toBe(true);
        const held = stored.ballots.map((b) => (JSON.parse(b.choices) as string[]).join()).sort();
        expect(held).toEqual(crowd.map((_, i) => choiceOf(i)).sort());
      }

      // The meeting goes on: the vote closes and publishes the right tally.
      await server.start();
      const chairAgain = await joinMeeting(h, 'chutoa');
      await must(chairAgain.socket, 'vote:close', { meetingId, voteId: vote.voteId });
      await must(chairAgain.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
      await crowdSees(crowd, vote.voteId, 'published');
      const tally = { yes: 0, no: 0, abstain: 0 } as Record<string, number>;
      for (let i = 0; i < VOTERS; i++) tally[choiceOf(i)] = (tally[choiceOf(i)] ?? 0) + 1;
      const published = crowd[0]?.client.getState().meetings[meetingId]?.votes.find((v) => v.id === vote.voteId);
      expect(published?.result).toMatchObject({ ballots: VOTERS, tally });
      phase('published');
      console.info(`vote kill: ${phases.join(', ')}`);
    },
  );
});
