import { uuidv7 } from 'uuidv7';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryClientStore, MeetingClient } from '../../shared/client/index.js';
import type { Ack, MeetingSnapshot, SyncResult } from '../../shared/protocol/index.js';
import { ask, connectSocket, startHarness, waitFor, type Harness, type TestSocket } from '../support/server-harness.js';
import { pause } from '../../shared/client/pause.js';
import { StallProxy } from '../support/stall-proxy.js';
import { joinMeeting } from '../support/vote-fixtures.js';
import { canonicalMeeting, meetingChecksum } from './canonical.js';
import { faultSeed, seeded } from './seeded.js';

let h: Harness | null = null;
let proxy: StallProxy | null = null;
const clients: MeetingClient[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  for (const s of sockets.splice(0)) s.disconnect();
  await proxy?.stop();
  await h?.cleanup();
});

const DROPS = 20;
const SEED = faultSeed(20_261_205);

describe('a tablet whose link drops and comes back 20 times while the secretary edits', () => {
  it('ends with the same meeting as the server, checksum for checksum', { timeout: 240_000 }, async () => {
    console.info(`flapping link: seed ${SEED} (FAULT_SEED=${SEED} replays it)`);
    const random = seeded(SEED);
    const harness = (h = await startHarness());
    const relay = (proxy = new StallProxy(harness.server.port));
    await relay.start();

    // The delegate's tablet reaches the server through the room's Wi-Fi (the relay).
    const options = { ackTimeoutMs: 3000, socketOptions: { transports: ['websocket'] } };
    const tablet = new MeetingClient({ store: new MemoryClientStore(), fetch, ...options });
    clients.push(tablet);
    const signIn = { serverUrl: relay.url, username: 'daibieu1', password: harness.account('daibieu1').password };
    expect((await tablet.login(signIn)).ok).toBe(true);
    await waitFor(() => tablet.getState().connection === 'online', 10_000, 'the tablet online');
    const userId = tablet.getState().user?.id ?? '';
    let returns = 0;
    let last = tablet.getState().connection;
    tablet.subscribe((state) => {
      if (state.connection === 'online' && last !== 'online') returns++;
      last = state.connection;
    });

    const secretary = await joinMeeting(harness, 'thuky');
    sockets.push(secretary.socket);
    const meetingId = secretary.meeting.id;
    const db = harness.server.store.db;
    const others = await db
      .selectFrom('participants')
      .select('user_id')
      .where('meeting_id', '=', meetingId)
      .where('role', 'in', ['delegate', 'chair'])
      .where('user_id', '!=', userId)
      .execute();

    const refusals: string[] = [];
    /** One edit of the secretary's, made on what the server holds now (as the console shows it). */
    const edit = async (): Promise<Ack<unknown>> => {
      const agenda = await db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId).execute();
      const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
      const item = agenda.length > 0 ? random.pick(agenda) : null;
      const topLevel = agenda.filter((i) => i.parent_id === null);
      const base = { commandId: uuidv7(), meetingId };
      const kind = random.int(10);
      let answer: Ack<unknown>;
      if (kind < 3 || !item) {
        const parent = topLevel.length > 0 && random.chance(0.4) ? random.pick(topLevel).id : null;
        answer = await ask(secretary.socket, 'agenda:add-item', {
          ...base,
          itemId: uuidv7(),
          parentId: parent,
          ...(random.chance(0.5) ? { index: random.int(4) } : {}),
          title: `Mục ${random.int(1000)}: báo cáo của Sở Tài chính`,
          presenter: random.pick(['', 'Chủ tịch UBND', 'Giám đốc Sở Kế hoạch']),
          plannedMinutes: random.int(60),
        });
      } else if (kind < 5) {
        answer = await ask(secretary.socket, 'agenda:update-item', {
          ...base,
          itemId: item.id,
          baseVersion: item.version,
          ...(random.chance(0.7) ? { title: `Sửa lần ${random.int(1000)}` } : {}),
          presenter: random.pick(['', 'Phó Chủ tịch', 'Thư ký kỳ họp']),
          ...(random.chance(0.5) ? { plannedMinutes: random.int(90) } : {}),
        });
      } else if (kind < 7) {
        const parent = random.chance(0.5) || topLevel.length === 0 ? null : random.pick(topLevel).id;
        answer = await ask(secretary.socket, 'agenda:move-item', {
          ...base,
          itemId: item.id,
          parentId: parent,
          index: random.int(5),
        });
      } else if (kind < 8 && agenda.length > 3) {
        answer = await ask(secretary.socket, 'agenda:remove-item', {
          ...base,
          itemId: item.id,
          baseVersion: item.version,
        });
      } else if (kind < 9) {
        answer = await ask(secretary.socket, 'meeting:update', {
          ...base,
          baseVersion: meeting.version,
          ...(random.chance(0.5) ? { title: `Kỳ họp thứ ${random.int(30)} HĐND thành phố` } : {}),
          place: random.pick(['Hội trường A', 'Phòng họp số 2', 'Hội trường UBND']),
        });
      } else {
        const who = random.pick(others).user_id;
        const event = random.chance(0.5) ? 'attendance:check-in' : 'attendance:check-out';
        answer = await ask(secretary.socket, event, { ...base, userId: who });
      }
      // A move under a too-deep parent is a rule's refusal: it changes nothing either.
      if (!answer.ok) refusals.push(answer.error.code);
      return answer;
    };

    /** Cuts the tablet's link: its TCP connection (the Wi-Fi), or the server's end of the transport. */
    const cut = (how: 'wifi' | 'server') => {
      if (how === 'wifi') {
        relay.dropAll();
        return;
      }
      for (const socket of harness.server.io.of('/').sockets.values()) {
        if (socket.data.userId === userId) socket.conn.close();
      }
    };
    /**
     * Cuts the link as the next batch of changes leaves for the tablet, and that batch is
     * lost: in the relay (the Wi-Fi), or as the server's end queues it (discarded unsent).
     */
    const cutInFlight = (how: 'wifi' | 'server'): Promise<void> => {
      if (how === 'wifi') return relay.cutOnNext('"meeting:changes"');
      return new Promise((done) => {
        for (const socket of harness.server.io.of('/').sockets.values()) {
          if (socket.data.userId !== userId) continue;
          const conn = socket.conn;
          const watch = (packet: { data?: unknown }) => {
            if (typeof packet.data !== 'string' || !packet.data.includes('"meeting:changes"')) return;
            conn.off('packetCreate', watch);
            conn.close(true);
            done();
          };
          conn.on('packetCreate', watch);
        }
      });
    };

    let fresh: string | null = null;
    /** A new socket of the same person asks for a snapshot: what the server holds now. */
    const serverView = async (): Promise<MeetingSnapshot> => {
      fresh ??= (await harness.login('daibieu1')).token;
      const socket = await connectSocket(harness.server.url, fresh);
      try {
        const answer = await ask<SyncResult>(socket, 'session:sync', { cursors: {} });
        if (!answer.ok) throw new Error(`sync refused: ${answer.error.code}`);
        const update = answer.data.updates.find((u) => u.meetingId === meetingId);
        if (update?.kind !== 'snapshot') throw new Error('no snapshot of the meeting');
        return update.snapshot;
      } finally {
        socket.disconnect();
      }
    };
    const converged = async (label: string) => {
      const seq = async () =>
        (await db.selectFrom('meetings').select('seq').where('id', '=', meetingId).executeTakeFirstOrThrow()).seq;
      const target = await seq();
      await waitFor(
        () => tablet.getState().connection === 'online' && tablet.getState().meetings[meetingId]?.seq === target,
        20_000,
        `${label}: the tablet at seq ${target}`,
      );
      const server = await serverView();
      const held = tablet.getState().meetings[meetingId];
      if (!held) throw new Error('the tablet lost the meeting');
      expect(canonicalMeeting(held), label).toEqual(canonicalMeeting(server));
      expect(meetingChecksum(held), label).toBe(meetingChecksum(server));
    };

    let edits = 0;
    for (let drop = 1; drop <= DROPS; drop++) {
      // Edits while the link is up; the cut lands while the last one's change is on its way.
      for (let n = 1 + random.int(3); n > 0; n--, edits++) await edit();
      let cutDone = false;
      const lost = cutInFlight(drop % 2 === 0 ? 'server' : 'wifi').then(() => (cutDone = true));
      // Edit until one sends a change (a refused or empty edit sends none) and the link goes with it.
      for (let tries = 0; !cutDone; tries++) {
        if (tries > 20) throw new Error(`drop ${drop}: no change to cut`);
        edits++;
        await edit();
        await Promise.race([lost, pause(500)]);
      }
      await waitFor(() => tablet.getState().connection !== 'online', 5000, `drop ${drop}: the tablet offline`);
      // Edits the tablet misses while it is away.
      for (let n = random.int(4); n > 0; n--, edits++) await edit();
      await waitFor(() => tablet.getState().connection === 'online', 20_000, `drop ${drop}: the tablet back`);
      // Now and then the link drops again at once, while the tablet is catching up.
      if (drop % 5 === 3) {
        const racing = edit();
        edits++;
        cut('wifi');
        await racing;
        await waitFor(() => tablet.getState().connection !== 'online', 5000, `drop ${drop}: offline again`);
        await waitFor(
          () => tablet.getState().connection === 'online',
          20_000,
          `drop ${drop}: back after the second cut`,
        );
      }
      if (drop % 5 === 0) await converged(`after drop ${drop}`);
    }
    await converged('at the end');
    // Each cut was a real drop the tablet came back from (and the second cuts besides).
    expect(returns).toBeGreaterThanOrEqual(DROPS + DROPS / 5);
    // Most edits went through: the test compared a meeting that really changed.
    expect(refusals.length, refusals.join(', ')).toBeLessThan(edits / 3);
    expect(refusals.filter((code) => code !== 'CONFLICT' && code !== 'STALE_EDIT')).toEqual([]);
  });
});
