import { ActionItemsAnswerSchema, type Ack, type ActionItemsAnswer } from '../protocol/index.js';
import type { HttpFetch } from './http.js';
import { getFromServer } from './server-get.js';
import type { StoredSession } from './store.js';

/**
 * The meeting's action items as the server finds them for this user (candidates and
 * decisions for the secretaries, confirmed items for everyone else). Found on the server
 * only, so offline there is none (OFFLINE), never a stale list.
 */
export function fetchActionItems(
  http: HttpFetch,
  session: StoredSession | null,
  meetingId: string,
): Promise<Ack<ActionItemsAnswer>> {
  const path = `/api/meetings/${encodeURIComponent(meetingId)}/assistant/action-items`;
  return getFromServer(http, session, path, ActionItemsAnswerSchema);
}
