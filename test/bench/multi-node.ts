// Fan-out over three nodes: the same delegates spread over three server processes sharing one
// PostgreSQL database (the Socket.IO adapter carries each broadcast between them), against
// all of them on one node of the same deployment, started alone. The chair is on the first node.
import { DelegateCrowd } from '../simulator/crowd.js';
import { serverProcesses } from '../simulator/targets.js';
import { ADMIN_URL, postgresAvailable } from '../support/postgres.js';
import { joinMeeting } from '../support/vote-fixtures.js';
import { fanOutRound, medians, type FanOut } from './fan-out.js';
import type { Row } from './report.js';

const NODES = 3;

/** The row, or the line saying why it was not measured. */
export async function multiNodeRow(count: number, rounds: number, log: (line: string) => void): Promise<Row | string> {
  if (!(await postgresAvailable())) {
    const where = new URL(ADMIN_URL);
    return `multi-node fan-out: skipped, no PostgreSQL answers at ${where.host} (scripts/postgres-test-role.sh starts one)`;
  }
  const target = await serverProcesses(NODES, { postgres: true });
  try {
    const t0 = performance.now();
    const crowd = await DelegateCrowd.prepare(target.access, count, 'nodes');
    log(`multi-node: ${count} delegates made and signed in in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const chair = await joinMeeting(target.access, 'chutoa');
    const measure = async () => {
      const out: FanOut[] = [];
      for (let r = 0; r < rounds; r++) out.push(await fanOutRound(chair.socket, crowd));
      return medians(out);
    };
    await crowd.connect(target.urls.slice(0, 1));
    const one = await measure();
    await target.startRest();
    await crowd.connect(target.urls);
    const spread = await measure();
    crowd.disconnect();
    chair.socket.disconnect();
    return {
      name: `multi-node fan-out p99 (${count} delegates over ${NODES} nodes on PostgreSQL; baseline: 1 node)`,
      value: spread.p99,
      unit: 'ms',
      baseline: one.p99,
      target: { ratio: 1.5, better: 'lower' },
    };
  } finally {
    await target.stop();
  }
}
