import { RETRYABLE_ERRORS, type Ack, type CommandName, type CommandReceipt } from '../protocol/index.js';
import type { RejectedCommand } from './api.js';
import { chainedEdits } from './edit-chain.js';
import { pause } from './pause.js';
import type { ClientStore, OutboxEntry } from './store.js';

/** A command answered with no verdict (server error, rate limit) is sent again after this, doubling. */
export const RETRY_FIRST_MS = 1000;
export const RETRY_MAX_MS = 30_000;

export interface OutboxLink {
  connected(): boolean;
  /** Emits and waits for the acknowledgement; null when none came in time. */
  emit(name: string, payload: unknown): Promise<Ack<CommandReceipt> | null>;
  /** The server gave its verdict on a queued command: it has left the outbox. */
  settled(entry: OutboxEntry, answer: Ack<CommandReceipt>): void;
}

/**
 * Sends queued commands one at a time, in order, and stops when the link is lost. An answer
 * that is no verdict on the command (RETRYABLE_ERRORS) leaves it queued: it may even have
 * been applied, and its id makes sending it again safe. It is sent again after a pause that
 * doubles up to half a minute. UNAUTHENTICATED keeps the queue for the next sign-in.
 */
export class OutboxSender {
  private sending = false;

  constructor(
    private readonly store: ClientStore,
    private readonly link: OutboxLink,
  ) {}

  async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    let retryMs = RETRY_FIRST_MS;
    try {
      for (;;) {
        const entry = this.store.listOutbox()[0];
        if (!entry || !this.link.connected()) break;
        const answer = await this.link.emit(entry.name, entry.payload);
        if (!answer) {
          if (this.link.connected()) continue; // slow server: the same id is safe to resend
          break;
        }
        if (!answer.ok && answer.error.code === 'UNAUTHENTICATED') break;
        if (!answer.ok && RETRYABLE_ERRORS.has(answer.error.code)) {
          await pause(retryMs * (0.75 + Math.random() / 2));
          retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
          continue;
        }
        retryMs = RETRY_FIRST_MS;
        this.store.removeFromOutbox(entry.commandId);
        if (answer.ok) {
          for (const next of chainedEdits(this.store.listOutbox(), entry)) {
            this.store.reviseOutbox(next.commandId, next.payload);
          }
        }
        this.link.settled(entry, answer);
      }
    } finally {
      this.sending = false;
    }
  }
}

/**
 * Commands the client sends on its own — the reader telling the server a paper was opened —
 * not work of the user's: neither counted among the changes waiting to be sent nor shown when
 * the server refuses one (a paper withdrawn before the tablet came back online).
 */
export const BOOKKEEPING_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>(['document:opened']);

/** The user's own commands still waiting in the outbox. */
export function pendingWork(outbox: readonly OutboxEntry[]): number {
  return outbox.filter((entry) => !BOOKKEEPING_COMMANDS.has(entry.name)).length;
}

/**
 * What the UI keeps of a refused queued command: its payload too, so that text typed offline
 * and refused (a stale edit) can be shown and put back. A ballot keeps only which vote it was
 * for: its choice is the voter's alone, also on a tablet the next person will use.
 */
export function refusalOf(entry: OutboxEntry): Omit<RejectedCommand, 'error'> {
  const payload =
    entry.name === 'vote:cast' ? { meetingId: entry.payload.meetingId, voteId: entry.payload.voteId } : entry.payload;
  return { commandId: entry.commandId, name: entry.name, payload };
}
