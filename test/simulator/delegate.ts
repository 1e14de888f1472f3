import { uuidv7 } from 'uuidv7';
import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import type { Ack, Change, CommandReceipt } from '../../shared/protocol/index.js';
import { ask, connectSocket, syncAll, type TestSocket } from '../support/server-harness.js';
import type { SignedIn } from './accounts.js';
import { onChanges } from './changes.js';

/** Acknowledgements under a load of hundreds of sockets on two cores may take seconds. */
const ACK_TIMEOUT_MS = 60_000;

/**
 * One simulated delegate: a signed-in account on its own Socket.IO connection (WebSocket,
 * as the desktop and a tablet connect), joined to the meeting by `session:sync`, keeping the
 * meeting's sequence number from the changes it receives.
 */
export class SimDelegate {
  /** The highest sequence number received of the meeting. */
  seq = 0;
  private readonly stop: () => void;

  private constructor(
    readonly account: SignedIn,
    readonly socket: TestSocket,
    readonly meetingId: string,
  ) {
    this.stop = onChanges(socket, (changes) => this.receive(changes));
  }

  /** Connects with the session token and joins every meeting the delegate may see (the first is the room's). */
  static async join(url: string, account: SignedIn): Promise<SimDelegate> {
    const socket = await connectSocket(url, account.token);
    try {
      const { meetings } = await syncAll(socket);
      const meeting = meetings[0];
      if (!meeting) throw new Error(`${account.username} sees no meeting`);
      const delegate = new SimDelegate(account, socket, meeting.id);
      delegate.seq = meeting.seq;
      return delegate;
    } catch (error) {
      socket.disconnect();
      throw error;
    }
  }

  checkIn(): Promise<Ack<CommandReceipt>> {
    return this.command('attendance:check-in', { userId: this.account.userId });
  }

  checkOut(): Promise<Ack<CommandReceipt>> {
    return this.command('attendance:check-out', { userId: this.account.userId });
  }

  /** A ballot with a fresh ballot key, as the client core makes one for each vote. */
  cast(voteId: string, choices: string[]): Promise<Ack<CommandReceipt>> {
    return this.command('vote:cast', { voteId, ballotKey: makeBallotKey(), choices });
  }

  leave(): void {
    this.stop();
    this.socket.disconnect();
  }

  private command(event: string, payload: Record<string, unknown>): Promise<Ack<CommandReceipt>> {
    return ask(this.socket, event, { commandId: uuidv7(), meetingId: this.meetingId, ...payload }, ACK_TIMEOUT_MS);
  }

  private receive(changes: Change[]): void {
    for (const change of changes)
      if (change.meetingId === this.meetingId && change.seq > this.seq) this.seq = change.seq;
  }
}
