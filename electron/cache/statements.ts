import type { Database, Statement } from 'better-sqlite3';

/** Every query of the offline cache. */
const SQL = {
  loadSession: 'SELECT server_url, token, user_json FROM session WHERE id = 1',
  saveSession: `INSERT INTO session (id, server_url, token, user_json) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET server_url = excluded.server_url, token = excluded.token,
         user_json = excluded.user_json`,
  deleteSession: 'DELETE FROM session',
  loadMeetings: 'SELECT meeting_id, state_json FROM meetings ORDER BY meeting_id',
  saveMeeting: `INSERT INTO meetings (meeting_id, seq, state_json, saved_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (meeting_id) DO UPDATE SET seq = excluded.seq, state_json = excluded.state_json,
         saved_at = excluded.saved_at`,
  deleteMeeting: 'DELETE FROM meetings WHERE meeting_id = ?',
  deleteMeetings: 'DELETE FROM meetings',
  listOutbox: 'SELECT command_id, name, payload_json, created_at FROM outbox ORDER BY id',
  // A command id already queued is the same command: the first one keeps its place.
  addToOutbox: 'INSERT OR IGNORE INTO outbox (command_id, name, payload_json, created_at) VALUES (?, ?, ?, ?)',
  removeFromOutbox: 'DELETE FROM outbox WHERE command_id = ?',
  reviseOutbox: 'UPDATE outbox SET payload_json = ? WHERE command_id = ?',
  clearOutbox: 'DELETE FROM outbox',
  loadBallotKey: 'SELECT key FROM ballot_keys WHERE vote_id = ? AND user_id = ?',
  saveBallotKey: `INSERT INTO ballot_keys (vote_id, user_id, key) VALUES (?, ?, ?)
       ON CONFLICT (vote_id) DO UPDATE SET user_id = excluded.user_id, key = excluded.key`,
  listBallotKeyVotes: 'SELECT vote_id FROM ballot_keys ORDER BY vote_id',
  deleteBallotKey: 'DELETE FROM ballot_keys WHERE vote_id = ?',
  clearBallotKeys: 'DELETE FROM ballot_keys',
  loadDocumentLists: 'SELECT meeting_id, list_json FROM document_lists ORDER BY meeting_id',
  saveDocumentList: `INSERT INTO document_lists (meeting_id, list_json, saved_at) VALUES (?, ?, ?)
       ON CONFLICT (meeting_id) DO UPDATE SET list_json = excluded.list_json, saved_at = excluded.saved_at`,
  deleteDocumentList: 'DELETE FROM document_lists WHERE meeting_id = ?',
  loadDocumentList: 'SELECT list_json FROM document_lists WHERE meeting_id = ?',
  clearDocumentLists: 'DELETE FROM document_lists',
  loadAnnotations:
    'SELECT id, document_id, rev, record_json FROM annotations WHERE user_id = ? ORDER BY document_id, id',
  // A late echo of an older write leaves the newer one; another user's copy is another row.
  saveAnnotation: `INSERT INTO annotations (user_id, id, document_id, rev, record_json) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, id) DO UPDATE SET document_id = excluded.document_id, rev = excluded.rev,
         record_json = excluded.record_json
       WHERE excluded.rev > annotations.rev`,
  deleteAnnotation: 'DELETE FROM annotations WHERE user_id = ? AND id = ?',
  deleteAnnotationsOfDocument: 'DELETE FROM annotations WHERE user_id = ? AND document_id = ?',
  forgetAnnotation: 'DELETE FROM annotations WHERE user_id = ? AND id = ?',
  clearAnnotations: 'DELETE FROM annotations',
  loadAnnotationCursor: 'SELECT rev FROM annotation_cursors WHERE user_id = ?',
  saveAnnotationCursor: `INSERT INTO annotation_cursors (user_id, rev) VALUES (?, ?)
       ON CONFLICT (user_id) DO UPDATE SET rev = excluded.rev`,
  deleteAnnotationCursor: 'DELETE FROM annotation_cursors WHERE user_id = ?',
  clearAnnotationCursors: 'DELETE FROM annotation_cursors',
  loadBriefs: 'SELECT meeting_id, fetched_at, brief_json FROM briefs ORDER BY meeting_id',
  saveBrief: `INSERT INTO briefs (meeting_id, fetched_at, brief_json) VALUES (?, ?, ?)
       ON CONFLICT (meeting_id) DO UPDATE SET fetched_at = excluded.fetched_at, brief_json = excluded.brief_json`,
  deleteBrief: 'DELETE FROM briefs WHERE meeting_id = ?',
  clearBriefs: 'DELETE FROM briefs',
  listCopies: 'SELECT sha256 FROM document_copies ORDER BY sha256',
  addCopy: `INSERT INTO document_copies (sha256, size, verified_at) VALUES (?, ?, ?)
       ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, verified_at = excluded.verified_at`,
  removeCopy: 'DELETE FROM document_copies WHERE sha256 = ?',
  clearCopies: 'DELETE FROM document_copies',
} as const;

export type CacheStatements = { readonly [K in keyof typeof SQL]: Statement };

/** Prepared once per connection: the outbox is read on every flush. */
export function prepareStatements(db: Database): CacheStatements {
  const entries = Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)] as const);
  return Object.fromEntries(entries) as CacheStatements;
}

export interface SessionRow {
  server_url: string;
  token: string;
  user_json: string;
}
export interface MeetingRow {
  meeting_id: string;
  state_json: string;
}
export interface OutboxRow {
  command_id: string;
  name: string;
  payload_json: string;
  created_at: string;
}
export interface DocumentListRow {
  meeting_id: string;
  list_json: string;
}
export interface BriefRow {
  meeting_id: string;
  fetched_at: string;
  brief_json: string;
}
export interface AnnotationRow {
  id: string;
  document_id: string;
  rev: number;
  record_json: string;
}
