import type { DocumentInfo } from '../protocol/index.js';
import type { ClientStore, MeetingState, OutboxEntry, StoredSession } from './store.js';

/** The browser tab's store: lives as long as the page. */
export class MemoryClientStore implements ClientStore {
  private session: StoredSession | null = null;
  private readonly meetings = new Map<string, MeetingState>();
  private outbox: OutboxEntry[] = [];
  private readonly documentLists = new Map<string, DocumentInfo[]>();
  protected readonly ballotKeys = new Map<string, { userId: string; key: string }>();

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
  clear() {
    this.session = null;
    this.documentLists.clear();
    this.meetings.clear();
    this.outbox = [];
    this.ballotKeys.clear();
  }
}
