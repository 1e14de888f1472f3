// Fan-out: from the chair's `vote:open` to each delegate's receipt of the `vote:opened`
// change, against a raw `ws` server broadcasting a message of the same size to as many raw
// `ws` clients (asked by one more client, as the chair asks the server).
import { cancelVote, draftVote, openVoteFanOut } from '../simulator/votes.js';
import type { DelegateCrowd } from '../simulator/crowd.js';
import { pause } from '../simulator/pool.js';
import { median, spread } from '../simulator/stats.js';
import type { TestSocket } from '../support/server-harness.js';
import { startBaseline, WsAudience } from './baselines.js';
import { medianRow, type Row } from './report.js';
import type { Room } from './room.js';

type Spread = ReturnType<typeof spread>;

export interface FanOut extends Spread {
  /** The WebSocket text frame that carried the change to a delegate, in bytes. */
  frameBytes: number;
}

/**
 * The size of the frame carrying `voteId`'s `vote:opened` to this socket, as it crossed the
 * wire (Engine.IO's packet type, then Socket.IO's packet text: one change or a batch).
 */
function frameBytes(socket: TestSocket, voteId: string): Promise<number> {
  const engine = socket.io.engine;
  return new Promise((resolve) => {
    const on = (packet: { type: string; data?: unknown }) => {
      const data = packet.data;
      if (packet.type !== 'message' || typeof data !== 'string') return;
      if (!data.includes(voteId) || !data.includes('"vote:opened"')) return;
      engine.off('packet', on);
      resolve(1 + Buffer.byteLength(data));
    };
    engine.on('packet', on);
  });
}

/**
 * A chair reads the draft before opening it: longer than the server's batching of changes
 * (50 ms), so the `vote:opened` measured is the first change after a quiet spell, not one
 * held back behind the draft's `vote:created`.
 */
const READ_THE_DRAFT_MS = 300;

/** One round: a secret vote drafted, opened (timed) and cancelled. */
export async function fanOutRound(chair: TestSocket, crowd: DelegateCrowd): Promise<FanOut> {
  const voteId = await draftVote(chair, crowd.meetingId);
  await pause(READ_THE_DRAFT_MS);
  const first = crowd.delegates[0];
  if (!first) throw new Error('no delegates');
  const size = frameBytes(first.socket, voteId);
  const latencies = await openVoteFanOut(chair, crowd, voteId);
  // The room has had the cancellation before the next measurement (ours or the baseline's).
  await crowd.settled(await cancelVote(chair, crowd.meetingId, voteId));
  return { ...spread(latencies), frameBytes: await size };
}

/** The median over rounds of each round's p50 and p99. */
export function medians(rounds: readonly Spread[]): Spread {
  return { p50: median(rounds.map((r) => r.p50)), p99: median(rounds.map((r) => r.p99)) };
}

export async function fanOutRows(room: Room, rounds: number): Promise<Row[]> {
  const count = room.crowd.delegates.length;
  const server = await startBaseline('broadcast');
  const audience = await WsAudience.open(server.url, count);
  try {
    const ours: FanOut[] = [];
    const raw: Spread[] = [];
    // Interleaved, so a neighbour's load on this shared machine falls on both sides alike.
    for (let i = 0; i < rounds; i++) {
      const round = await fanOutRound(room.chair, room.crowd);
      ours.push(round);
      raw.push(spread(await audience.round(round.frameBytes)));
    }
    const about = `(${count} delegates, ${ours[0]?.frameBytes ?? 0}-byte frame)`;
    const p = (rounds: readonly Spread[], key: keyof Spread) => rounds.map((r) => r[key]);
    return [
      medianRow(`fan-out p50 ${about}`, 'ms', p(ours, 'p50'), p(raw, 'p50')),
      medianRow(`fan-out p99 ${about}`, 'ms', p(ours, 'p99'), p(raw, 'p99'), { ratio: 1.5, better: 'lower' }),
    ];
  } finally {
    audience.close();
    await server.stop();
  }
}
