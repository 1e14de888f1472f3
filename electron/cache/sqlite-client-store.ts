import Database from 'better-sqlite3';
import { z } from 'zod';
import {
  AnnotationSchema,
  MeetingBriefSchema,
  UserSchema,
  isCommandName,
  type Annotation,
  type DocumentInfo,
} from '../../shared/protocol/index.js';
import type { ClientStore, HeldBrief, MeetingState, OutboxEntry, StoredSession } from '../../shared/client/index.js';
import { DocumentListSchema, MeetingStateSchema } from '../../shared/client/held-records.js';
import { migrate } from './migrate.js';
import { markSealed, PLAIN_TOKENS, readSealed, type TokenSealer } from './token-sealer.js';
import { CACHE_MIGRATIONS, type Migration } from './migrations/index.js';
import type { CopyLedger } from '../documents/file-document-cache.js';
import {
  prepareStatements,
  type AnnotationRow,
  type CacheStatements,
  type BriefRow,
  type DocumentListRow,
  type MeetingRow,
  type OutboxRow,
  type SessionRow,
} from './statements.js';

/** Only the ids of a list held: what tells whether a save drops a paper. */
const ListedIdsSchema = z.array(z.object({ id: z.string() }));

export interface SqliteClientStoreOptions {
  /** For tests of a migration; the app always uses the full list. */
  migrations?: readonly Migration[];
  /** Seals the session token at rest (safeStorage in the app). */
  sealer?: TokenSealer;
}

/**
 * The desktop's offline cache: what the client core must keep across restarts and power
 * cuts. Same semantics as the browser's MemoryClientStore, over one SQLite file.
 */
export class SqliteClientStore implements ClientStore, CopyLedger {
  private readonly db: Database.Database;
  private readonly sql: CacheStatements;
  private readonly sealer: TokenSealer;

  constructor(file: string, options: SqliteClientStoreOptions = {}) {
    this.sealer = options.sealer ?? PLAIN_TOKENS;
    this.db = new Database(file);
    try {
      this.db.pragma('journal_mode = WAL');
      // A queued command the user was told "will be sent" must survive a power cut.
      this.db.pragma('synchronous = FULL');
      this.db.pragma('busy_timeout = 5000');
      // A revoked tablet's cache is cleared: deleted rows must not linger in free pages.
      this.db.pragma('secure_delete = ON');
      migrate(this.db, options.migrations ?? CACHE_MIGRATIONS);
      this.sql = prepareStatements(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  loadSession(): StoredSession | null {
    const row = this.sql.loadSession.get() as SessionRow | undefined;
    if (!row) return null;
    const user = UserSchema.safeParse(parseJson(row.user_json));
    const stored = readSealed(row.token);
    const token = stored.sealed ? this.sealer.open(stored.body) : stored.body;
    // An unreadable session is treated as signed out rather than crashing the app; an
    // unopenable token keeps the user known, so the same person signing in keeps the outbox.
    if (!user.success) return null;
    const session = { serverUrl: row.server_url, token: token ?? '', user: user.data };
    if (!stored.sealed && stored.body !== '' && this.sealer !== PLAIN_TOKENS) {
      // A plain token left by an older version (or by a run without a key store) is sealed
      // now, and the old page pushed out of the log, so the file stops holding it.
      this.saveSession(session);
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
    return session;
  }

  saveSession(session: StoredSession | null): void {
    if (!session) {
      this.sql.deleteSession.run();
      return;
    }
    const token = this.sealer === PLAIN_TOKENS ? session.token : markSealed(this.sealer.seal(session.token));
    this.sql.saveSession.run(session.serverUrl, token, JSON.stringify(session.user));
  }

  loadMeetings(): MeetingState[] {
    const meetings: MeetingState[] = [];
    for (const row of this.sql.loadMeetings.all() as MeetingRow[]) {
      const parsed = MeetingStateSchema.safeParse(parseJson(row.state_json));
      // A row that no longer reads is dropped: without its cursor the next sync sends a snapshot.
      if (parsed.success) meetings.push(parsed.data);
      else this.deleteMeeting(row.meeting_id);
    }
    return meetings;
  }

  saveMeeting(meeting: MeetingState): void {
    this.sql.saveMeeting.run(meeting.meeting.id, meeting.seq, JSON.stringify(meeting), new Date().toISOString());
  }

  deleteMeeting(meetingId: string): void {
    this.db.transaction(() => {
      this.sql.deleteMeeting.run(meetingId);
      this.sql.deleteBrief.run(meetingId);
    })();
    // The brief held what the user may see of its papers: out of the log too (see saveBrief).
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  loadBriefs(): HeldBrief[] {
    const briefs: HeldBrief[] = [];
    for (const row of this.sql.loadBriefs.all() as BriefRow[]) {
      const brief = MeetingBriefSchema.safeParse(parseJson(row.brief_json));
      if (brief.success && brief.data.meetingId === row.meeting_id)
        briefs.push({ meetingId: row.meeting_id, fetchedAt: row.fetched_at, brief: brief.data });
      else this.sql.deleteBrief.run(row.meeting_id);
    }
    return briefs;
  }

  // A brief replaced or deleted may be one that lost a paper kept from the user since:
  // secure_delete zeroes the old row in the file, the log would keep it until a checkpoint.
  saveBrief(held: HeldBrief): void {
    this.sql.saveBrief.run(held.meetingId, held.fetchedAt, JSON.stringify(held.brief));
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  deleteBrief(meetingId: string): void {
    if (this.sql.deleteBrief.run(meetingId).changes > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  listOutbox(): OutboxEntry[] {
    const entries: OutboxEntry[] = [];
    for (const row of this.sql.listOutbox.all() as OutboxRow[]) {
      const payload = parseJson(row.payload_json);
      // A row this version cannot send (a damaged or tampered file) could never be delivered.
      if (!isCommandName(row.name) || !isRecord(payload)) continue;
      entries.push({
        commandId: row.command_id,
        name: row.name,
        payload: { ...payload, commandId: row.command_id },
        createdAt: row.created_at,
      });
    }
    return entries;
  }

  addToOutbox(entry: OutboxEntry): void {
    this.sql.addToOutbox.run(entry.commandId, entry.name, JSON.stringify(entry.payload), entry.createdAt);
  }

  reviseOutbox(commandId: string, payload: OutboxEntry['payload']): void {
    this.sql.reviseOutbox.run(JSON.stringify(payload), commandId);
  }

  removeFromOutbox(commandId: string): void {
    this.sql.removeFromOutbox.run(commandId);
  }

  loadBallotKey(userId: string, voteId: string): string | null {
    const row = this.sql.loadBallotKey.get(voteId, userId) as { key: string } | undefined;
    return row?.key ?? null;
  }

  saveBallotKey(userId: string, voteId: string, key: string): void {
    this.sql.saveBallotKey.run(voteId, userId, key);
  }

  listBallotKeyVotes(): string[] {
    return (this.sql.listBallotKeyVotes.all() as Array<{ vote_id: string }>).map((r) => r.vote_id);
  }

  forgetBallotKeys(voteIds: readonly string[]): void {
    if (voteIds.length === 0) return;
    this.db.transaction(() => {
      for (const id of voteIds) this.sql.deleteBallotKey.run(id);
    })();
    // secure_delete zeroes the rows in the file; the log would keep them until a checkpoint.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  loadDocumentLists(): Array<{ meetingId: string; documents: DocumentInfo[] }> {
    const lists: Array<{ meetingId: string; documents: DocumentInfo[] }> = [];
    for (const row of this.sql.loadDocumentLists.all() as DocumentListRow[]) {
      // Checked again: a SHA-256 names a file in the cache folder, so it must be one.
      const parsed = DocumentListSchema.safeParse(parseJson(row.list_json));
      if (parsed.success) lists.push({ meetingId: row.meeting_id, documents: parsed.data });
      else this.deleteDocumentList(row.meeting_id);
    }
    return lists;
  }

  // A list that lost a paper (kept from the user since: its title, its file name): secure_delete
  // zeroes the old row in the file, the log would keep it until a checkpoint. A list that only
  // grew or changed versions, the usual case after a sync, needs none.
  saveDocumentList(meetingId: string, documents: readonly DocumentInfo[]): void {
    const old = this.sql.loadDocumentList.get(meetingId) as { list_json: string } | undefined;
    this.sql.saveDocumentList.run(meetingId, JSON.stringify(documents), new Date().toISOString());
    const kept = new Set(documents.map((d) => d.id));
    const before = old ? ListedIdsSchema.safeParse(parseJson(old.list_json)) : null;
    const lost = before !== null && (!before.success || before.data.some((d) => !kept.has(d.id)));
    if (lost) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  deleteDocumentList(meetingId: string): void {
    if (this.sql.deleteDocumentList.run(meetingId).changes > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  loadAnnotations(userId: string): Annotation[] {
    const annotations: Annotation[] = [];
    const dropped: string[] = [];
    for (const row of this.sql.loadAnnotations.all(userId) as AnnotationRow[]) {
      const parsed = AnnotationSchema.safeParse(parseJson(row.record_json));
      // The columns must say what the record says: the upsert and the deletes go by them.
      const agrees =
        parsed.success &&
        parsed.data.id === row.id &&
        parsed.data.documentId === row.document_id &&
        parsed.data.rev === row.rev;
      if (agrees) annotations.push(parsed.data);
      else dropped.push(row.id);
    }
    if (dropped.length > 0) {
      // A row that no longer reads is dropped, and the cursor with it: the next sync starts
      // from 0 and brings the server's copy back, as a meeting without its row gets a snapshot.
      this.db.transaction(() => {
        for (const id of dropped) this.sql.deleteAnnotation.run(userId, id);
        this.sql.deleteAnnotationCursor.run(userId);
      })();
    }
    return annotations;
  }

  saveAnnotations(userId: string, annotations: readonly Annotation[]): void {
    this.db.transaction(() => {
      for (const a of annotations) this.sql.saveAnnotation.run(userId, a.id, a.documentId, a.rev, JSON.stringify(a));
    })();
  }

  loadAnnotationCursor(userId: string): number {
    const row = this.sql.loadAnnotationCursor.get(userId) as { rev: number } | undefined;
    return row?.rev ?? 0;
  }

  saveAnnotationCursor(userId: string, rev: number): void {
    this.sql.saveAnnotationCursor.run(userId, rev);
  }

  deleteAnnotationsOf(userId: string, documentIds: readonly string[]): void {
    let deleted = 0;
    this.db.transaction(() => {
      for (const id of documentIds) deleted += this.sql.deleteAnnotationsOfDocument.run(userId, id).changes;
    })();
    // A recalled paper's notes go from the log too, as cleared ones do.
    if (deleted > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  forgetAnnotations(userId: string, ids: readonly string[]): void {
    this.db.transaction(() => {
      for (const id of ids) this.sql.forgetAnnotation.run(userId, id);
    })();
  }

  // The ledger may be called by a download ending just after the core closed: a no-op then.
  listCopies(): string[] {
    if (!this.db.open) return [];
    return (this.sql.listCopies.all() as Array<{ sha256: string }>).map((r) => r.sha256);
  }

  addCopy(sha256: string, size: number): void {
    if (!this.db.open) return;
    this.sql.addCopy.run(sha256, size, new Date().toISOString());
  }

  removeCopy(sha256: string): void {
    if (!this.db.open) return;
    this.sql.removeCopy.run(sha256);
  }

  clearCopies(): void {
    if (!this.db.open) return;
    this.sql.clearCopies.run();
  }

  clear(): void {
    this.db.transaction(() => {
      this.sql.clearDocumentLists.run();
      this.sql.deleteSession.run();
      this.sql.deleteMeetings.run();
      this.sql.clearOutbox.run();
      this.sql.clearBallotKeys.run();
      this.sql.clearAnnotations.run();
      this.sql.clearAnnotationCursors.run();
      this.sql.clearBriefs.run();
    })();
    // Old pages would otherwise survive in the write-ahead log until the next checkpoint.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  loadDeviceId(): string | null {
    const row = this.db.prepare('SELECT id FROM device WHERE only = 1').get() as { id: string } | undefined;
    return row?.id ?? null;
  }

  saveDeviceId(id: string): void {
    this.db
      .prepare('INSERT INTO device (only, id) VALUES (1, ?) ON CONFLICT (only) DO UPDATE SET id = excluded.id')
      .run(id);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
