import type { Annotation, DocumentInfo } from '../protocol/index.js';
import type { ClientStore, HeldBrief, MeetingState, OutboxEntry, StoredSession } from './store.js';

/**
 * The store in memory: lives as long as the page. The browser's persistent stores build on it
 * (they load into it at start and write through), so all share one behaviour.
 */
export class MemoryClientStore implements ClientStore {
  protected session: StoredSession | null = null;
  private readonly meetings = new Map<string, MeetingState>();
  private outbox: OutboxEntry[] = [];
  private readonly documentLists = new Map<string, DocumentInfo[]>();
  protected readonly ballotKeys = new Map<string, { userId: string; key: string }>();
  /** Per user, by annotation id: a shared note is held apart for each person who sees it. */
  protected readonly annotations = new Map<string, Map<string, Annotation>>();
  private readonly annotationCursors = new Map<string, number>();
  private readonly briefs = new Map<string, HeldBrief>();
  private deviceId: string | null = null;

  loadDeviceId() {
    return this.deviceId;
  }
  saveDeviceId(id: string) {
    this.deviceId = id;
  }

  loadSession() {
    return this.session;
  }
  saveSession(session: StoredSession | null) {
    this.session = session;
  }
  loadMeetings() {
    return [...this.meetings.values()];
  }
  saveMeeting(meeting: MeetingState) {
    this.meetings.set(meeting.meeting.id, meeting);
  }
  deleteMeeting(meetingId: string) {
    this.meetings.delete(meetingId);
    this.briefs.delete(meetingId);
  }
  loadBriefs() {
    return [...this.briefs.values()];
  }
  saveBrief(held: HeldBrief) {
    this.briefs.set(held.meetingId, held);
  }
  deleteBrief(meetingId: string) {
    this.briefs.delete(meetingId);
  }
  listOutbox() {
    return [...this.outbox];
  }
  addToOutbox(entry: OutboxEntry) {
    if (!this.outbox.some((e) => e.commandId === entry.commandId)) this.outbox.push(entry);
  }
  reviseOutbox(commandId: string, payload: OutboxEntry['payload']) {
    this.outbox = this.outbox.map((e) => (e.commandId === commandId ? { ...e, payload } : e));
  }
  removeFromOutbox(commandId: string) {
    this.outbox = this.outbox.filter((e) => e.commandId !== commandId);
  }
  loadBallotKey(userId: string, voteId: string) {
    const held = this.ballotKeys.get(voteId);
    return held && held.userId === userId ? held.key : null;
  }
  saveBallotKey(userId: string, voteId: string, key: string) {
    this.ballotKeys.set(voteId, { userId, key });
  }
  listBallotKeyVotes() {
    return [...this.ballotKeys.keys()];
  }
  forgetBallotKeys(voteIds: readonly string[]) {
    for (const id of voteIds) this.ballotKeys.delete(id);
  }
  loadDocumentLists() {
    return [...this.documentLists].map(([meetingId, documents]) => ({ meetingId, documents }));
  }
  saveDocumentList(meetingId: string, documents: readonly DocumentInfo[]) {
    this.documentLists.set(meetingId, [...documents]);
  }
  deleteDocumentList(meetingId: string) {
    this.documentLists.delete(meetingId);
  }
  loadAnnotations(userId: string) {
    return [...(this.annotations.get(userId)?.values() ?? [])];
  }
  saveAnnotations(userId: string, annotations: readonly Annotation[]) {
    if (annotations.length === 0) return;
    let held = this.annotations.get(userId);
    if (!held) this.annotations.set(userId, (held = new Map()));
    for (const annotation of annotations) {
      const current = held.get(annotation.id);
      if (!current || annotation.rev > current.rev) held.set(annotation.id, annotation);
    }
  }
  loadAnnotationCursor(userId: string) {
    return this.annotationCursors.get(userId) ?? 0;
  }
  saveAnnotationCursor(userId: string, rev: number) {
    this.annotationCursors.set(userId, rev);
  }
  deleteAnnotationsOf(userId: string, documentIds: readonly string[]) {
    const held = this.annotations.get(userId);
    if (!held) return;
    const leaving = new Set(documentIds);
    for (const [id, annotation] of held) if (leaving.has(annotation.documentId)) held.delete(id);
  }
  forgetAnnotations(userId: string, ids: readonly string[]) {
    const held = this.annotations.get(userId);
    for (const id of ids) held?.delete(id);
  }
  clear() {
    this.session = null;
    this.documentLists.clear();
    this.meetings.clear();
    this.outbox = [];
    this.ballotKeys.clear();
    this.annotations.clear();
    this.annotationCursors.clear();
    this.briefs.clear();
  }
}
