import { uuidv7 } from 'uuidv7';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type Ack, type ProtocolError } from '../../shared/protocol/index.js';
import { eventCost, type SocketLimits } from '../../server/realtime/socket-server.js';
import { ask, connectSocket, startHarness, waitFor, type Harness, type TestSocket } from '../support/server-harness.js';

let h: Harness | undefined;
const opened: TestSocket[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) s.disconnect();
  await h?.cleanup();
  h = undefined;
});

async function serve(limits: SocketLimits): Promise<Harness> {
  h = await startHarness({ socketLimits: limits });
  return h;
}

/** Opens `count` sockets for one user, signing in again whenever a session is full. */
async function socketsOf(harness: Harness, username: string, count: number, perSession: number) {
  const sockets: TestSocket[] = [];
  let token = '';
  for (let i = 0; i < count; i++) {
    if (i % perSession === 0) token = (await harness.login(username)).token;
    const socket = await connectSocket(harness.server.url, token);
    opened.push(socket);
    sockets.push(socket);
  }
  return sockets;
}

/** What Socket.IO hands the client when the server refuses a connection. */
async function refusal(url: string, token: string): Promise<Error & { data?: ProtocolError }> {
  try {
    opened.push(await connectSocket(url, token));
  } catch (error) {
    return error as Error & { data?: ProtocolError };
  }
  throw new Error('the connection was accepted');
}

const liveSockets = (harness: Harness) => harness.server.io.of('/').sockets.size;

describe('socket event budget and socket caps', () => {
  it('20 sockets of one user share one budget, and another user is not slowed', async () => {
    const limits = { burst: 30, eventsPerSecond: 10, socketsPerSession: 8, socketsPerUser: 24 };
    const harness = await serve(limits);
    const flooders = await socketsOf(harness, 'thuky', 20, limits.socketsPerSession);
    const bystander = await harness.connect('daibieu2');

    const started = performance.now();
    const flood = Promise.all(
      flooders.flatMap((s) => Array.from({ length: 40 }, () => ask(s, 'directory:list-users', {}, 10_000))),
    );
    const others = Promise.all([
      ask(bystander.socket, 'session:sync', { cursors: {} }, 10_000),
      ...Array.from({ length: 1 }, () =>
        ask(bystander.socket, 'vote:result', { meetingId: uuidv7(), voteId: uuidv7() }),
      ),
    ]);
    const answers: Ack<unknown>[] = await flood;
    const elapsedSeconds = (performance.now() - started) / 1000;
    const othersAnswers = await others;

    const accepted = answers.filter((a) => a.ok).length;
    const limited = answers.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length;
    console.info(`flood: ${accepted} of ${answers.length} accepted in ${elapsedSeconds.toFixed(2)} s`);
    expect(accepted + limited).toBe(answers.length);
    const cost = eventCost('directory:list-users');
    expect(accepted).toBeGreaterThanOrEqual(Math.floor(limits.burst / cost));
    // One bucket for the user: the burst plus what refills while the flood lasts (+1 for rounding).
    expect(accepted).toBeLessThanOrEqual((limits.burst + limits.eventsPerSecond * elapsedSeconds) / cost + 1);
    expect(othersAnswers[0]).toMatchObject({ ok: true });
    expect(othersAnswers.every((a) => a.ok || a.error.code !== 'RATE_LIMITED')).toBe(true);
  });

  it('charges a snapshot more than a cheap event, so a loop of them is slowed first', async () => {
    const limits = { burst: 100, eventsPerSecond: 10, socketsPerSession: 8, socketsPerUser: 24 };
    const harness = await serve(limits);
    const { socket } = await harness.connect('daibieu1');
    const syncs = await Promise.all(Array.from({ length: 10 }, () => ask(socket, 'session:sync', { cursors: {} })));
    // 100 tokens buy four snapshots (25 each), where they would buy a hundred cheap events.
    expect(syncs.filter((a) => a.ok).length).toBeLessThanOrEqual(5);
    expect(syncs.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(5);
  });

  it('refuses the socket past the per-session cap until one closes', async () => {
    const harness = await serve({ burst: 50, eventsPerSecond: 50, socketsPerSession: 3, socketsPerUser: 24 });
    const { token } = await harness.login('daibieu1');
    const sockets = await Promise.all([1, 2, 3].map(() => connectSocket(harness.server.url, token)));
    opened.push(...sockets);

    const refused = await refusal(harness.server.url, token);
    expect(refused.message).toBe('RATE_LIMITED');
    expect(refused.data).toMatchObject({
      code: 'RATE_LIMITED',
      message: { vi: expect.stringMatching(/kết nối/), en: expect.stringMatching(/connections/) },
    });

    // Another sign-in of the same user has its own session, hence its own places.
    opened.push(await connectSocket(harness.server.url, (await harness.login('daibieu1')).token));

    sockets[0]?.disconnect();
    await waitFor(() => liveSockets(harness) === 3, 3000, 'the server to see the socket close');
    opened.push(await connectSocket(harness.server.url, token));
  });

  it('refuses the socket past the per-user cap, whatever its session', async () => {
    const harness = await serve({ burst: 50, eventsPerSecond: 50, socketsPerSession: 2, socketsPerUser: 3 });
    await socketsOf(harness, 'daibieu1', 3, 2);
    const fresh = (await harness.login('daibieu1')).token;
    const refused = await refusal(harness.server.url, fresh);
    expect(refused.message).toBe('RATE_LIMITED');
    expect(refused.data?.code).toBe('RATE_LIMITED');
    // The cap is the user's, not the server's: someone else still connects.
    opened.push((await harness.connect('daibieu2')).socket);
  });

  it('tells a bad token apart by message and by code, in both languages', async () => {
    const harness = await serve({ burst: 50, eventsPerSecond: 50 });
    const refused = await refusal(harness.server.url, 'forged-token');
    expect(refused.message).toBe('UNAUTHENTICATED');
    expect(refused.data).toEqual({
      code: 'UNAUTHENTICATED',
      message: { vi: ERROR_CATALOGUE.UNAUTHENTICATED.vi, en: ERROR_CATALOGUE.UNAUTHENTICATED.en },
    });
  });
});
