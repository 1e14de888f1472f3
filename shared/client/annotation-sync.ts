import {
  AnnotationChangedSchema,
  AnnotationSyncResultSchema,
  SharedAnnotationsResultSchema,
  type Ack,
  type Annotation,
  type AnnotationInput,
  type CommandReceipt,
} from '../protocol/index.js';
import type { ClientState, HeldAnnotation } from './api.js';
import { OvertakingEvents } from './overtaking-events.js';
import type { ClientStore, OutboxEntry } from './store.js';

export interface AnnotationHost {
  state(): ClientState;
  update(patch: Partial<ClientState>): void;
  emit<T>(name: string, payload: unknown): Promise<Ack<T> | null>;
}

/** Pages of `annotation:sync` asked in one go before the rest waits for the next sync. */
const MAX_SYNC_PAGES = 200;

const isAnnotationCommand = (name: string) => name.startsWith('annotation:');

/**
 * The user's annotations on this device. The store holds what the server sent (the user's
 * own, tombstones too, and others' shared ones), each kept at its highest `rev`; unsent
 * edits live only in the outbox, so a restart replays them and nothing typed offline is
 * lost. What the reader shows is the store with the outbox laid over it, in the order the
 * edits were made.
 */
export class AnnotationSync {
  /**
   * Writes the server has acknowledged (with their rev) but whose record has not come back
   * yet: shown until the store holds that rev or a later one. Not stored: the server's
   * record (its time, its folding of the text) is the one to keep.
   */
  private readonly acknowledged = new Map<string, Annotation>();
  private readonly overtaking = new OvertakingEvents<Annotation>((a) => a.id);

  constructor(
    private readonly store: ClientStore,
    private readonly host: AnnotationHost,
  ) {}

  /** The view from what the device holds: at start, after sign-in, after any change. */
  refresh(): void {
    this.host.update({ annotations: this.view() });
  }

  /**
   * After `session:sync`: the user's own writes since the cursor (from other devices, or
   * all of them after a reinstall), then what others share in each meeting.
   */
  async synced(meetingIds: readonly string[]): Promise<void> {
    // Which meetings had events matters only to the parts that let meetings go; not kept here.
    this.overtaking.syncAsked();
    const userId = this.userId();
    if (!userId) return;
    let cursor = this.store.loadAnnotationCursor(userId);
    let saved = false;
    for (let page = 0; page < MAX_SYNC_PAGES; page++) {
      const answer = await this.host.emit<unknown>('annotation:sync', { sinceRev: cursor });
      // No answer: the link (or the app) closed meanwhile, and the store with it may be gone.
      if (!answer) return;
      const parsed = answer.ok ? AnnotationSyncResultSchema.safeParse(answer.data) : null;
      if (!parsed?.success || this.userId() !== userId) {
        if (saved && this.userId() === userId) this.refresh();
        return;
      }
      const own = parsed.data.annotations.filter((a) => a.author.id === userId);
      this.store.saveAnnotations(userId, own);
      cursor = Math.max(cursor, parsed.data.cursor);
      this.store.saveAnnotationCursor(userId, cursor);
      saved = true;
      if (!parsed.data.more) break;
    }
    for (const meetingId of meetingIds) {
      const { answer, arrived } = await this.overtaking.around(meetingId, () =>
        this.host.emit<unknown>('annotation:list-shared', { meetingId }),
      );
      if (!answer) return;
      const parsed = answer.ok ? SharedAnnotationsResultSchema.safeParse(answer.data) : null;
      if (!parsed?.success || this.userId() !== userId) continue;
      this.replaceShared(userId, meetingId, parsed.data.annotations, arrived);
    }
    if (this.userId() === userId) this.refresh();
  }

  /** Checked like every answer: a broken or hostile server's event must not reach the state. */
  changed(event: unknown): void {
    const userId = this.userId();
    const parsed = AnnotationChangedSchema.safeParse(event);
    if (!userId || !parsed.success) return;
    this.store.saveAnnotations(userId, parsed.data.annotations);
    for (const annotation of parsed.data.annotations) this.overtaking.arrived(annotation.meetingId, annotation);
    this.refresh();
  }

  /**
   * The server's answer to an annotation command: the record as it now is, with the `rev`
   * the server gave it, is shown at once; without this the view would fall back to the
   * older record between the answer and the echo on the author's room.
   */
  settled(entry: OutboxEntry, answer: Ack<CommandReceipt>): void {
    if (!isAnnotationCommand(entry.name)) return;
    const userId = this.userId();
    const rev = answer.ok ? answer.data.rev : undefined;
    const id = annotationIdOf(entry);
    if (userId && id && rev !== undefined) {
      const held = this.acknowledged.get(id) ?? this.heldById(userId).get(id);
      const next = applyEntry(held, entry, this.host.state(), rev);
      if (next) this.acknowledged.set(id, next);
    }
    this.refresh();
  }

  /** Papers that left the device take the notes on them along (they may quote them). */
  documentsGone(documentIds: readonly string[]): void {
    const userId = this.userId();
    if (!userId || documentIds.length === 0) return;
    this.store.deleteAnnotationsOf(userId, documentIds);
    this.refresh();
  }

  private userId(): string | null {
    return this.host.state().user?.id ?? null;
  }

  private heldById(userId: string): Map<string, Annotation> {
    return new Map(this.store.loadAnnotations(userId).map((a) => [a.id, a]));
  }

  /** Others' shared annotations of a meeting as listed now: those no longer listed were withdrawn. */
  private replaceShared(
    userId: string,
    meetingId: string,
    listed: readonly Annotation[],
    arrived: readonly Annotation[],
  ): void {
    // A note whose event overtook the list is newer than the list's word on it.
    const now = new Set([...listed, ...arrived].map((a) => a.id));
    const gone = this.store
      .loadAnnotations(userId)
      .filter((a) => a.meetingId === meetingId && a.author.id !== userId && !now.has(a.id))
      .map((a) => a.id);
    this.store.forgetAnnotations(userId, gone);
    this.store.saveAnnotations(userId, listed);
  }

  /** What the reader shows, from the store and the outbox. */
  view(): Record<string, readonly HeldAnnotation[]> {
    const state = this.host.state();
    const userId = state.user?.id;
    if (!userId) return {};
    const held = new Map<string, HeldAnnotation>(
      this.store.loadAnnotations(userId).map((a) => [a.id, { ...a, pending: false }]),
    );
    for (const [id, acked] of this.acknowledged) {
      // Another person signed in on this device: the last one's writes are none of theirs.
      if (acked.author.id !== userId) {
        this.acknowledged.delete(id);
        continue;
      }
      const stored = held.get(id);
      if (stored && stored.rev >= acked.rev) this.acknowledged.delete(id);
      else held.set(id, { ...acked, pending: false });
    }
    for (const entry of this.store.listOutbox()) {
      if (!isAnnotationCommand(entry.name)) continue;
      const id = annotationIdOf(entry);
      if (!id) continue;
      const next = applyEntry(held.get(id), entry, state);
      if (next) held.set(id, { ...next, pending: true });
    }
    const listed = new Set(Object.values(state.documents).flatMap((docs) => docs.map((d) => d.id)));
    const byDocument: Record<string, HeldAnnotation[]> = {};
    for (const a of held.values()) {
      if (a.deleted || (a.author.id !== userId && !a.shared)) continue;
      // A paper the user may no longer see hides the notes on it, before the store forgets them.
      if (!listed.has(a.documentId)) continue;
      (byDocument[a.documentId] ??= []).push(a);
    }
    for (const list of Object.values(byDocument)) list.sort((a, b) => a.page - b.page || a.id.localeCompare(b.id));
    return byDocument;
  }
}

function annotationIdOf(entry: OutboxEntry): string | undefined {
  const p = entry.payload as { annotation?: { id?: unknown }; annotationId?: unknown };
  const id = entry.name === 'annotation:save' ? p.annotation?.id : p.annotationId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * An annotation after one of the user's commands, as the device believes it until the server
 * says otherwise. A deleted one stays deleted: the server ignores a save that comes after.
 */
function applyEntry(
  held: Annotation | undefined,
  entry: OutboxEntry,
  state: ClientState,
  rev = held?.rev ?? 0,
): Annotation | null {
  if (held?.deleted) return null;
  const meetingId = String(entry.payload.meetingId);
  switch (entry.name) {
    case 'annotation:save': {
      const input = (entry.payload as unknown as { annotation: AnnotationInput }).annotation;
      const author = state.user ? { id: state.user.id, displayName: state.user.displayName } : held?.author;
      if (!author) return null;
      return {
        ...input,
        meetingId,
        shared: held?.shared ?? false,
        author,
        updatedAt: entry.createdAt,
        rev,
        deleted: false,
      };
    }
    case 'annotation:delete':
      return held ? { ...held, geometry: null, text: '', quote: '', shared: false, deleted: true, rev } : null;
    case 'annotation:share':
    case 'annotation:withdraw':
      return held ? { ...held, shared: entry.name === 'annotation:share', rev } : null;
    default:
      return null;
  }
}
