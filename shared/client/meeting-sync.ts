import { RETRYABLE_ERRORS, type ChangeBatch, type MeetingUpdate, type RequestResult } from '../protocol/index.js';
import type { ClientState } from './api.js';
import { applyChanges, applySync, applyUpdate } from './apply-change.js';
import { forgetSpentBallotKeys } from './ballot-keys.js';
import { CatchUps } from './catch-up.js';
import { RETRY_FIRST_MS } from './outbox-sender.js';
import { pause } from './pause.js';
import { clockOffset } from './server-clock.js';
import type { SocketLink } from './socket-link.js';
import type { ClientStore, MeetingState } from './store.js';

export interface MeetingSyncHost {
  state(): ClientState;
  update(patch: Partial<ClientState>): void;
  now(): Date;
  /** The server refused the session's token while syncing. */
  sessionExpired(): void;
  /** A sync is about to be asked: events from now on may be newer than its snapshot. */
  syncAsked(): void;
  /** A sync was answered: the outbox and the parts that follow the meetings go on from here. */
  synced(meetingIds: string[]): void;
  /** One meeting's state changed (the documents follow it). */
  meetingChanged(meeting: MeetingState): void;
}

/**
 * The core's sync engine: the meetings the user may see kept in step with the server, by one
 * `session:sync` round trip on (re)connecting and the change log's batches after it, with a
 * catch-up where a batch leaves a gap.
 */
export class MeetingSync {
  /** The meetings were synced over the current connection: the outbox waits for it. */
  synced = false;
  private resyncWanted = false;
  private syncing = false;
  private readonly catchUps = new CatchUps((meetingId) => this.catchUpOnce(meetingId));

  constructor(
    private readonly store: ClientStore,
    private readonly link: SocketLink,
    private readonly host: MeetingSyncHost,
  ) {}

  /** Brings every visible meeting up to date in one round trip; drops those no longer visible. */
  async sync(): Promise<void> {
    if (this.syncing) {
      this.resyncWanted = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.resyncWanted = false;
        const cursors = Object.fromEntries(Object.values(this.host.state().meetings).map((m) => [m.meeting.id, m.seq]));
        const asked = this.host.now().getTime();
        this.host.syncAsked();
        const answer = await this.link.emit<RequestResult<'session:sync'>>('session:sync', { cursors });
        if (!answer) {
          // No answer in time on a live link (a busy server, a stalled network): ask again,
          // or the socket would stay connected and never synced, and nothing queued be sent.
          if (!this.link.connected) return;
          await pause(RETRY_FIRST_MS);
          this.resyncWanted = true;
          continue;
        }
        if (!answer.ok) {
          if (answer.error.code === 'UNAUTHENTICATED') this.host.sessionExpired();
          // A snapshot costs the budget of many events: after a burst of them, wait and ask
          // again, or the outbox (which waits for the sync) would never be sent.
          else if (RETRYABLE_ERRORS.has(answer.error.code) && this.link.connected) {
            await pause(RETRY_FIRST_MS);
            this.resyncWanted = true;
            continue;
          }
          return;
        }
        const meetings = applySync(this.host.state().meetings, answer.data, this.host.state().user?.id);
        for (const id of Object.keys(this.host.state().meetings)) {
          if (!meetings[id]) this.store.deleteMeeting(id);
        }
        for (const m of Object.values(meetings)) this.store.saveMeeting(m);
        this.synced = true;
        const answered = this.host.now();
        this.host.update({
          meetings,
          connection: 'online',
          lastSyncAt: answered.toISOString(),
          clockOffsetMs: clockOffset(answer.data.serverTime, asked, answered.getTime()),
        });
        forgetSpentBallotKeys(this.store, Object.values(this.host.state().meetings));
        this.host.synced(Object.keys(meetings));
      } while (this.resyncWanted);
    } finally {
      this.syncing = false;
    }
  }

  onChanges(batch: ChangeBatch): void {
    const held = this.host.state().meetings[batch.meetingId];
    if (!held) {
      void this.sync();
      return;
    }
    const next = applyChanges(held, batch.sinceSeq, batch.changes, this.host.state().user?.id);
    if (!next) void this.catchUps.run(batch.meetingId);
    else if (next !== held) this.saveMeetingState(next);
  }

  /** One catch-up of a meeting; false when it could not be asked or answered. */
  private async catchUpOnce(meetingId: string): Promise<boolean> {
    const held = this.host.state().meetings[meetingId];
    if (!held) return false;
    const answer = await this.link.emit<MeetingUpdate>('meeting:catch-up', { meetingId, sinceSeq: held.seq });
    if (!answer?.ok) return false;
    const current = this.host.state().meetings[meetingId];
    const next = applyUpdate(current, answer.data, false, this.host.state().user?.id);
    if (next && next !== current) this.saveMeetingState(next);
    return true;
  }

  /** Keeps one meeting's new state, in the store and on screen. */
  saveMeetingState(meeting: MeetingState): void {
    this.store.saveMeeting(meeting);
    this.host.update({
      meetings: { ...this.host.state().meetings, [meeting.meeting.id]: meeting },
      lastSyncAt: this.host.now().toISOString(),
    });
    forgetSpentBallotKeys(this.store, Object.values(this.host.state().meetings));
    this.host.meetingChanged(meeting);
  }
}
