import {
  InvitationChangedSchema,
  InvitationListResultSchema,
  type Ack,
  type CommandReceipt,
  type Invitation,
} from '../protocol/index.js';
import type { ClientState } from './api.js';
import { keepNewer, OvertakingEvents } from './overtaking-events.js';
import type { OutboxEntry } from './store.js';

export interface InvitationHost {
  state(): ClientState;
  update(patch: Partial<ClientState>): void;
  emit<T>(name: string, payload: unknown): Promise<Ack<T> | null>;
}

/**
 * The invitations this user may see, per meeting (their own; every one for a secretary or the
 * chair), as the server last sent them: `invitation:list` after every sync and after the
 * user's own reply, `invitation:changed` in between, each kept at its highest `rev`.
 *
 * In memory only, like messages: the server lists them again on every sync, and a reason for
 * an absence is one more private thing a lost tablet would not keep.
 */
export class InvitationSync {
  /** Per meeting, by user id. */
  private held = new Map<string, Map<string, Invitation>>();
  private readonly overtaking = new OvertakingEvents<Invitation>((i) => i.userId);
  private owner: string | null = null;

  constructor(private readonly host: InvitationHost) {}

  forget(): void {
    this.held = new Map();
    this.overtaking.reset();
    this.owner = null;
  }

  /** A `session:sync` is being asked: see `OvertakingEvents.syncAsked`. */
  syncAsked(): void {
    this.overtaking.syncAsked();
  }

  /** After `session:sync`: each meeting's invitations as the server lists them now. */
  async synced(meetingIds: readonly string[]): Promise<void> {
    const userId = this.host.state().user?.id;
    if (!userId) return;
    this.own(userId);
    for (const id of this.overtaking.unlisted(this.held.keys(), meetingIds)) this.held.delete(id);
    for (const meetingId of meetingIds) if (!(await this.list(meetingId, userId))) break;
    this.refresh();
  }

  /** Checked like every answer: a broken or hostile server's event must not reach the state. */
  changed(event: unknown): void {
    const userId = this.host.state().user?.id;
    const parsed = InvitationChangedSchema.safeParse(event);
    if (!userId || !parsed.success) return;
    this.own(userId);
    for (const invitation of parsed.data.invitations) {
      let meeting = this.held.get(invitation.meetingId);
      if (!meeting) this.held.set(invitation.meetingId, (meeting = new Map()));
      keepNewer(meeting, invitation.userId, invitation);
      this.overtaking.arrived(invitation.meetingId, invitation);
    }
    this.refresh();
  }

  /** The user's own reply answered: asked again, so the device does not wait on the event alone. */
  settled(entry: OutboxEntry, answer: Ack<CommandReceipt>): void {
    const userId = this.host.state().user?.id;
    if (entry.name !== 'invitation:reply' || !answer.ok || !userId) return;
    void this.list(answer.data.meetingId, userId).then(() => this.refresh());
  }

  private async list(meetingId: string, userId: string): Promise<boolean> {
    const { answer, arrived } = await this.overtaking.around(meetingId, () =>
      this.host.emit<unknown>('invitation:list', { meetingId }),
    );
    // No answer: the link closed meanwhile; the next sync asks again.
    if (!answer) return false;
    const parsed = answer.ok ? InvitationListResultSchema.safeParse(answer.data) : null;
    if (parsed?.success && this.host.state().user?.id === userId)
      this.held.set(meetingId, this.overtaking.merged(parsed.data.invitations, arrived));
    return true;
  }

  private refresh(): void {
    const byMeeting: Record<string, Invitation[]> = {};
    for (const [meetingId, invitations] of this.held)
      byMeeting[meetingId] = [...invitations.values()].sort(
        (a, b) => a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId),
      );
    this.host.update({ invitations: byMeeting });
  }

  /** Another person signed in on the device: the last one's invitations are none of theirs. */
  private own(userId: string): void {
    if (this.owner === userId) return;
    this.held = new Map();
    this.overtaking.reset();
    this.owner = userId;
  }
}
