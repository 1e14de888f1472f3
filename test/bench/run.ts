// npm run bench: speed and memory of the meeting server against a raw baseline measured in
// the same run (a bare Socket.IO echo on the same machine), so the figures mean something on
// any hardware. Prints a table; exits 1 when a target is missed.
import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { uuidv7 } from 'uuidv7';
import { crowdOfDelegates } from '../support/crowd.js';
import { voteFanOut } from './fan-out.js';
import { firstPageByRanges, firstPageReport } from './first-page.js';
import { ask, startHarness } from '../support/server-harness.js';
import { joinMeeting, must, yesNoVote } from '../support/vote-fixtures.js';

const ROUNDS = 400;
const CROWD = 50;

async function rawEchoBaseline() {
  const http = createServer();
  const io = new Server(http);
  io.on('connection', (s) =>
    s.on('echo', (payload: unknown, ack: (a: unknown) => void) => ack({ ok: true, data: payload })),
  );
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const port = (http.address() as { port: number }).port;
  const sockets: Socket[] = await Promise.all(
    Array.from(
      { length: CROWD },
      () =>
        new Promise<Socket>((r) => {
          const s = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
          s.once('connect', () => r(s));
        }),
    ),
  );
  const one = sockets[0] as Socket;
  const t0 = performance.now();
  for (let i = 0; i < ROUNDS; i++) await one.emitWithAck('echo', { i, title: 'Mục chương trình' });
  const sequential = (performance.now() - t0) / ROUNDS;
  const t1 = performance.now();
  await Promise.all(sockets.map((s) => s.emitWithAck('echo', { choice: 'yes' })));
  const burst = performance.now() - t1;
  sockets.forEach((s) => s.disconnect());
  io.close();
  return { sequential, burst };
}

async function meetingServer() {
  const h = await startHarness({ socketLimits: { burst: 1e9, eventsPerSecond: 1e9 } });
  try {
    const secretary = await joinMeeting(h, 'thuky');
    const meetingId = secretary.meeting.id;
    const { id: itemId } = await h.server.store.db
      .selectFrom('agenda_items')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .limit(1)
      .executeTakeFirstOrThrow();
    const t0 = performance.now();
    for (let i = 0; i < ROUNDS; i++) {
      const a = await ask(secretary.socket, 'agenda:update-item', {
        commandId: uuidv7(),
        meetingId,
        itemId,
        baseVersion: i,
        plannedMinutes: (i % 60) + 1,
      });
      if (!a.ok) throw new Error(a.error.code);
    }
    const sequential = (performance.now() - t0) / ROUNDS;

    const delegates = await crowdOfDelegates(h, CROWD);
    const chair = await joinMeeting(h, 'chutoa');
    const vote = yesNoVote({ kind: 'secret' });
    await must(chair.socket, 'vote:create', { meetingId, ...vote });
    await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
    const t1 = performance.now();
    const answers = await Promise.all(
      delegates.map((d) =>
        ask(d.socket, 'vote:cast', {
          commandId: uuidv7(),
          meetingId,
          voteId: vote.voteId,
          ballotKey: makeBallotKey(),
          choices: ['yes'],
        }),
      ),
    );
    const burst = performance.now() - t1;
    if (answers.some((a) => !a.ok)) throw new Error('a ballot was refused');
    const rssMb = process.memoryUsage().rss / 1024 / 1024;
    return { sequential, burst, rssMb };
  } finally {
    await h.cleanup();
  }
}

const baseline = await rawEchoBaseline();
const ours = await meetingServer();
const fanOut = await voteFanOut();
const rows = [
  {
    what: `command round trip (mean of ${ROUNDS})`,
    ours: ours.sequential,
    base: baseline.sequential,
    unit: 'ms',
    targetRatio: 10,
  },
  {
    what: `${CROWD} ballots at once, until the last ack`,
    ours: ours.burst,
    base: baseline.burst,
    unit: 'ms',
    targetRatio: 15,
  },
];
if (fanOut) {
  rows.push({
    what: 'vote opened → 150 delegates: 3 nodes vs 1',
    ours: fanOut.threeNodesMs,
    base: fanOut.oneNodeMs,
    unit: 'ms',
    targetRatio: 3,
  });
}
let missed = false;
console.log('\nbenchmark                                   ours        raw baseline   ratio   target');
for (const r of rows) {
  const ratio = r.ours / r.base;
  const ok = ratio <= r.targetRatio;
  missed ||= !ok;
  console.log(
    `${r.what.padEnd(42)} ${r.ours.toFixed(2).padStart(8)} ${r.unit}   ${r.base.toFixed(2).padStart(8)} ${r.unit}   ${ratio.toFixed(1).padStart(5)}×   ≤ ${r.targetRatio}× ${ok ? 'ok' : 'MISSED'}`,
  );
}
if (!fanOut) console.log('vote fan-out over three nodes: not measured (no PostgreSQL answers; see the README)');
const rssTarget = 300;
missed ||= ours.rssMb > rssTarget;
console.log(
  `resident memory after the run (server and ${CROWD} clients in one process): ${ours.rssMb.toFixed(0)} MB (target ≤ ${rssTarget} MB)\n`,
);
// Figures only (no target): how much sooner page 1 shows by ranges than after the whole file.
console.log(`${firstPageReport(await firstPageByRanges())}\n`);
process.exit(missed ? 1 : 0);
