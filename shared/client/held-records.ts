import { DocumentInfoSchema, MeetingRoleSchema, MeetingSnapshotSchema } from '../protocol/index.js';

/**
 * What a persistent store checks a record against when it reads it back: a record written by
 * an older version, or damaged, is dropped (the next sync fetches it again) rather than shown.
 * One definition for the desktop's SQLite store and the browser's IndexedDB store.
 */
export const MeetingStateSchema = MeetingSnapshotSchema.extend({ myRole: MeetingRoleSchema.nullable() });
export const DocumentListSchema = DocumentInfoSchema.array();
