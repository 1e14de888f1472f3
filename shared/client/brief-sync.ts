import { protocolError, type Ack, type MeetingBrief } from '../protocol/index.js';
import type { ClientState } from './api.js';
import { fetchMeetingBrief } from './assistant-ask.js';
import type { HttpFetch } from './http.js';
import type { ClientStore, HeldBrief, StoredSession } from './store.js';

export interface BriefHost {
  state(): ClientState;
  update(patch: Partial<ClientState>): void;
  session(): StoredSession | null;
  http: HttpFetch;
  now(): Date;
}

/** shared/ has no timer types (neither DOM nor Node); both runtimes have these. */
const timers = globalThis as unknown as {
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

/** Changes come in bursts (an upload, an agenda reordered): one fetch after they settle. */
const SETTLE_MS = 800;
/** Answers after which fetching more briefs now is pointless (the server's budget, no link, no session). */
const STOP_CODES = new Set(['OFFLINE', 'RATE_LIMITED', 'UNAUTHENTICATED', 'DEVICE_REVOKED']);

/** What a brief is made from, as the device sees it: the agenda and the papers listed. */
function basisOf(state: ClientState, meetingId: string): string | null {
  const held = state.meetings[meetingId];
  if (!held) return null;
  const items = held.agenda.map((i) => [i.id, i.parentId, i.position, i.title]);
  const papers = (state.documents[meetingId] ?? []).map((d) => [d.id, d.version, d.agendaItemId, d.title]);
  return JSON.stringify([items, papers]);
}

/** A meeting whose brief is fetched unasked: one still to be held (not closed, archived nor cancelled) with papers. */
function wanted(state: ClientState, meetingId: string): boolean {
  const m = state.meetings[meetingId]?.meeting;
  if (!m || m.status === 'closed' || m.archivedAt !== null || m.cancellation !== null) return false;
  return (state.documents[meetingId]?.length ?? 0) > 0;
}

/** The brief without the papers the user no longer has listed (access withdrawn, recalled, removed). */
function pruned(held: HeldBrief, listed: ReadonlySet<string>): HeldBrief {
  const brief: MeetingBrief = {
    ...held.brief,
    sections: held.brief.sections.map((s) => ({ ...s, papers: s.papers.filter((p) => listed.has(p.documentId)) })),
  };
  return { ...held, brief };
}

/**
 * Each meeting's brief for the user (GET …/assistant/brief), kept in the store so that it
 * shows offline with the meeting: fetched after a sync and when the meeting's agenda or
 * papers change, or the user opened a paper (its changes are then read). A paper that
 * leaves the user's list leaves the kept brief at once, before the server is asked again.
 */
export class BriefSync {
  /** Per meeting, the basis of the brief held (or being fetched). */
  private readonly basis = new Map<string, string>();
  private readonly due = new Map<string, unknown>();
  private readonly running = new Map<string, Promise<Ack<HeldBrief>>>();

  constructor(
    private readonly store: ClientStore,
    private readonly host: BriefHost,
  ) {}

  initialState(): Pick<ClientState, 'briefs'> {
    return { briefs: Object.fromEntries(this.store.loadBriefs().map((b) => [b.meetingId, b])) };
  }

  /** After a sync and its lists of papers: meetings gone leave, the `wanted` ones are fetched. */
  async synced(meetingIds: readonly string[]): Promise<void> {
    this.dropGone();
    for (const id of meetingIds) {
      if (!wanted(this.host.state(), id)) continue;
      const answer = await this.refresh(id);
      if (!answer.ok && STOP_CODES.has(answer.error.code)) break;
    }
  }

  /** The meeting's agenda or papers may have changed: the kept brief is pruned, and fetched again if its basis moved. */
  changed(meetingId: string): void {
    this.dropGone();
    const state = this.host.state();
    const held = state.briefs?.[meetingId];
    if (!held && !wanted(state, meetingId)) return;
    const listed = state.documents[meetingId];
    if (held && listed) {
      const ids = new Set(listed.map((d) => d.id));
      const kept = pruned(held, ids);
      if (kept.brief.sections.some((s, i) => s.papers.length !== held.brief.sections[i]!.papers.length))
        this.keep(kept);
    }
    const basis = basisOf(state, meetingId);
    if (basis !== null && basis !== this.basis.get(meetingId)) this.later(meetingId);
  }

  /** The user opened a paper: what changed since they last did is read now. */
  opened(meetingId: string): void {
    if (this.host.state().briefs?.[meetingId]) this.later(meetingId);
  }

  /** Fetches the meeting's brief now and keeps it; one at a time per meeting. */
  refresh(meetingId: string): Promise<Ack<HeldBrief>> {
    const running = this.running.get(meetingId);
    if (running) return running;
    const work = this.fetch(meetingId).finally(() => this.running.delete(meetingId));
    this.running.set(meetingId, work);
    return work;
  }

  /** The core stopped or signed out: nothing more is fetched (the store keeps or clears the briefs). */
  pause(): void {
    for (const timer of this.due.values()) timers.clearTimeout(timer);
    this.due.clear();
    this.basis.clear();
  }

  private async fetch(meetingId: string): Promise<Ack<HeldBrief>> {
    const basis = basisOf(this.host.state(), meetingId);
    if (basis === null) return { ok: false, error: protocolError('NOT_FOUND') };
    const answer = await fetchMeetingBrief(this.host.http, this.host.session(), meetingId);
    if (!answer.ok) {
      // No longer the user's to see: what was kept of it goes.
      if (answer.error.code === 'NOT_FOUND') this.drop(meetingId);
      return answer;
    }
    // Signed out or the meeting gone while the answer was on its way: it is kept nowhere.
    if (!this.host.state().user || !this.host.state().meetings[meetingId])
      return { ok: false, error: protocolError('NOT_FOUND') };
    this.basis.set(meetingId, basis);
    const listed = this.host.state().documents[meetingId];
    const fresh: HeldBrief = { meetingId, fetchedAt: this.host.now().toISOString(), brief: answer.data };
    const held = listed ? pruned(fresh, new Set(listed.map((d) => d.id))) : fresh;
    this.keep(held);
    return { ok: true, data: held };
  }

  private later(meetingId: string): void {
    const pending = this.due.get(meetingId);
    if (pending) timers.clearTimeout(pending);
    this.due.set(
      meetingId,
      timers.setTimeout(() => {
        this.due.delete(meetingId);
        void this.refresh(meetingId);
      }, SETTLE_MS),
    );
  }

  private keep(held: HeldBrief): void {
    this.store.saveBrief(held);
    this.host.update({ briefs: { ...this.host.state().briefs, [held.meetingId]: held } });
  }

  private drop(meetingId: string): void {
    const { [meetingId]: gone, ...rest } = this.host.state().briefs ?? {};
    this.basis.delete(meetingId);
    if (!gone) return;
    this.store.deleteBrief(meetingId);
    this.host.update({ briefs: rest });
  }

  /** Briefs of meetings the user no longer holds (the store deleted them with the meeting). */
  private dropGone(): void {
    const state = this.host.state();
    const briefs = state.briefs ?? {};
    const kept = Object.fromEntries(Object.entries(briefs).filter(([id]) => state.meetings[id]));
    if (Object.keys(kept).length !== Object.keys(briefs).length) this.host.update({ briefs: kept });
  }
}
