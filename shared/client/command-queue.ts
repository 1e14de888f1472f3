import { uuidv7 } from 'uuidv7';
import { protocolError, type Ack, type CommandName, type CommandReceipt } from '../protocol/index.js';
import type { ClientState, CommandInput } from './api.js';
import { ballotKeyFor, forgetSpentBallotKeys } from './ballot-keys.js';
import { BOOKKEEPING_COMMANDS, OutboxSender, pendingWork, refusalOf } from './outbox-sender.js';
import type { SocketLink } from './socket-link.js';
import type { ClientStore, MeetingState, OutboxEntry } from './store.js';

export interface CommandQueueHost {
  state(): ClientState;
  update(patch: Partial<ClientState>): void;
  now(): Date;
  /** The meetings were synced over the current connection: only then do queued commands go. */
  synced(): boolean;
  /** A command was queued: the parts that show it before the server answers. */
  queued(name: CommandName): void;
  /** The server's verdict on a queued command, for those parts. */
  settled(entry: OutboxEntry, answer: Ack<CommandReceipt>): void;
  saveMeetingState(meeting: MeetingState): void;
}

const MAX_REJECTED_KEPT = 20;

/**
 * The core's outbox: commands queued in the store (offline too), sent once the meetings are
 * synced, and each sender answered with the server's verdict; the refused ones are kept for
 * the UI to show.
 */
export class CommandQueue {
  private readonly waiters = new Map<string, (answer: Ack<CommandReceipt>) => void>();
  private readonly outbox: OutboxSender;

  constructor(
    private readonly store: ClientStore,
    link: SocketLink,
    private readonly host: CommandQueueHost,
  ) {
    this.outbox = new OutboxSender(this.store, {
      connected: () => link.connected,
      emit: (name, payload) => link.emit<CommandReceipt>(name, payload),
      settled: (entry, answer) => this.settled(entry, answer),
    });
  }

  send<N extends CommandName>(name: N, payload: CommandInput<N>): Promise<Ack<CommandReceipt>> {
    const session = this.store.loadSession();
    if (!session) return Promise.resolve({ ok: false, error: protocolError('UNAUTHENTICATED') });
    const commandId = payload.commandId ?? uuidv7();
    const body: OutboxEntry['payload'] = { ...(payload as Record<string, unknown>), commandId };
    if (name === 'vote:cast') body.ballotKey = ballotKeyFor(this.store, session.user.id, String(body.voteId));
    const entry: OutboxEntry = { commandId, name, payload: body, createdAt: this.host.now().toISOString() };
    const answer = new Promise<Ack<CommandReceipt>>((resolve) => this.waiters.set(commandId, resolve));
    this.store.addToOutbox(entry);
    this.host.update({ pendingCommands: pendingWork(this.store.listOutbox()) });
    // Drawn or typed, it shows at once, online or not.
    this.host.queued(name);
    void this.flush();
    return answer;
  }

  async dismissRejected(commandId: string): Promise<void> {
    if (!this.host.state().rejected.some((r) => r.commandId === commandId)) return;
    this.host.update({ rejected: this.host.state().rejected.filter((r) => r.commandId !== commandId) });
  }

  flush(): Promise<void> {
    return this.host.synced() ? this.outbox.flush() : Promise.resolve();
  }

  /** Every sender still waiting is told the session ended. */
  dropWaiters(): void {
    for (const resolve of this.waiters.values()) resolve({ ok: false, error: protocolError('UNAUTHENTICATED') });
    this.waiters.clear();
  }

  /** The server's verdict on a queued command: tell the UI and whoever awaits it. */
  private settled(entry: OutboxEntry, answer: Ack<CommandReceipt>): void {
    if (answer.ok && entry.name === 'vote:cast')
      this.recordOwnBallot(answer.data.meetingId, String(entry.payload.voteId));
    const rejected =
      answer.ok || BOOKKEEPING_COMMANDS.has(entry.name)
        ? this.host.state().rejected
        : [...this.host.state().rejected, { ...refusalOf(entry), error: answer.error }].slice(-MAX_REJECTED_KEPT);
    this.host.update({ pendingCommands: pendingWork(this.store.listOutbox()), rejected });
    this.host.settled(entry, answer);
    const resolve = this.waiters.get(entry.commandId);
    this.waiters.delete(entry.commandId);
    resolve?.(answer);
    if (entry.name === 'vote:cast') forgetSpentBallotKeys(this.store, Object.values(this.host.state().meetings));
  }

  /** A secret ballot is never announced with its voter, so the voter's own ack says it. */
  private recordOwnBallot(meetingId: string, voteId: string): void {
    const held = this.host.state().meetings[meetingId];
    if (!held || held.myBallots.includes(voteId)) return;
    this.host.saveMeetingState({ ...held, myBallots: [...held.myBallots, voteId] });
  }
}
