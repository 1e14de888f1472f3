import type { IDBPDatabase } from 'idb';
import { DocumentListSchema, MeetingStateSchema } from '../../../shared/client/held-records.js';
import type { HeldBrief, MeetingState, StoredSession } from '../../../shared/client/store.js';
import {
  AnnotationSchema,
  MeetingBriefSchema,
  UserSchema,
  isCommandName,
  type Annotation,
  type DocumentInfo,
} from '../../../shared/protocol/index.js';
import { PERSONAL, type ClientDatabase, type QueuedRecord } from './indexeddb-schema.js';

/** What the database holds, checked: a record that does not read is left out (and in `unreadable`). */
export interface HeldRecords {
  deviceId: string | null;
  session: StoredSession | null;
  meetings: MeetingState[];
  briefs: HeldBrief[];
  /** In queue order. */
  outbox: QueuedRecord[];
  ballotKeys: Array<[voteId: string, { userId: string; key: string }]>;
  documentLists: Array<[meetingId: string, DocumentInfo[]]>;
  annotations: Array<[userId: string, Annotation[]]>;
  annotationCursors: Array<[userId: string, rev: number]>;
  /** Records written by an older version, or damaged: the store deletes them. */
  unreadable: Array<{ store: 'meetings' | 'briefs' | 'outbox' | 'documentLists' | 'annotations'; key: IDBValidKey }>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads everything in one transaction, checking each record as the desktop's SQLite store
 * does: a meeting of an older shape is dropped so the next sync starts it from a snapshot.
 */
export async function readHeld(db: IDBPDatabase<ClientDatabase>): Promise<HeldRecords> {
  const tx = db.transaction([...PERSONAL, 'device'], 'readonly');
  const all = async <
    S extends 'meetings' | 'briefs' | 'outbox' | 'ballotKeys' | 'documentLists' | 'annotations' | 'annotationCursors',
  >(
    name: S,
  ) => {
    const store = tx.objectStore(name);
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
    return keys.map((key, i) => [key, values[i] as unknown] as const);
  };
  const [deviceId, session, meetings, briefs, outbox, ballotKeys, documentLists, annotations, cursors] =
    await Promise.all([
      tx.objectStore('device').get('id'),
      tx.objectStore('session').get('current'),
      all('meetings'),
      all('briefs'),
      all('outbox'),
      all('ballotKeys'),
      all('documentLists'),
      all('annotations'),
      all('annotationCursors'),
    ]);
  await tx.done;

  const held: HeldRecords = {
    deviceId: typeof deviceId === 'string' ? deviceId : null,
    session: readSession(session),
    meetings: [],
    briefs: [],
    outbox: [],
    ballotKeys: [],
    documentLists: [],
    annotations: [],
    annotationCursors: [],
    unreadable: [],
  };
  for (const [key, value] of meetings) {
    const parsed = MeetingStateSchema.safeParse(value);
    if (parsed.success && parsed.data.meeting.id === key) held.meetings.push(parsed.data);
    else held.unreadable.push({ store: 'meetings', key });
  }
  for (const [key, value] of briefs) {
    const record = isRecord(value) ? value : {};
    const brief = MeetingBriefSchema.safeParse(record['brief']);
    const fetchedAt = record['fetchedAt'];
    if (brief.success && brief.data.meetingId === key && typeof fetchedAt === 'string')
      held.briefs.push({ meetingId: key, fetchedAt, brief: brief.data });
    else held.unreadable.push({ store: 'briefs', key });
  }
  for (const [key, value] of outbox) {
    const entry = isRecord(value) && isRecord(value['entry']) ? value['entry'] : null;
    const readable =
      entry &&
      isRecord(value) &&
      typeof value['position'] === 'number' &&
      entry['commandId'] === key &&
      typeof entry['name'] === 'string' &&
      isCommandName(entry['name']) &&
      isRecord(entry['payload']) &&
      typeof entry['createdAt'] === 'string';
    // A command this version cannot send (a damaged store) could never be delivered.
    if (readable) held.outbox.push(value as unknown as QueuedRecord);
    else held.unreadable.push({ store: 'outbox', key });
  }
  held.outbox.sort((a, b) => a.position - b.position);
  for (const [voteId, value] of ballotKeys)
    if (isRecord(value) && typeof value['userId'] === 'string' && typeof value['key'] === 'string')
      held.ballotKeys.push([voteId, { userId: value['userId'], key: value['key'] }]);
  for (const [key, value] of documentLists) {
    const parsed = DocumentListSchema.safeParse(value);
    if (parsed.success) held.documentLists.push([key, parsed.data]);
    else held.unreadable.push({ store: 'documentLists', key });
  }
  const byUser = new Map<string, Annotation[]>();
  for (const [key, value] of annotations) {
    const parsed = AnnotationSchema.safeParse(value);
    if (!parsed.success || parsed.data.id !== key[1]) {
      held.unreadable.push({ store: 'annotations', key });
      continue;
    }
    const list = byUser.get(key[0]) ?? [];
    list.push(parsed.data);
    byUser.set(key[0], list);
  }
  held.annotations = [...byUser];
  for (const [userId, rev] of cursors) if (typeof rev === 'number') held.annotationCursors.push([userId, rev]);
  return held;
}

function readSession(value: unknown): StoredSession | null {
  if (!isRecord(value) || typeof value['serverUrl'] !== 'string' || typeof value['token'] !== 'string') return null;
  const user = UserSchema.safeParse(value['user']);
  return user.success ? { serverUrl: value['serverUrl'], token: value['token'], user: user.data } : null;
}
