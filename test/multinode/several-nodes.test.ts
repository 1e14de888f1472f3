import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { LEASE_CHUNK_SHARE } from '../../server/realtime/leased-budget.js';
import { EVENT_BUDGET, SYSTEM_ACTOR_ID, eventCost, type CommandReceipt } from '../../shared/protocol/index.js';
import { crowdOfClients, type ClientDelegate } from '../support/crowd.js';
import { adminQuery, createDatabase, dropDatabase } from '../support/postgres.js';
import { ask, connectSocket, nextChange, waitFor, type TestSocket } from '../support/server-harness.js';
import { access, freePort, ServerProcess } from '../support/server-process.js';
import { TcpBalancer } from '../support/tcp-balancer.js';
import { joinMeeting, must, yesNoVote } from '../support/vote-fixtures.js';
import { removeDataFolder } from '../support/data-folder.js';

/**
 * A city-wide deployment on one machine: three server processes sharing one PostgreSQL
 * database, behind a TCP load balancer, with the Socket.IO adapter carrying broadcasts
 * between them. (Runs in vitest's `postgres` project only.)
 */
let database: { name: string; url: string };
let dataDir: string;
const nodes: ServerProcess[] = [];
let balancer: TcpBalancer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  database = await createDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'cabinet-nodes-'));
  // The first node seeds the demo meeting; the others start on the database it made.
  for (let i = 0; i < 3; i++) {
    const node = new ServerProcess(dataDir, await freePort(), database.url);
    nodes.push(node);
    await node.start();
  }
  balancer = new TcpBalancer(nodes.map((n) => n.port));
  await balancer.start();
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await balancer?.stop();
  for (const n of nodes) await n.kill();
  if (database) await dropDatabase(database.name);
  if (dataDir) removeDataFolder(dataDir);
});

const node = (i: number) => access(nodes[i] as ServerProcess, sockets);

describe('three nodes on one PostgreSQL', () => {
  it('carry an agenda change made on node 1 to delegates on nodes 2 and 3, with the next sequence number', async () => {
    const secretary = await joinMeeting(node(0), 'thuky');
    const onTwo = await joinMeeting(node(1), 'daibieu1');
    const onThree = await joinMeeting(node(2), 'daibieu2');
    const before = secretary.meeting.seq;
    expect(onTwo.meeting.seq).toBe(before);
    const seen = [nextChange(onTwo.socket), nextChange(onThree.socket)];
    const itemId = uuidv7();
    await must(secretary.socket, 'agenda:add-item', {
      meetingId: secretary.meeting.id,
      itemId,
      parentId: null,
      title: 'Báo cáo kinh tế - xã hội',
      presenter: 'Sở Kế hoạch',
      plannedMinutes: 10,
    });
    for (const change of await Promise.all(seen)) {
      expect(change).toMatchObject({ type: 'agenda:item-added', seq: before + 1 });
    }
  });

  it('apply the same command sent to two nodes at once only once, and answer both with its receipt', async () => {
    const a = await joinMeeting(node(0), 'thuky');
    const b = await joinMeeting(node(1), 'thuky');
    const meetingId = a.meeting.id;
    for (let round = 0; round < 5; round++) {
      const command = {
        commandId: uuidv7(),
        meetingId,
        itemId: uuidv7(),
        parentId: null,
        title: `Mục ${round}`,
        presenter: '',
        plannedMinutes: 5,
      };
      const answers = await Promise.all([
        ask<CommandReceipt>(a.socket, 'agenda:add-item', command),
        ask<CommandReceipt>(b.socket, 'agenda:add-item', command),
      ]);
      expect(answers.map((x) => x.ok)).toEqual([true, true]);
      const receipts = answers.map((x) => (x.ok ? x.data : null));
      expect(receipts.map((r) => r?.replayed).sort()).toEqual([false, true]);
      expect(receipts[0]?.seq).toBe(receipts[1]?.seq);
      const logged = await adminQuery<{ n: number }>(
        'SELECT COUNT(*)::int AS n FROM meeting_changes WHERE command_id = $1',
        [command.commandId],
        database.url,
      );
      expect(logged).toEqual([{ n: 1 }]);
    }
  });

  it('hold the sign-in throttle across nodes: 40 wrong passwords spread over them are mostly refused', async () => {
    const signIn = (i: number) =>
      fetch(`${(nodes[i % 3] as ServerProcess).url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'daibieu3', password: 'khong-dung' }),
      }).then((r) => r.status);
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(i)));
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    // Five failures per name and address, whichever node counted them.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35);
  });

  it("hold one event budget for a user's sockets on every node", async () => {
    const perNode = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const login = await node(i).login('thuky');
        const own: TestSocket[] = [];
        for (let k = 0; k < 4; k++) own.push(await connectSocket((nodes[i] as ServerProcess).url, login.token));
        sockets.push(...own);
        return own;
      }),
    );
    // Let each node's lease and the user's bucket fill up again after the sign-ins.
    await new Promise((r) => setTimeout(r, 2500));
    const started = performance.now();
    const answers = await Promise.all(
      perNode.flat().flatMap((s) => Array.from({ length: 40 }, () => ask(s, 'directory:list-users', {}, 20_000))),
    );
    const seconds = (performance.now() - started) / 1000;
    const accepted = answers.filter((a) => a.ok).length;
    expect(answers.filter((a) => !a.ok && a.error.code !== 'RATE_LIMITED')).toEqual([]);
    const cost = eventCost('directory:list-users');
    // One bucket: its burst, what refills meanwhile, and at most a leased chunk held by each node.
    const chunk = EVENT_BUDGET.burst * LEASE_CHUNK_SHARE;
    const bound = (EVENT_BUDGET.burst + EVENT_BUDGET.perSecond * seconds + 3 * chunk) / cost + 3;
    expect(accepted).toBeLessThanOrEqual(bound);
    // Three separate budgets would have let about three bursts through.
    expect(accepted).toBeLessThan((3 * EVENT_BUDGET.burst) / cost);
  });

  it('cut a signed-out session everywhere: its sockets on the other nodes are disconnected at once', async () => {
    const login = await node(0).login('daibieu1');
    const elsewhere = [
      await connectSocket((nodes[1] as ServerProcess).url, login.token),
      await connectSocket((nodes[2] as ServerProcess).url, login.token),
    ];
    sockets.push(...elsewhere);
    const cut = elsewhere.map((s) => new Promise<void>((resolve) => s.once('disconnect', () => resolve())));
    const out = await fetch(`${(nodes[0] as ServerProcess).url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login.token}` },
    });
    expect(out.status).toBeLessThan(300);
    await Promise.race([
      Promise.all(cut),
      new Promise((_, reject) => setTimeout(() => reject(new Error('sockets not cut within 3 s')), 3000)),
    ]);
    await expect(connectSocket((nodes[2] as ServerProcess).url, login.token)).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it(
    'go on through a secret vote while the node that opened it is killed: every acknowledged ballot counts once, and the deadline closes it',
    { timeout: 300_000 },
    async () => {
      const viaBalancer = access(nodes[0] as ServerProcess, sockets, balancer.url);
      const crowd: ClientDelegate[] = await crowdOfClients(viaBalancer, 100, 'tp');
      try {
        // Spread over the three nodes by the balancer.
        for (const n of nodes) expect(balancer.byBackend.get(n.port) ?? 0).toBeGreaterThan(20);

        const chair = await joinMeeting(node(1), 'chutoa');
        const meetingId = chair.meeting.id;
        const vote = yesNoVote({ kind: 'secret', durationSeconds: 20 });
        await must(chair.socket, 'vote:create', { meetingId, ...vote });
        await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
        const sees = (d: ClientDelegate, status: string) =>
          Object.values(d.client.getState().meetings).some((m) =>
            m.votes.some((v) => v.id === vote.voteId && v.status === status),
          );
        for (const d of crowd) await waitFor(() => sees(d, 'open'), 10_000, 'vote seen open');

        const choices = ['yes', 'no', 'abstain'] as const;
        const cast = (d: ClientDelegate, i: number) =>
          d.client.send('vote:cast', { meetingId, voteId: vote.voteId, choices: [choices[i % 3] ?? 'yes'] });
        // A third vote, then node 2 (the opener's) dies while the rest are voting.
        const first = await Promise.all(crowd.slice(0, 34).map((d, i) => cast(d, i)));
        const rest = Promise.all(crowd.slice(34).map((d, i) => cast(d, i + 34)));
        await nodes[1]?.kill();
        const answers = [...first, ...(await rest)];
        expect(answers.filter((a) => !a.ok)).toEqual([]);

        // Nobody closes it: the deadline does, on a node that did not open it.
        const closed = await (async () => {
          const deadline = Date.now() + 40_000;
          for (;;) {
            const rows = await adminQuery<{ status: string; closed_by: string; ballot_count: number; result: string }>(
              'SELECT status, closed_by, ballot_count, result FROM votes WHERE id = $1',
              [vote.voteId],
              database.url,
            );
            const row = rows[0];
            if (row && row.status === 'closed') return row;
            if (Date.now() > deadline) throw new Error(`vote still ${row?.status} after its deadline`);
            await new Promise((r) => setTimeout(r, 250));
          }
        })();
        expect(closed.closed_by).toBe(SYSTEM_ACTOR_ID);
        expect(closed.ballot_count).toBe(100);
        const result = JSON.parse(closed.result) as { tally: Record<string, number> };
        expect(result.tally).toEqual({ yes: 34, no: 33, abstain: 33 });
        const casts = await adminQuery<{ n: number }>(
          "SELECT COUNT(*)::int AS n FROM commands WHERE name = 'vote:cast'",
          [],
          database.url,
        );
        expect(casts).toEqual([{ n: 100 }]);
        // The delegates whose node died are back online, on another node, and see the close.
        for (const d of crowd) await waitFor(() => sees(d, 'closed'), 20_000, 'vote seen closed');
      } finally {
        for (const d of crowd) d.client.stop();
      }
    },
  );
});
