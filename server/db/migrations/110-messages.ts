import type { Database } from 'better-sqlite3';

/**
 * Requests from the seats to the secretaries' desk, and notices from the chair or a secretary
 * to the tablets (issue 12). A row is one message as it is now; nothing of it goes into
 * `meeting_changes`, which every participant receives.
 *
 * The id is the `commandId` of the command that made the message. `recipient_id` names the
 * one person a notice is for (null: every tablet; always null for a request). `chair_may_see`
 * is the sender's choice for a request. `topic` and `state` belong to requests only. `rev` is
 * the row's own count of writes: the order of its copies on a device, telling nobody how
 * many other messages there are.
 */
const table = `
  CREATE TABLE meeting_messages (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    kind TEXT NOT NULL CHECK (kind IN ('request', 'notice')),
    sender_id TEXT NOT NULL REFERENCES users(id),
    recipient_id TEXT REFERENCES users(id),
    chair_may_see INTEGER NOT NULL CHECK (chair_may_see IN (0, 1)),
    topic TEXT CHECK (topic IN ('print', 'device', 'microphone', 'water', 'other')),
    body TEXT NOT NULL,
    state TEXT CHECK (state IN ('open', 'acknowledged', 'done', 'declined', 'withdrawn')),
    answer TEXT NOT NULL,
    answered_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    rev INTEGER NOT NULL,
    CHECK (
      (kind = 'request' AND topic IS NOT NULL AND state IS NOT NULL AND recipient_id IS NULL)
      OR (kind = 'notice' AND topic IS NULL AND state IS NULL)
    )
  );
  CREATE INDEX meeting_messages_meeting ON meeting_messages(meeting_id, created_at);
  CREATE INDEX meeting_messages_sender ON meeting_messages(meeting_id, sender_id, kind, created_at);
  CREATE INDEX meeting_messages_recipient ON meeting_messages(meeting_id, recipient_id) WHERE recipient_id IS NOT NULL;
`;

export function sqlite(db: Database): void {
  db.exec(table);
}

export const postgres = table;
