import { ApprovalListSchema, ApprovalRecordedSchema, type Ack, type Approval } from '../protocol/index.js';
import type { ClientState } from './api.js';

export interface ApprovalHost {
  state(): ClientState;
  update(patch: Partial<ClientState>): void;
  emit<T>(name: string, payload: unknown): Promise<Ack<T> | null>;
}

function merged(held: readonly Approval[], more: readonly Approval[]): Approval[] {
  const byId = new Map(held.map((a) => [a.id, a]));
  for (const a of more) byId.set(a.id, a);
  return [...byId.values()].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
}

/**
 * The approvals of the documents, per meeting: listed after each sync (`approval:list`, as
 * documents are with `document:list`), then followed by `approval:recorded`. Kept in memory:
 * a fresh start lists them again once online.
 */
export class ApprovalSync {
  constructor(private readonly host: ApprovalHost) {}

  async synced(meetingIds: readonly string[]): Promise<void> {
    const lists = await Promise.all(
      meetingIds.map(async (meetingId) => {
        const answer = await this.host.emit<unknown>('approval:list', { meetingId });
        const parsed = answer?.ok ? ApprovalListSchema.safeParse(answer.data) : null;
        return { meetingId, approvals: parsed?.success ? parsed.data.approvals : null };
      }),
    );
    const wanted = new Set(meetingIds);
    const approvals: Record<string, readonly Approval[]> = {};
    const held = this.host.state().approvals;
    for (const [meetingId, list] of Object.entries(held)) if (wanted.has(meetingId)) approvals[meetingId] = list;
    // Events that came while the lists were on their way are kept with them.
    for (const { meetingId, approvals: listed } of lists)
      if (listed) approvals[meetingId] = merged(approvals[meetingId] ?? [], listed);
    this.host.update({ approvals });
  }

  /** Checked like every answer: a broken or hostile server's event must not reach the state. */
  recorded(event: unknown): void {
    const parsed = ApprovalRecordedSchema.safeParse(event);
    if (!parsed.success) return;
    const { meetingId, approval } = parsed.data;
    const held = this.host.state().approvals;
    this.host.update({ approvals: { ...held, [meetingId]: merged(held[meetingId] ?? [], [approval]) } });
  }
}
