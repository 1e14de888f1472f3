// Vote fan-out with the delegates spread over three server nodes (one PostgreSQL, the
// Socket.IO adapter between them), against the same delegates on one node of the same
// deployment: what the adapter's hop through PostgreSQL costs a room.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Change, LoginResponse } from '../../shared/protocol/index.js';
import { addDelegates } from '../support/crowd.js';
import { createDatabase, dropDatabase, postgresAvailable } from '../support/postgres.js';
import { connectSocket, syncAll, type TestSocket } from '../support/server-harness.js';
import { access, freePort, ServerProcess } from '../support/server-process.js';
import { joinMeeting, must, yesNoVote } from '../support/vote-fixtures.js';

const DELEGATES = 150;
const ROUNDS = 7;

export interface FanOut {
  oneNodeMs: number;
  threeNodesMs: number;
}

/** Median over rounds of: chair's vote:open sent → the last delegate has the vote:opened change. */
async function measure(chair: TestSocket, meetingId: string, delegates: TestSocket[]): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const vote = yesNoVote({ kind: 'secret' });
    await must(chair, 'vote:create', { meetingId, ...vote });
    const arrived = delegates.map(
      (s) =>
        new Promise<void>((resolve) => {
          const on = (c: Change) => {
            if (c.type === 'vote:opened' && c.data.vote.id === vote.voteId) {
              s.off('meeting:change', on);
              resolve();
            }
          };
          s.on('meeting:change', on);
        }),
    );
    const t0 = performance.now();
    await must(chair, 'vote:open', { meetingId, voteId: vote.voteId });
    await Promise.all(arrived);
    times.push(performance.now() - t0);
    await must(chair, 'vote:cancel', { meetingId, voteId: vote.voteId, reason: 'Đo thời gian' });
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
}

export async function voteFanOut(): Promise<FanOut | null> {
  if (!(await postgresAvailable())) return null;
  const database = await createDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'cabinet-bench-nodes-'));
  const nodes: ServerProcess[] = [];
  const sockets: TestSocket[] = [];
  try {
    for (let i = 0; i < 3; i++) nodes.push(new ServerProcess(dataDir, await freePort(), database.url));
    const [first] = nodes as [ServerProcess];
    await first.start();
    const firstAccess = access(first, sockets);
    const made = await addDelegates(firstAccess, DELEGATES, 'fo');
    const logins: LoginResponse[] = [];
    for (const d of made) {
      const res = await fetch(`${first.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: d.username, password: d.password }),
      });
      logins.push((await res.json()) as LoginResponse);
    }
    const chair = await joinMeeting(firstAccess, 'chutoa');
    const meetingId = chair.meeting.id;
    const join = async (url: string, token: string) => {
      const s = await connectSocket(url, token);
      sockets.push(s);
      await syncAll(s);
      return s;
    };

    const onOne = await Promise.all(logins.map((l) => join(first.url, l.token)));
    const oneNodeMs = await measure(chair.socket, meetingId, onOne);
    onOne.forEach((s) => s.disconnect());

    for (const n of nodes.slice(1)) await n.start();
    const spread = await Promise.all(logins.map((l, i) => join((nodes[i % 3] as ServerProcess).url, l.token)));
    const threeNodesMs = await measure(chair.socket, meetingId, spread);
    return { oneNodeMs, threeNodesMs };
  } finally {
    sockets.forEach((s) => s.disconnect());
    for (const n of nodes) await n.kill();
    await dropDatabase(database.name);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
