import {
  DocumentListSchema,
  protocolError,
  type Ack,
  type DocumentChanged,
  type DocumentGoneReason,
  type DocumentInfo,
  type DocumentList,
  type RequestName,
  type RequestPayload,
  type RequestResult,
} from '../protocol/index.js';
import type { ClientState, DocumentNotice, DocumentSource } from './api.js';
import { fetchWhole, sha256Hex } from './document-download.js';
import {
  contentUrl,
  copiesToKeep,
  leftTheList,
  noticesFor,
  prefetchable,
  progressByMeeting,
  upsertDocuments,
  wantedCopies,
  type WantedCopy,
} from './document-plan.js';
import type { DocumentPlatform } from './document-platform.js';
import { bearer, isReadableRange } from './document-platform.js';
import { DocumentPrefetch } from './document-prefetch.js';
import type { ClientStore, MeetingState } from './store.js';

export interface DocumentHost {
  state(): ClientState;
  update(patch: Partial<ClientState>): void;
  /** Asks over the socket; null when offline or unanswered. */
  request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<Ack<RequestResult<N>> | null>;
  session(): { serverUrl: string; token: string } | null;
}

const MAX_NOTICES_KEPT = 50;

/**
 * The documents part of the client core: per meeting the list of documents this user may
 * see (asked after every sync, then kept current by `document:changed`), the notices of
 * documents that left the device, and the reader's access to their bytes. The lists are
 * saved in the store so a restarted desktop shows them offline; the bytes are the
 * prefetcher's.
 */
export class DocumentSync {
  private readonly lists = new Map<string, readonly DocumentInfo[]>();
  /** Document id → the bytes of its previous version, kept until the new ones are verified. */
  private readonly superseded = new Map<string, string>();
  private readonly prefetch: DocumentPrefetch | null;
  /** Lists changed since they were last saved (a deleted one is absent from `lists`). */
  private readonly unsaved = new Set<string>();
  /** Meetings whose papers are fetched ahead, as last planned. */
  private fetchedAhead = '';
  /**
   * Rises when everything is forgotten (another person signs in): an answer or event of the
   * session before, still on its way, is dropped rather than shown to the next person.
   */
  private generation = 0;

  constructor(
    private readonly store: ClientStore,
    private readonly host: DocumentHost,
    private readonly platform: DocumentPlatform | null,
  ) {
    this.loadFromStore();
    this.prefetch = platform
      ? new DocumentPrefetch(platform, {
          session: () => host.session(),
          progressChanged: () => this.publishProgress(),
          copyVerified: () => this.replan(),
        })
      : null;
  }

  /** The lists as the store holds them (startup, or the same user signing in again). */
  loadFromStore(): void {
    this.lists.clear();
    for (const { meetingId, documents } of this.store.loadDocumentLists()) this.lists.set(meetingId, documents);
  }

  /** What the state starts with. */
  initialState(): Pick<ClientState, 'documents' | 'documentProgress' | 'uploads' | 'documentNotices'> {
    return { documents: Object.fromEntries(this.lists), documentProgress: {}, uploads: [], documentNotices: [] };
  }

  /** Settles once the copies on the device are known, and the first plan applied. */
  async whenLoaded(): Promise<void> {
    await this.prefetch?.whenLoaded();
  }

  /**
   * After a sync: meetings the user no longer sees lose their papers, and each visible
   * meeting's list is asked again (events missed while offline are not replayed).
   */
  async synced(visibleMeetingIds: readonly string[]): Promise<void> {
    const visible = new Set(visibleMeetingIds);
    for (const meetingId of [...this.lists.keys()]) {
      if (!visible.has(meetingId)) this.dropMeeting(meetingId, 'access', true);
    }
    this.changed();
    this.prefetch?.retryNow();
    const generation = this.generation;
    await Promise.all(
      visibleMeetingIds.map(async (meetingId) => {
        const answer = await this.host.request('document:list', { meetingId });
        const list = answer?.ok ? DocumentListSchema.safeParse(answer.data) : null;
        if (list?.success && generation === this.generation) this.applyList(list.data);
      }),
    );
  }

  applyList(list: DocumentList): void {
    if (list.recalled) {
      this.dropMeeting(list.meetingId, 'recalled', false);
    } else {
      const before = this.lists.get(list.meetingId) ?? [];
      // Left while we were not listening: we cannot tell removal from lost access.
      this.notify(noticesFor(leftTheList(before, list.documents), 'access'));
      this.noteSuperseded(before, list.documents);
      this.setList(list.meetingId, list.documents);
    }
    this.changed();
  }

  onChanged(event: DocumentChanged): void {
    const before = this.lists.get(event.meetingId) ?? [];
    const gone = new Map(event.removed.map((r) => [r.id, r.reason]));
    for (const reason of new Set(gone.values())) {
      this.notify(
        noticesFor(
          before.filter((d) => gone.get(d.id) === reason),
          reason,
        ),
      );
    }
    const kept = before.filter((d) => !gone.has(d.id));
    const next = upsertDocuments(kept, event.upserted);
    this.noteSuperseded(before, next);
    this.setList(event.meetingId, next);
    this.changed();
  }

  /** A meeting changed: its papers recalled go at once; a newly published one is fetched. */
  meetingChanged(meeting: MeetingState): void {
    if (meeting.meeting.documentsRecalledAt && (this.lists.get(meeting.meeting.id)?.length ?? 0) > 0) {
      this.dropMeeting(meeting.meeting.id, 'recalled', false);
      this.changed();
    } else if (this.fetchedAheadKey() !== this.fetchedAhead) {
      this.replan();
    }
  }

  /** The core stopped (the app quitting, the link dropped on purpose): downloads pause. */
  pause(): void {
    this.prefetch?.pause();
  }

  /** Sign-out or another person on this device: no list, notice or copy of the last one stays. */
  async forgetAll(): Promise<void> {
    this.generation++;
    this.lists.clear();
    this.superseded.clear();
    this.host.update({ documents: {}, documentProgress: {}, documentNotices: [], uploads: [] });
    await this.prefetch?.forgetAll();
  }

  dismissNotice(id: string): void {
    const notices = this.host.state().documentNotices;
    if (notices.some((n) => n.id === id)) this.host.update({ documentNotices: notices.filter((n) => n.id !== id) });
  }

  /** A document the user just uploaded: shown at once, before its `document:changed` arrives. */
  uploaded(document: DocumentInfo): void {
    this.onChanged({ meetingId: document.meetingId, upserted: [document], removed: [] });
  }

  async open(documentId: string, version?: number): Promise<Ack<DocumentSource>> {
    // Signed out (the session revoked, a tablet reported lost): the copies stay for the same
    // person's next sign-in, but nothing opens them meanwhile.
    if (this.host.state().connection === 'signed-out') return { ok: false, error: protocolError('UNAUTHENTICATED') };
    const document = this.find(documentId);
    if (!document) return { ok: false, error: protocolError('NOT_FOUND') };
    if (version !== undefined && version !== document.version) return this.openEarlier(document, version);
    const sha256 = document.sha256;
    const length = await this.prefetch?.size(sha256);
    if (length) return { ok: true, data: { kind: 'cached', sha256, length } };
    const session = this.host.session();
    if (this.platform?.openUncached !== 'download' || !this.prefetch) {
      if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
      const url = contentUrl(session.serverUrl, documentId);
      return { ok: true, data: { kind: 'url', url, httpHeaders: bearer(session.token), sha256 } };
    }
    const outcome = await this.prefetch.ensure(this.copyOf(document));
    const fetched = outcome === 'verified' ? await this.prefetch.size(sha256) : null;
    if (fetched) return { ok: true, data: { kind: 'cached', sha256, length: fetched } };
    if (outcome === 'gone') {
      // The server refuses this user now: no earlier bytes of it open instead, and the copy goes.
      this.onChanged({ meetingId: document.meetingId, upserted: [], removed: [{ id: documentId, reason: 'access' }] });
      return { ok: false, error: protocolError('NOT_FOUND') };
    }
    // Offline with the new version not here yet: the previous one, which the sha256 tells
    // apart. Whole: its copy is deleted as soon as the new one is verified, under a reader
    // that would still be reading it by ranges.
    const previous = this.superseded.get(documentId);
    const older = previous ? await this.prefetch.read(previous) : null;
    if (older && previous) return { ok: true, data: { kind: 'bytes', data: older, sha256: previous } };
    return { ok: false, error: protocolError('OFFLINE') };
  }

  /**
   * A range of a copy the reader was handed as `cached`, asked again for every range: a
   * paper whose access was withdrawn, recalled or signed out of stops being readable at once,
   * also under a reader already open on it.
   */
  async readRange(sha256: string, begin: number, end: number): Promise<Ack<Uint8Array>> {
    if (this.host.state().connection === 'signed-out') return { ok: false, error: protocolError('UNAUTHENTICATED') };
    if (!this.mayRead(sha256)) return { ok: false, error: protocolError('NOT_FOUND') };
    if (!isReadableRange(begin, end)) return { ok: false, error: protocolError('VALIDATION_FAILED') };
    const bytes = await this.prefetch?.readRange(sha256, begin, end);
    if (bytes) return { ok: true, data: bytes };
    // Past the end of the copy, or no copy (deleted meanwhile): told apart for the caller.
    const size = await this.prefetch?.size(sha256);
    return { ok: false, error: protocolError(size && end > size ? 'VALIDATION_FAILED' : 'NOT_FOUND') };
  }

  /** The bytes of one of the user's documents now: a current version, or one it supersedes. */
  private mayRead(sha256: string): boolean {
    for (const documents of this.lists.values()) if (documents.some((d) => d.sha256 === sha256)) return true;
    for (const [documentId, previous] of this.superseded) if (previous === sha256 && this.find(documentId)) return true;
    return false;
  }

  /** An earlier version: read from the server each time, never kept. */
  private async openEarlier(document: DocumentInfo, version: number): Promise<Ack<DocumentSource>> {
    const session = this.host.session();
    if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
    const answer = await this.host.request('document:versions', {
      meetingId: document.meetingId,
      documentId: document.id,
    });
    if (!answer) return { ok: false, error: protocolError('OFFLINE') };
    if (!answer.ok) return answer;
    const entry = answer.data.versions.find((v) => v.version === version);
    if (!entry) return { ok: false, error: protocolError('NOT_FOUND') };
    const url = contentUrl(session.serverUrl, document.id, version);
    if (this.platform?.openUncached !== 'download') {
      return { ok: true, data: { kind: 'url', url, httpHeaders: bearer(session.token), sha256: entry.sha256 } };
    }
    try {
      const { status, bytes } = await fetchWhole(this.platform.transport, url, session.token);
      if (!bytes) return { ok: false, error: protocolError(status === 404 ? 'NOT_FOUND' : 'INTERNAL') };
      if ((await sha256Hex(bytes)) !== entry.sha256) return { ok: false, error: protocolError('INTERNAL') };
      return { ok: true, data: { kind: 'bytes', data: bytes, sha256: entry.sha256 } };
    } catch {
      return { ok: false, error: protocolError('OFFLINE') };
    }
  }

  private find(documentId: string): DocumentInfo | undefined {
    for (const documents of this.lists.values()) {
      const found = documents.find((d) => d.id === documentId);
      if (found) return found;
    }
    return undefined;
  }

  private copyOf(d: DocumentInfo): WantedCopy {
    return { sha256: d.sha256, size: d.size, documentId: d.id, meetingId: d.meetingId };
  }

  private dropMeeting(meetingId: string, reason: DocumentGoneReason, forget: boolean): void {
    this.notify(noticesFor(this.lists.get(meetingId) ?? [], reason));
    for (const d of this.lists.get(meetingId) ?? []) this.superseded.delete(d.id);
    if (forget) {
      this.lists.delete(meetingId);
      this.unsaved.add(meetingId);
    } else this.setList(meetingId, []);
  }

  private setList(meetingId: string, documents: readonly DocumentInfo[]): void {
    this.lists.set(meetingId, documents);
    this.unsaved.add(meetingId);
  }

  private fetchedAheadKey(): string {
    const meetings = this.host.state().meetings;
    return [...this.lists.keys()].filter((id) => prefetchable(meetings[id])).join(',');
  }

  /** A document whose bytes changed (a new version) keeps its old copy until the new one is in. */
  private noteSuperseded(before: readonly DocumentInfo[], after: readonly DocumentInfo[]): void {
    const was = new Map(before.map((d) => [d.id, d.sha256]));
    for (const d of after) {
      const old = was.get(d.id);
      if (old !== undefined && old !== d.sha256) this.superseded.set(d.id, old);
    }
  }

  private notify(notices: readonly DocumentNotice[]): void {
    if (notices.length === 0) return;
    const held = this.host.state().documentNotices;
    const fresh = notices.filter((n) => !held.some((h) => h.id === n.id));
    this.host.update({ documentNotices: [...held, ...fresh].slice(-MAX_NOTICES_KEPT) });
  }

  /** Saves the lists, shows them, and hands the prefetcher its new plan. */
  private changed(): void {
    for (const meetingId of this.unsaved) {
      const documents = this.lists.get(meetingId);
      if (documents) this.store.saveDocumentList(meetingId, documents);
      else this.store.deleteDocumentList(meetingId);
    }
    this.unsaved.clear();
    this.host.update({ documents: Object.fromEntries(this.lists) });
    this.replan();
  }

  /** Hands the prefetcher the plan for the lists held now (startup: the copies to resume). */
  plan(): void {
    this.replan();
  }

  private replan(): void {
    if (!this.prefetch) {
      this.publishProgress();
      return;
    }
    for (const [documentId, oldSha] of this.superseded) {
      const now = this.find(documentId);
      if (!now || this.prefetch.status().cached.has(now.sha256)) this.superseded.delete(documentId);
      else if (now.sha256 === oldSha) this.superseded.delete(documentId);
    }
    this.fetchedAhead = this.fetchedAheadKey();
    const wanted = wantedCopies(this.lists, this.host.state().meetings);
    const keep = copiesToKeep(this.lists, this.superseded, this.prefetch.status().cached);
    void this.prefetch.plan(wanted, keep);
    this.publishProgress();
  }

  private publishProgress(): void {
    const status = this.prefetch?.status() ?? {
      cached: new Set(),
      partial: new Map(),
      failed: new Set(),
      active: new Set(),
    };
    this.host.update({ documentProgress: progressByMeeting(this.lists, status) });
  }
}
