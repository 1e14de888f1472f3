// Every delegate sending one command at once (ballots in a secret vote, check-ins), against
// the same number of Socket.IO clients sending a payload of the same shape to a bare
// Socket.IO server that acknowledges it at once (the echo).
import { uuidv7 } from 'uuidv7';
import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import type { Ack, CommandReceipt } from '../../shared/protocol/index.js';
import { mustAllPass, type Burst } from '../simulator/crowd.js';
import type { SimDelegate } from '../simulator/delegate.js';
import { spread } from '../simulator/stats.js';
import { castAll, closeAndPublish, draftVote, openVoteFanOut } from '../simulator/votes.js';
import { EchoCrowd, startBaseline } from './baselines.js';
import { medianRow, type Row } from './report.js';
import type { Room } from './room.js';

interface Rounds {
  ours: Burst[];
  echo: Burst[];
}

/** `rounds` times: our burst (`ours` runs it, with its set-up and tidy-up), then the echo's. */
async function interleaved(
  room: Room,
  rounds: number,
  ours: (round: number) => Promise<Burst>,
  echoPayload: (i: number) => unknown,
): Promise<Rounds> {
  const server = await startBaseline('echo');
  const echo = await EchoCrowd.open(server.url, room.crowd.delegates.length);
  try {
    const out: Rounds = { ours: [], echo: [] };
    for (let r = 0; r < rounds; r++) {
      out.ours.push(await ours(r));
      out.echo.push(await echo.burst(echoPayload));
    }
    return out;
  } finally {
    echo.close();
    await server.stop();
  }
}

/** p50 and p99 of acknowledgement latency, each the median over rounds. */
function latencyRows(what: string, count: number, rounds: Rounds, p99Target: number): Row[] {
  const p = (bursts: Burst[], key: 'p50' | 'p99') => bursts.map((b) => spread(b.latencies)[key]);
  const about = `(${count} at once)`;
  return [
    medianRow(`${what} p50 ${about}`, 'ms', p(rounds.ours, 'p50'), p(rounds.echo, 'p50')),
    medianRow(`${what} p99 ${about}`, 'ms', p(rounds.ours, 'p99'), p(rounds.echo, 'p99'), {
      ratio: p99Target,
      better: 'lower',
    }),
  ];
}

const perSecond = (bursts: Burst[]) => bursts.map((b) => (b.latencies.length / b.wallMs) * 1000);

export async function ballotRows(room: Room, rounds: number): Promise<Row[]> {
  await room.ensurePresent();
  const { chair, crowd, meetingId } = room;
  let voteId = '';
  const result = await interleaved(
    room,
    rounds,
    async () => {
      voteId = await draftVote(chair, meetingId);
      // Delegates vote once their tablets show the vote open.
      await openVoteFanOut(chair, crowd, voteId);
      const burst = mustAllPass(await castAll(crowd, voteId), 'ballots');
      // The room has had the close and the result before the echo's round.
      await crowd.settled(await closeAndPublish(chair, meetingId, voteId));
      return burst;
    },
    () => ({ commandId: uuidv7(), meetingId, voteId, ballotKey: makeBallotKey(), choices: ['yes'] }),
  );
  const count = crowd.delegates.length;
  return [
    ...latencyRows('ballots', count, result, 3),
    medianRow(
      `ballots per second (secret vote, ${count} at once)`,
      'ballots/s',
      perSecond(result.ours),
      perSecond(result.echo),
    ),
  ];
}

export async function checkInRows(room: Room, rounds: number): Promise<Row[]> {
  const { crowd, meetingId } = room;
  /** A burst, then its changes delivered to everyone before anything else is measured. */
  const everyone = async (what: string, command: (d: SimDelegate) => Promise<Ack<CommandReceipt>>) => {
    const burst = mustAllPass(await crowd.burst(command), what);
    await crowd.settled(burst.lastSeq);
    return burst;
  };
  const checkOut = () => everyone('check-outs', (d) => d.checkOut());
  // Each round starts with everyone absent, as a session starts.
  if (room.present) await checkOut();
  const result = await interleaved(
    room,
    rounds,
    async (round) => {
      const burst = await everyone('check-ins', (d) => d.checkIn());
      if (round < rounds - 1) await checkOut();
      return burst;
    },
    (i) => ({ commandId: uuidv7(), meetingId, userId: crowd.delegates[i]?.account.userId }),
  );
  room.present = true;
  return latencyRows('check-in', crowd.delegates.length, result, 3);
}
