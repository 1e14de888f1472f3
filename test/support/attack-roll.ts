import { isDeepStrictEqual } from 'node:util';
import { applyChanges } from '../../shared/client/apply-change.js';
import type { MeetingClient, MeetingState } from '../../shared/client/index.js';
import type { Change, ChangeBatch, MeetingSnapshot } from '../../shared/protocol/index.js';
import { meetingSnapshot } from '../../server/meetings/meeting-queries.js';
import { changesSince } from '../../server/sync/change-log.js';
import type { RunningServer } from '../../server/app.js';
import type { DelegateCrowd } from '../simulator/crowd.js';
import { ROOMY_LIMITS, comparableMeeting, meetingSeq } from './attack-batching.js';
import { roomySecondNode } from './attack-load.js';
import { collect, startHarness, waitFor, type Harness, type TestSocket } from './server-harness.js';
import { tablet } from './tablet.js';

/**
 * What the attack-roll tests share: the `meeting:changes` a socket receives with their bytes
 * on the wire, the stored log to hold each `attendance:roll` against, and a verdict of where
 * the room's devices ended up beside the database.
 */

export type Attendance = Extract<Change, { type: 'attendance:checked-in' | 'attendance:checked-out' }>;
export type Roll = Extract<Change, { type: 'attendance:roll' }>;

export const isAttendance = (c: Change): c is Attendance =>
  c.type === 'attendance:checked-in' || c.type === 'attendance:checked-out';
export const isRoll = (c: Change): c is Roll => c.type === 'attendance:roll';

/** Every `meeting:changes` batch a socket receives from now on, and the bytes of their frames as sent. */
export function tapChanges(socket: TestSocket): { batches: ChangeBatch[]; bytes: () => number } {
  const batches = collect<ChangeBatch>(socket, 'meeting:changes');
  let bytes = 0;
  // The engine's messages are the Socket.IO packets as they came off the WebSocket (no compression).
  socket.io.engine.on('message', (data: unknown) => {
    if (typeof data === 'string' && data.includes('"meeting:changes"')) bytes += Buffer.byteLength(data);
  });
  return { batches, bytes: () => bytes };
}

/**
 * Waits (10 s at most, without failing: the verdicts say what is wrong) until a batch carrying
 * `seq` has come.
 */
export function tapReached(tap: { batches: readonly ChangeBatch[] }, seq: number): Promise<void> {
  const reached = () => tap.batches.some((b) => b.changes.some((c) => c.seq === seq));
  return waitFor(reached, 10_000, `a batch with seq ${seq}`).catch(() => {});
}

/** The meeting's stored log after `sinceSeq`, whole (nothing compacted). */
export function storedLog(h: Pick<Harness, 'server'>, meetingId: string, sinceSeq: number): Promise<Change[]> {
  return changesSince(h.server.store.db, meetingId, sinceSeq, 1_000_000);
}

/** The JSON size of changes, as each would be sent on its own. */
/** Equal as JSON: in any key order, with undefined fields as absent (as they travel). */
export const sameJson = (a: unknown, b: unknown): boolean =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));

export const jsonBytes = (changes: readonly Change[]): number =>
  changes.reduce((n, c) => n + Buffer.byteLength(JSON.stringify(c)), 0);

/**
 * Every way the batches a socket received differ from the stored log: a roll must name each
 * user whose attendance changed in its run exactly once, as the run's last change of them
 * left them, and nobody else (nobody who only voted, nobody of another run), and carry the
 * seq, time, actor and command id of the stored attendance row at its seq (never those of
 * a ballot). Every other change must be the stored row at its seq (a ballot count may list
 * the voters of counts left out).
 */
export function rollsAgainstLog(batches: readonly ChangeBatch[], log: readonly Change[]): string[] {
  const bySeq = new Map(log.map((c) => [c.seq, c]));
  const wrong: string[] = [];
  for (const batch of batches) {
    let runStart = batch.sinceSeq;
    for (const sent of batch.changes) {
      const stored = bySeq.get(sent.seq);
      if (!stored) continue; // before the log was read from (the test's set-up)
      if (sent.type === 'participant:set' || sent.type === 'participant:removed') runStart = sent.seq;
      if (!isRoll(sent)) {
        const plain = (c: Change) =>
          c.type === 'vote:ballot-counted' ? { ...c, data: { ...c.data, voterIds: [] } } : c;
        if (!sameJson(plain(sent), plain(stored))) wrong.push(`seq ${sent.seq}: not as stored`);
        continue;
      }
      const { meetingId, seq, at, actorId, commandId } = stored;
      const borrowed = {
        meetingId: sent.meetingId,
        seq: sent.seq,
        at: sent.at,
        actorId: sent.actorId,
        commandId: sent.commandId,
      };
      if (!isAttendance(stored) || !sameJson(borrowed, { meetingId, seq, at, actorId, commandId })) {
        wrong.push(`roll at ${sent.seq}: not the attendance row stored there (${stored.type})`);
      }
      const last = new Map<string, boolean>();
      for (const c of log) {
        if (c.seq > runStart && c.seq <= sent.seq && isAttendance(c))
          last.set(c.data.participant.userId, c.type === 'attendance:checked-in');
      }
      const want = (present: boolean) =>
        [...last]
          .filter(([, p]) => p === present)
          .map(([id]) => id)
          .sort();
      const got = { checkedIn: [...sent.data.checkedIn].sort(), checkedOut: [...sent.data.checkedOut].sort() };
      if (JSON.stringify(got) !== JSON.stringify({ checkedIn: want(true), checkedOut: want(false) }))
        wrong.push(`roll at ${sent.seq} (run after ${runStart}): ${JSON.stringify(got)}`);
      runStart = sent.seq;
    }
  }
  return wrong;
}

/**
 * The stored log after `start`, once every tap has had its batch of the log's last seq (or
 * 10 s), and everything the taps' batches say that the log does not (see rollsAgainstLog).
 */
export async function tapsVersusLog(
  h: Pick<Harness, 'server'>,
  meetingId: string,
  start: number,
  taps: ReadonlyArray<{ batches: readonly ChangeBatch[] }>,
): Promise<{ log: Change[]; wrong: string[] }> {
  const log = await storedLog(h, meetingId, start);
  const end = log.at(-1)?.seq ?? start;
  const wrong: string[] = [];
  for (const tap of taps) {
    await tapReached(tap, end);
    wrong.push(...rollsAgainstLog(tap.batches, log));
  }
  return { log, wrong };
}

/** The state a tab reaches applying these batches in order from `held`; null at a gap it must catch up over. */
export function foldBatches(held: MeetingState, batches: readonly ChangeBatch[], userId: string): MeetingState | null {
  let state: MeetingState | null = held;
  for (const batch of batches) {
    state = applyChanges(state, batch.sinceSeq, batch.changes, userId);
    if (!state) return null;
  }
  return state;
}

/** A device of the room: the product's client core, signed in as `userId`. */
export interface RoomDevice {
  name: string;
  client: MeetingClient;
  userId: string;
}

/**
 * A server (and a second node on its PostgreSQL, if asked) with a roomy event budget, and
 * what a test opens on it: client cores, sockets, a crowd. `close()` ends them all.
 */
export class RollRig {
  readonly clients: MeetingClient[] = [];
  readonly sockets: TestSocket[] = [];
  crowd: DelegateCrowd | undefined;

  private constructor(
    readonly h: Harness,
    readonly second: RunningServer | undefined,
  ) {}

  static async open(nodes: 1 | 2 = 1): Promise<RollRig> {
    const h = await startHarness(ROOMY_LIMITS);
    return new RollRig(h, nodes === 2 ? await roomySecondNode(h) : undefined);
  }

  /** A device of the room on the product's client core, signed in on `node` (the first unless said). */
  async device(username: string, node: RunningServer = this.h.server): Promise<RoomDevice> {
    const t = tablet({ server: node, account: (u) => this.h.account(u) }, this.clients);
    return { name: `${username}@${node.url.slice(-5)}`, client: t.client, userId: await t.signIn(username) };
  }

  async close(): Promise<void> {
    for (const c of this.clients.splice(0)) c.stop();
    for (const s of this.sockets.splice(0)) s.disconnect();
    this.crowd?.disconnect();
    this.crowd = undefined;
    await this.second?.close();
    await this.h.cleanup();
  }
}

/**
 * Waits for every device to reach the server's seq, then says where any differs from what
 * the database holds for its user (an empty list: the whole room is where the database is).
 */
export async function roomVersusDatabase(
  h: Pick<Harness, 'server'>,
  meetingId: string,
  devices: readonly RoomDevice[],
  timeoutMs = 15_000,
): Promise<string[]> {
  const seq = await meetingSeq(h, meetingId);
  const seqOf = (d: RoomDevice) => d.client.getState().meetings[meetingId]?.seq ?? -1;
  await waitFor(() => devices.every((d) => seqOf(d) === seq), timeoutMs, `the room at seq ${seq}`).catch(() => {});
  const off: string[] = [];
  for (const d of devices) {
    const mine = d.client.getState().meetings[meetingId];
    const truth = (await meetingSnapshot(h.server.store.db, meetingId, d.userId)) as MeetingSnapshot;
    if (!mine) off.push(`${d.name}: no meeting`);
    else if (!sameJson(comparableMeeting(mine), comparableMeeting(truth)))
      off.push(`${d.name}: holds seq ${mine.seq} (server ${seq}), ${differences(mine, truth).join('; ')}`);
  }
  return off;
}

/** The participants (and seq) where a state and a snapshot disagree, said briefly. */
export function differences(mine: MeetingSnapshot, truth: MeetingSnapshot): string[] {
  const out = mine.seq === truth.seq ? [] : [`seq ${mine.seq} ≠ ${truth.seq}`];
  const held = new Map(mine.participants.map((p) => [p.userId, p]));
  for (const p of truth.participants) {
    const q = held.get(p.userId);
    if (!q) out.push(`${p.displayName} missing`);
    else if (q.present !== p.present || q.role !== p.role) out.push(`${p.displayName} ${q.role}/${q.present}`);
    held.delete(p.userId);
  }
  for (const q of held.values()) out.push(`${q.displayName} held but removed`);
  return out.length > 0 ? out : ['other fields'];
}

/** A snapshot as the state a client core keeps of it. */
export const asState = (snapshot: MeetingSnapshot, myRole: MeetingState['myRole']): MeetingState => ({
  ...snapshot,
  myRole,
});
