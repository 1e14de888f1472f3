import type { Database } from 'better-sqlite3';

/**
 * The secretary's decisions on the assistant's action items (issue 14): one row per meeting
 * and extracted sentence (`item_key`, a hash of its source and words), confirmed (with who,
 * what and when as the secretary left them) or dropped. A candidate nobody decided has no
 * row: it is found again in the papers each time. The source is a paper's page (document,
 * version, page) or the minutes (an agenda item's number); the sentence is kept as written,
 * so a confirmed task outlives a new version of its paper. No foreign key on the document:
 * a paper taken out of the meeting takes its decisions with it (`deleteDocument`).
 */
const script = `
  CREATE TABLE action_item_decisions (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    item_key TEXT NOT NULL,
    source_kind TEXT NOT NULL CHECK (source_kind IN ('document', 'minutes')),
    document_id TEXT,
    version INTEGER,
    page INTEGER,
    agenda_number TEXT,
    minutes_field TEXT CHECK (minutes_field IN ('discussion', 'decisions')),
    agenda_item_id TEXT,
    sentence TEXT NOT NULL,
    who TEXT NOT NULL,
    what TEXT NOT NULL,
    due_text TEXT,
    due_iso TEXT,
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'dropped')),
    decided_by TEXT NOT NULL REFERENCES users(id),
    decided_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, item_key),
    CHECK ((source_kind = 'document') = (document_id IS NOT NULL))
  );
  CREATE INDEX action_item_decisions_document ON action_item_decisions(document_id);
`;

export function sqlite(db: Database): void {
  db.exec(script);
}

export const postgres = script;
