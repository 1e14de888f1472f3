import type { Migration } from './migration.js';

/**
 * Per meeting, the user's brief as last fetched (MeetingBriefSchema, as JSON): it shows
 * offline with the meeting, and goes with it (`deleteMeeting`, `clear`).
 */
export const migration0070Briefs: Migration = {
  version: 70,
  name: 'briefs',
  up(db) {
    db.exec(`
      CREATE TABLE briefs (
        meeting_id TEXT PRIMARY KEY,
        fetched_at TEXT NOT NULL,
        brief_json TEXT NOT NULL
      ) STRICT;
    `);
  },
};
