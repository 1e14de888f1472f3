import { openDB, type IDBPDatabase } from 'idb';
import type { Annotation, DocumentInfo } from '../../../shared/protocol/index.js';
import { MemoryClientStore } from '../../../shared/client/memory-store.js';
import type { HeldBrief, MeetingState, OutboxEntry, StoredSession } from '../../../shared/client/store.js';
import { readHeld, type HeldRecords } from './indexeddb-records.js';
import { newScrubMark, scrubFreedRecords, SCRUB_BYTES, SCRUB_PENDING } from './indexeddb-scrub.js';
import {
  ALL_STORES,
  CLIENT_DATABASE,
  PERSONAL,
  VERSION,
  type ClientDatabase,
  type QueuedRecord,
  type StoreName,
} from './indexeddb-schema.js';

export { CLIENT_DATABASE } from './indexeddb-schema.js';

/** After a failed write, the wait before the next try: doubled each time, up to the last. */
const RETRY_FIRST_MS = 1_000;
const RETRY_LAST_MS = 30_000;

/** A write that must be on disk before the user is told it is kept (a queued ballot, a key). */
const DURABLE: ReadonlySet<StoreName> = new Set(['outbox', 'ballotKeys', 'session']);

type Write =
  | { kind: 'put'; store: StoreName; key: IDBValidKey; value: unknown }
  | { kind: 'delete'; store: StoreName; key: IDBValidKey }
  | { kind: 'clear' };

export interface IndexedDbClientStoreOptions {
  /** The database's name; tests give each store its own. */
  name?: string;
  /** Told when a write failed (storage full, the browser evicted the site): the UI warns. */
  onWriteError?: (error: unknown) => void;
  /** A write went through again after refused ones were tried again: the warning can go. */
  onWriteRecovered?: () => void;
  /** Another tab of this browser cleared the store (sign-out, another person, revoked device). */
  onClearedElsewhere?: () => void;
  /** Throw-away bytes written after a wipe or a forgotten ballot key (indexeddb-scrub.ts); tests make it small. */
  scrubBytes?: number;
  /** The first wait before a refused write is tried again; tests make it short. */
  retryFirstMs?: number;
}

/**
 * The browser's offline store: what the desktop keeps in SQLite, in IndexedDB, so a tablet's
 * browser (an iPad, an Android tablet) survives a reload or a restart offline with its
 * meetings, queued commands, ballot keys while a vote is open, notes and briefs.
 *
 * The client core reads its store synchronously, so this store is the memory store loaded
 * from the database once at start (`open`), and every change is written through: queued in
 * order, and applied in one transaction per turn of the event loop. `whenWritten` settles
 * when what was changed so far is on disk.
 */
export class IndexedDbClientStore extends MemoryClientStore {
  private queue: Write[] = [];
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;
  private nextPosition: number;
  /** Where each queued command stands: a revision keeps its place. */
  private readonly positions = new Map<string, number>();
  private readonly channel: BroadcastChannel | null;
  /** Another tab wiped the store since this page loaded: nothing more is written from here. */
  private stale = false;
  /** The wait before the next try of a failed write; 0 while writes succeed. */
  private retryMs = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  static async open(options: IndexedDbClientStoreOptions = {}): Promise<IndexedDbClientStore> {
    const name = options.name ?? CLIENT_DATABASE;
    const db = await openDB<ClientDatabase>(name, VERSION, {
      upgrade(database) {
        for (const store of ALL_STORES) {
          if (!database.objectStoreNames.contains(store)) database.createObjectStore(store);
        }
      },
      // Another tab runs a newer version of the app and wants to upgrade: let it.
      blocking() {
        db.close();
      },
    });
    const generation = (await db.get('meta', 'generation')) ?? 0;
    const held = await readHeld(db);
    const store = new IndexedDbClientStore(db, name, held, generation, options);
    if ((await db.get('meta', SCRUB_PENDING)) !== undefined) store.writing = store.writing.then(() => store.scrub());
    return store;
  }

  private constructor(
    private readonly db: IDBPDatabase<ClientDatabase>,
    name: string,
    held: HeldRecords,
    /** The wipe this page's data comes after (see `meta` in the schema). */
    private generation: number,
    private readonly options: IndexedDbClientStoreOptions,
  ) {
    super();
    if (held.deviceId) super.saveDeviceId(held.deviceId);
    if (held.session) super.saveSession(held.session);
    for (const meeting of held.meetings) super.saveMeeting(meeting);
    for (const brief of held.briefs) super.saveBrief(brief);
    for (const { entry, position } of held.outbox) {
      super.addToOutbox(entry);
      this.positions.set(entry.commandId, position);
    }
    this.nextPosition = (held.outbox.at(-1)?.position ?? 0) + 1;
    for (const [voteId, { userId, key }] of held.ballotKeys) super.saveBallotKey(userId, voteId, key);
    for (const [meetingId, documents] of held.documentLists) super.saveDocumentList(meetingId, documents);
    for (const [userId, annotations] of held.annotations) super.saveAnnotations(userId, annotations);
    for (const [userId, rev] of held.annotationCursors) super.saveAnnotationCursor(userId, rev);
    for (const { store, key } of held.unreadable) this.remove(store, key);
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${name}:cleared`) : null;
    if (this.channel) this.channel.onmessage = () => this.clearedElsewhere();
  }

  /** Settles once every change made so far is written (or its failure reported). */
  whenWritten(): Promise<void> {
    this.flushSoon();
    return new Promise((resolve) => queueMicrotask(() => void this.writing.then(resolve)));
  }

  /** Closes the database (tests; a page never needs to). */
  async close(): Promise<void> {
    await this.whenWritten();
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.channel?.close();
    this.db.close();
  }

  override saveDeviceId(id: string): void {
    super.saveDeviceId(id);
    this.put('device', 'id', id);
  }
  override saveSession(session: StoredSession | null): void {
    super.saveSession(session);
    if (session) this.put('session', 'current', session);
    else this.remove('session', 'current');
  }
  override saveMeeting(meeting: MeetingState): void {
    super.saveMeeting(meeting);
    this.put('meetings', meeting.meeting.id, meeting);
  }
  override deleteMeeting(meetingId: string): void {
    super.deleteMeeting(meetingId);
    this.remove('meetings', meetingId);
    this.remove('briefs', meetingId);
  }
  override saveBrief(held: HeldBrief): void {
    super.saveBrief(held);
    this.put('briefs', held.meetingId, held);
  }
  override deleteBrief(meetingId: string): void {
    super.deleteBrief(meetingId);
    this.remove('briefs', meetingId);
  }
  override addToOutbox(entry: OutboxEntry): void {
    if (this.listOutbox().some((e) => e.commandId === entry.commandId)) return;
    super.addToOutbox(entry);
    const position = this.nextPosition++;
    this.positions.set(entry.commandId, position);
    this.put('outbox', entry.commandId, { position, entry } satisfies QueuedRecord);
  }
  override removeFromOutbox(commandId: string): void {
    super.removeFromOutbox(commandId);
    this.positions.delete(commandId);
    this.remove('outbox', commandId);
  }
  override reviseOutbox(commandId: string, payload: OutboxEntry['payload']): void {
    super.reviseOutbox(commandId, payload);
    const entry = this.listOutbox().find((e) => e.commandId === commandId);
    const position = this.positions.get(commandId);
    if (entry && position !== undefined) this.put('outbox', commandId, { position, entry } satisfies QueuedRecord);
  }
  override saveBallotKey(userId: string, voteId: string, key: string): void {
    super.saveBallotKey(userId, voteId, key);
    this.put('ballotKeys', voteId, { userId, key });
  }
  override forgetBallotKeys(voteIds: readonly string[]): void {
    super.forgetBallotKeys(voteIds);
    for (const voteId of voteIds) this.remove('ballotKeys', voteId);
  }
  override saveDocumentList(meetingId: string, documents: readonly DocumentInfo[]): void {
    super.saveDocumentList(meetingId, documents);
    this.put('documentLists', meetingId, [...documents]);
  }
  override deleteDocumentList(meetingId: string): void {
    super.deleteDocumentList(meetingId);
    this.remove('documentLists', meetingId);
  }
  override saveAnnotations(userId: string, annotations: readonly Annotation[]): void {
    super.saveAnnotations(userId, annotations);
    const held = this.annotations.get(userId);
    // What the memory store kept: a late echo with a lower rev writes nothing new.
    for (const id of new Set(annotations.map((a) => a.id))) {
      const kept = held?.get(id);
      if (kept) this.put('annotations', [userId, id], kept);
    }
  }
  override saveAnnotationCursor(userId: string, rev: number): void {
    super.saveAnnotationCursor(userId, rev);
    this.put('annotationCursors', userId, rev);
  }
  override deleteAnnotationsOf(userId: string, documentIds: readonly string[]): void {
    const leaving = new Set(documentIds);
    const gone = [...(this.annotations.get(userId)?.values() ?? [])].filter((a) => leaving.has(a.documentId));
    super.deleteAnnotationsOf(userId, documentIds);
    for (const annotation of gone) this.remove('annotations', [userId, annotation.id]);
  }
  override forgetAnnotations(userId: string, ids: readonly string[]): void {
    super.forgetAnnotations(userId, ids);
    for (const id of ids) this.remove('annotations', [userId, id]);
  }
  override clear(): void {
    super.clear();
    this.positions.clear();
    // Writes still queued belong to the person being forgotten: none may land after the wipe.
    // The device's id is not theirs: it stays.
    this.queue = [...this.queue.filter((w) => w.kind !== 'clear' && w.store === 'device'), { kind: 'clear' }];
    this.flushSoon();
  }

  /** What another tab wiped must not come back from this one: it stops writing, and the page reloads. */
  private clearedElsewhere(): void {
    if (this.stale) return;
    this.stale = true;
    this.queue = [];
    this.options.onClearedElsewhere?.();
  }

  private put(store: StoreName, key: IDBValidKey, value: unknown): void {
    if (this.stale) return;
    this.queue.push({ kind: 'put', store, key, value });
    this.flushSoon();
  }
  private remove(store: StoreName, key: IDBValidKey): void {
    if (this.stale) return;
    this.queue.push({ kind: 'delete', store, key });
    this.flushSoon();
  }

  /**
   * One transaction for the changes of one turn: a sync's many saves cost one commit. The
   * batch is taken when its turn to be written comes, so a failed one can go back ahead of
   * everything changed after it and the order of the writes never changes.
   */
  private flushSoon(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.queue.length > 0) this.writing = this.writing.then(() => this.write(this.queue.splice(0)));
    });
  }

  private async write(batch: Write[]): Promise<void> {
    if (this.stale || batch.length === 0) return;
    const stores = new Set<StoreName>(['meta']);
    for (const w of batch) {
      if (w.kind === 'clear') PERSONAL.forEach((s) => stores.add(s));
      else stores.add(w.store);
    }
    const names = [...stores];
    const durable = names.some((s) => DURABLE.has(s));
    const wipes = batch.some((w) => w.kind === 'clear');
    const erases = wipes || batch.some((w) => w.kind === 'delete' && w.store === 'ballotKeys');
    try {
      const tx = this.db.transaction(names, 'readwrite', { durability: durable ? 'strict' : 'default' });
      // Read in the same transaction as the writes: no wipe can slip in between.
      const generation = (await tx.objectStore('meta').get('generation')) ?? 0;
      if (generation !== this.generation && !wipes) {
        tx.abort();
        await tx.done.catch(() => undefined);
        this.clearedElsewhere();
        return;
      }
      const next = wipes ? generation + 1 : generation;
      if (wipes) void tx.objectStore('meta').put(next, 'generation');
      if (erases) void tx.objectStore('meta').put(newScrubMark(), SCRUB_PENDING);
      for (const w of batch) {
        if (w.kind === 'clear') for (const s of PERSONAL) void tx.objectStore(s).clear();
        else if (w.kind === 'delete') void tx.objectStore(w.store).delete(w.key as never);
        else {
          try {
            void tx.objectStore(w.store).put(w.value as never, w.key as never);
          } catch (error) {
            // A value the browser can never store (it cannot be cloned): told, and left out,
            // so that it does not hold back the writes around it for ever.
            this.options.onWriteError?.(error);
          }
        }
      }
      await tx.done;
      this.generation = next;
      if (this.retryMs > 0) {
        this.retryMs = 0;
        this.options.onWriteRecovered?.();
      }
      // Told only once the wipe is on disk (a refused one is tried again later): a tab that
      // reloads on the news must not read the forgotten person back.
      if (wipes) this.channel?.postMessage('cleared');
    } catch (error) {
      this.options.onWriteError?.(error);
      this.tryAgain(batch);
      return;
    }
    // A wipe, or a ballot key forgotten after its vote: out of the browser's log files too.
    if (erases) await this.scrub();
  }

  /** Runs in the write chain, so no write lands between the scrub and its record's deletion. */
  private async scrub(): Promise<void> {
    try {
      const mark = await this.db.get('meta', SCRUB_PENDING);
      await scrubFreedRecords(this.db, this.options.scrubBytes ?? SCRUB_BYTES);
      const tx = this.db.transaction('meta', 'readwrite');
      if ((await tx.store.get(SCRUB_PENDING)) === mark) void tx.store.delete(SCRUB_PENDING);
      await tx.done;
    } catch (error) {
      this.options.onWriteError?.(error);
    }
  }

  /**
   * A write refused (storage full for a moment, a busy disk): a queued ballot or note must not
   * be lost with it, so it is kept, ahead of what came since, and tried again later.
   */
  private tryAgain(batch: Write[]): void {
    if (this.stale || this.closed) return;
    // While the browser refuses, a meeting saved at every change would pile up: of the writes
    // to one record only the last counts, so the queue stays as long as the records it names.
    this.queue = latestPerRecord([...batch, ...this.queue]);
    this.retryMs = Math.min(
      RETRY_LAST_MS,
      this.retryMs === 0 ? (this.options.retryFirstMs ?? RETRY_FIRST_MS) : this.retryMs * 2,
    );
    if (this.retry) clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.retry = null;
      this.flushSoon();
    }, this.retryMs);
  }
}

/**
 * The writes in their order, each record's last one only. A wipe is a boundary: what comes
 * before it is kept as it was (it is wiped in the same transaction anyway).
 */
function latestPerRecord(writes: readonly Write[]): Write[] {
  const later = new Set<string>();
  const kept: Write[] = [];
  for (let i = writes.length - 1; i >= 0; i--) {
    const w = writes[i]!;
    if (w.kind === 'clear') {
      later.clear();
      kept.push(w);
      continue;
    }
    const record = `${w.store}:${JSON.stringify(w.key)}`;
    if (later.has(record)) continue;
    later.add(record);
    kept.push(w);
  }
  return kept.reverse();
}
