import {
  MessageChangedSchema,
  MessageListResultSchema,
  type Ack,
  type CommandReceipt,
  type Message,
  type MessageState,
  type MessageTopic,
} from '../protocol/index.js';
import type { ClientState, HeldMessage } from './api.js';
import { keepNewer, OvertakingEvents } from './overtaking-events.js';
import type { OutboxEntry } from './store.js';

export interface MessageHost {
  state(): ClientState;
  update(patch: Partial<ClientState>): void;
  /** The outbox as it is now: unsent requests and answers are shown at once. */
  outbox(): readonly OutboxEntry[];
  emit<T>(name: string, payload: unknown): Promise<Ack<T> | null>;
}

export const isMessageCommand = (name: string) => name.startsWith('message:');

/**
 * The user's messages on this device: requests, answers and notices, per meeting, as the
 * server last sent them (`message:list` after every sync, `message:changed` in between), each
 * kept at its highest `rev`, with the outbox laid over them.
 *
 * Kept in memory only, not in the device's store: a message matters during its session, the
 * server lists them again on every sync, and a request's words are one more private thing a
 * lost tablet would not keep. What is typed offline is not lost: the outbox (which the
 * desktop keeps on disk) holds the unsent command, and the view shows it from there.
 */
export class MessageSync {
  /** Per meeting, by id. */
  private held = new Map<string, Map<string, Message>>();
  /**
   * Commands the server has acknowledged whose record has not come back yet: shown until a
   * record of that rev or later arrives, or the next list replaces the meeting's messages.
   */
  private readonly acknowledged = new Map<string, Message>();
  private readonly overtaking = new OvertakingEvents<Message>((m) => m.id);
  /** Whose messages these are: another person signing in on the device starts from nothing. */
  private owner: string | null = null;

  constructor(private readonly host: MessageHost) {}

  /** The view from what the device holds: after any change. */
  refresh(): void {
    this.host.update({ messages: this.view() });
  }

  /** Signed out, or the session expired: nothing of them stays in memory. */
  forget(): void {
    this.held = new Map();
    this.acknowledged.clear();
    this.overtaking.reset();
    this.owner = null;
  }

  /** A `session:sync` is being asked: see `OvertakingEvents.syncAsked`. */
  syncAsked(): void {
    this.overtaking.syncAsked();
  }

  /** After `session:sync`: each meeting's messages as the server lists them now (a meeting gone takes its own along). */
  async synced(meetingIds: readonly string[]): Promise<void> {
    const userId = this.userId();
    if (!userId) return;
    this.own(userId);
    for (const id of this.overtaking.unlisted(this.held.keys(), meetingIds)) this.held.delete(id);
    for (const meetingId of meetingIds) {
      const { answer, arrived } = await this.overtaking.around(meetingId, () =>
        this.host.emit<unknown>('message:list', { meetingId }),
      );
      // No answer: the link closed meanwhile; the next sync asks again.
      if (!answer) break;
      const parsed = answer.ok ? MessageListResultSchema.safeParse(answer.data) : null;
      if (!parsed?.success || this.userId() !== userId) continue;
      this.held.set(meetingId, this.overtaking.merged(parsed.data.messages, arrived));
      for (const m of parsed.data.messages) this.acknowledged.delete(m.id);
    }
    if (this.userId() === userId) this.refresh();
  }

  /** Checked like every answer: a broken or hostile server's event must not reach the state. */
  changed(event: unknown): void {
    const userId = this.userId();
    const parsed = MessageChangedSchema.safeParse(event);
    if (!userId || !parsed.success) return;
    this.own(userId);
    for (const message of parsed.data.messages) {
      let meeting = this.held.get(message.meetingId);
      if (!meeting) this.held.set(message.meetingId, (meeting = new Map()));
      keepNewer(meeting, message.id, message);
      this.overtaking.arrived(message.meetingId, message);
    }
    this.refresh();
  }

  /**
   * The server's answer to a message command: accepted, the device's picture of it is shown
   * until the server's record arrives (it may come a moment after the answer); refused, it
   * is gone (the refusal shows in `rejected`).
   */
  settled(entry: OutboxEntry, answer: Ack<CommandReceipt>): void {
    if (!isMessageCommand(entry.name)) return;
    const state = this.host.state();
    const id = messageIdOf(entry);
    const held = id ? this.find(id) : undefined;
    const next = answer.ok && id ? applyEntry(held, entry, state, (held?.rev ?? 0) + 1) : null;
    if (id && next) this.acknowledged.set(id, next);
    this.refresh();
  }

  /** Per meeting, newest first: what the server sent, what it acknowledged, what waits in the outbox. */
  view(): Record<string, readonly HeldMessage[]> {
    const state = this.host.state();
    const userId = state.user?.id;
    if (!userId) return {};
    // Another person signed in on the device: the last one's messages are none of theirs.
    this.own(userId);
    const shown = new Map<string, HeldMessage>();
    for (const meeting of this.held.values())
      for (const m of meeting.values()) shown.set(m.id, { ...m, pending: false });
    for (const [id, acked] of this.acknowledged) {
      const stored = shown.get(id);
      if (stored && stored.rev >= acked.rev) this.acknowledged.delete(id);
      else shown.set(id, { ...acked, pending: false });
    }
    for (const entry of this.host.outbox()) {
      if (!isMessageCommand(entry.name)) continue;
      const id = messageIdOf(entry);
      const next = id ? applyEntry(shown.get(id), entry, state, shown.get(id)?.rev ?? 0) : null;
      if (id && next) shown.set(id, { ...next, pending: true });
    }
    const byMeeting: Record<string, HeldMessage[]> = {};
    for (const m of shown.values()) if (state.meetings[m.meetingId]) (byMeeting[m.meetingId] ??= []).push(m);
    for (const list of Object.values(byMeeting))
      list.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    return byMeeting;
  }

  private find(id: string): Message | undefined {
    const acked = this.acknowledged.get(id);
    if (acked) return acked;
    for (const meeting of this.held.values()) {
      const m = meeting.get(id);
      if (m) return m;
    }
    return undefined;
  }

  private own(userId: string): void {
    if (this.owner !== userId) this.forget();
    this.owner = userId;
  }

  private userId(): string | null {
    return this.host.state().user?.id ?? null;
  }
}

/** The message a command is about: the one it makes (its command id) or the one it names. */
function messageIdOf(entry: OutboxEntry): string | undefined {
  if (entry.name === 'message:request' || entry.name === 'message:notice') return entry.commandId;
  const id = (entry.payload as { messageId?: unknown }).messageId;
  return typeof id === 'string' ? id : undefined;
}

/** A message after one of the user's commands, as the device believes it until the server says otherwise. */
function applyEntry(held: Message | undefined, entry: OutboxEntry, state: ClientState, rev: number): Message | null {
  const user = state.user;
  if (!user) return null;
  const p = entry.payload as Record<string, unknown>;
  const me = { id: user.id, displayName: user.displayName };
  const fresh = {
    id: entry.commandId,
    meetingId: String(p.meetingId),
    sender: me,
    answer: '',
    answeredBy: null,
    createdAt: entry.createdAt,
    updatedAt: entry.createdAt,
    rev: Math.max(rev, 1),
  };
  switch (entry.name) {
    case 'message:request':
      return {
        ...fresh,
        kind: 'request',
        topic: p.topic as MessageTopic,
        text: String(p.text ?? '').normalize('NFC'),
        recipient: null,
        chairMaySee: p.chairMaySee === true,
        state: 'open',
      };
    case 'message:notice': {
      const to = typeof p.to === 'string' ? p.to : null;
      const name = to
        ? Object.values(state.meetings)
            .flatMap((m) => m.participants)
            .find((x) => x.userId === to)
        : null;
      return {
        ...fresh,
        kind: 'notice',
        topic: null,
        text: String(p.text ?? '').normalize('NFC'),
        recipient: to ? { id: to, displayName: name?.displayName ?? '' } : null,
        chairMaySee: true,
        state: null,
      };
    }
    case 'message:answer':
      if (!held) return null;
      return {
        ...held,
        state: (p.state as MessageState | undefined) ?? held.state,
        answer: typeof p.answer === 'string' ? p.answer.normalize('NFC') : held.answer,
        answeredBy: me,
        rev,
      };
    case 'message:withdraw':
      return held ? { ...held, state: 'withdrawn', rev } : null;
    default:
      return null;
  }
}
