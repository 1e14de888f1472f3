import { AskAnswerSchema, type Ack, type AskHit } from '../protocol/index.js';
import type { HttpFetch } from './http.js';
import { getFromServer } from './server-get.js';
import type { StoredSession } from './store.js';

/**
 * Asks the meeting assistant on the server: the passages of the papers (and notes) the user
 * may see that answer `q`. The index lives on the server only, so offline there is no answer
 * (OFFLINE), never a stale one.
 */
export function fetchAssistantAnswer(
  http: HttpFetch,
  session: StoredSession | null,
  meetingId: string,
  q: string,
): Promise<Ack<AskHit[]>> {
  const path = `/api/meetings/${encodeURIComponent(meetingId)}/assistant/ask?q=${encodeURIComponent(q)}`;
  return getFromServer(http, session, path, AskAnswerSchema);
}
