// The delegate simulator from the command line: N delegates sign in, connect, check in, and
// vote in a few secret votes the chair opens, against a server it starts or one running.
//
//   npx tsx test/simulator/cli.ts --delegates 500                  the server in this process
//   npx tsx test/simulator/cli.ts --delegates 500 --nodes 3        three processes on PostgreSQL
//   npx tsx test/simulator/cli.ts --delegates 500 --url http://127.0.0.1:8080 --data ./data
import { parseArgs } from 'node:util';
import { joinMeeting } from '../support/vote-fixtures.js';
import { DelegateCrowd, mustAllPass } from './crowd.js';
import { spread } from './stats.js';
import { external, inProcess, serverProcesses, type Target } from './targets.js';
import { castAll, closeAndPublish, draftVote, openVoteFanOut } from './votes.js';

const USAGE = `usage: npx tsx test/simulator/cli.ts --delegates N [--votes R]
         [--url URL --data DIR | --nodes K | --process]
  --delegates N  simulated delegates, each with its own account and socket (up to 1000)
  --votes R      secret votes to open and cast (default 3)
  --url URL      a running server; --data is its data folder (demo-accounts.json)
  --nodes K      K server processes on a new PostgreSQL database (K ≥ 2)
  --process      one server process on a SQLite file (default: the server in this process)`;

const { values } = parseArgs({
  options: {
    delegates: { type: 'string', default: '100' },
    votes: { type: 'string', default: '3' },
    url: { type: 'string' },
    data: { type: 'string' },
    nodes: { type: 'string' },
    process: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
const count = Number(values.delegates);
const votes = Number(values.votes);
const nodes = Number(values.nodes ?? '1');
if (values.help || !(count >= 1 && count <= 1000) || !(votes >= 0) || !(nodes >= 1) || (values.url && !values.data)) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const line = (what: string, latencies: number[]) => {
  const { p50, p99 } = spread(latencies);
  console.log(`${what}: p50 ${ms(p50)}, p99 ${ms(p99)}`);
};

async function target(): Promise<Target> {
  if (values.url && values.data) return external(values.url, values.data);
  if (nodes > 1 || values.process) {
    const t = await serverProcesses(nodes);
    await t.startRest();
    return t;
  }
  return inProcess();
}

const t = await target();
let crowd: DelegateCrowd | null = null;
try {
  let t0 = performance.now();
  crowd = await DelegateCrowd.prepare(t.access, count);
  console.log(`${count} accounts made and signed in: ${ms(performance.now() - t0)}`);
  t0 = performance.now();
  await crowd.connect(t.urls);
  console.log(`connected and synced over ${t.urls.length} node(s): ${ms(performance.now() - t0)}`);
  const checkIns = mustAllPass(await crowd.burst((d) => d.checkIn()), 'check-ins');
  line(`check-in of ${count} at once`, checkIns.latencies);
  const chair = await joinMeeting(t.access, 'chutoa');
  for (let round = 1; round <= votes; round++) {
    const voteId = await draftVote(chair.socket, crowd.meetingId);
    line(`vote ${round}: vote:opened reaching ${count}`, await openVoteFanOut(chair.socket, crowd, voteId));
    const ballots = mustAllPass(await castAll(crowd, voteId), 'ballots');
    line(`vote ${round}: ${count} ballots acknowledged`, ballots.latencies);
    console.log(`vote ${round}: ${((count / ballots.wallMs) * 1000).toFixed(0)} ballots per second`);
    await closeAndPublish(chair.socket, crowd.meetingId, voteId);
  }
  chair.socket.disconnect();
} finally {
  crowd?.disconnect();
  await t.stop();
}
process.exit(0);
