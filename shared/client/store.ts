import type {
  Annotation,
  CommandName,
  DocumentInfo,
  MeetingBrief,
  MeetingRole,
  MeetingSnapshot,
  User,
} from '../protocol/index.js';

/** One meeting as the client holds it: the snapshot it has reached, and the user's role. */
export interface MeetingState extends MeetingSnapshot {
  myRole: MeetingRole | null;
}

export interface StoredSession {
  serverUrl: string;
  token: string;
  user: User;
}

/** A command not yet acknowledged by the server, kept in the order it was made. */
export interface OutboxEntry {
  commandId: string;
  name: CommandName;
  payload: Record<string, unknown> & { commandId: string };
  createdAt: string;
}

/** A meeting's brief for the signed-in user, as the server last answered it, and when. */
export interface HeldBrief {
  meetingId: string;
  fetchedAt: string;
  brief: MeetingBrief;
}

/**
 * Where the client core keeps what must outlive a page or a process. Injected: a memory
 * store in the browser tab, SQLite in the desktop's main process. Synchronous on purpose:
 * both real stores are, and it lets the core update state and storage in one step.
 */
export interface ClientStore {
  loadSession(): StoredSession | null;
  saveSession(session: StoredSession | null): void;
  loadMeetings(): MeetingState[];
  /** Saves the whole state of one meeting atomically (state and cursor together). */
  saveMeeting(meeting: MeetingState): void;
  /** Deletes one meeting's state and what is kept with it (its brief). */
  deleteMeeting(meetingId: string): void;
  /**
   * Per meeting, the user's brief as last fetched: it shows offline with the meeting, and
   * goes with it (`deleteMeeting`, `clear`).
   */
  loadBriefs(): HeldBrief[];
  saveBrief(held: HeldBrief): void;
  deleteBrief(meetingId: string): void;
  listOutbox(): OutboxEntry[];
  addToOutbox(entry: OutboxEntry): void;
  removeFromOutbox(commandId: string): void;
  /** Replaces a queued command's payload (a follow-up edit moved to its new base version). */
  reviseOutbox(commandId: string, payload: OutboxEntry['payload']): void;
  /**
   * The signed-in user's ballot keys, one per vote (see ballot-keys.ts). Kept per user, so a
   * second person on the same device never reuses the first one's key.
   */
  loadBallotKey(userId: string, voteId: string): string | null;
  saveBallotKey(userId: string, voteId: string, key: string): void;
  /** The votes this store holds a key for, whoever the user. */
  listBallotKeyVotes(): string[];
  /** Erases those keys for good (not only from a table: from the file's free pages and log too). */
  forgetBallotKeys(voteIds: readonly string[]): void;
  /**
   * Per meeting, the documents the user may see as last listed: the reader shows them
   * offline, and the device knows which cached copies to delete when they leave the list.
   */
  loadDocumentLists(): Array<{ meetingId: string; documents: DocumentInfo[] }>;
  saveDocumentList(meetingId: string, documents: readonly DocumentInfo[]): void;
  deleteDocumentList(meetingId: string): void;
  /**
   * The annotations the device holds for this user: their own (tombstones too, so a deleted one
   * is never sent back) and others' shared ones. Kept per user, like ballot keys: a second
   * person on the same tablet never sees the first one's notes.
   */
  loadAnnotations(userId: string): Annotation[];
  /** Upserts by id, keeping whichever has the higher `rev` (a late echo never overwrites a newer write). */
  saveAnnotations(userId: string, annotations: readonly Annotation[]): void;
  /** The highest `rev` of the user's own annotations the device has applied: where `annotation:sync` resumes. */
  loadAnnotationCursor(userId: string): number;
  saveAnnotationCursor(userId: string, rev: number): void;
  /** Drops the annotations of documents that left the device. */
  deleteAnnotationsOf(userId: string, documentIds: readonly string[]): void;
  /** Drops these annotations (others' shared ones that were withdrawn while the device was away). */
  forgetAnnotations(userId: string, ids: readonly string[]): void;
  /** Forget everything: sign-out, or a revoked device. The device id stays (see `loadDeviceId`). */
  clear(): void;
  /**
   * The id this device names itself by to the server (devices.ts), made once and kept:
   * `clear()` leaves it, so a revoked device stays known as revoked after its wipe.
   */
  loadDeviceId(): string | null;
  saveDeviceId(id: string): void;
}
