import type { z } from 'zod';
import {
  ActionItemsAnswerSchema,
  AskAnswerSchema,
  MeetingBriefSchema,
  protocolError,
  type Ack,
  type ActionItemsAnswer,
  type AskHit,
  type MeetingBrief,
} from '../protocol/index.js';
import type { HttpFetch } from './http.js';
import { readError } from './session-http.js';
import type { StoredSession } from './store.js';

/** A GET of the meeting assistant's API, its answer checked against `schema`. */
async function fetchAssistant<T>(
  http: HttpFetch,
  session: StoredSession | null,
  meetingId: string,
  path: string,
  schema: z.ZodType<T>,
): Promise<Ack<T>> {
  if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
  const url = `${session.serverUrl}/api/meetings/${encodeURIComponent(meetingId)}/assistant/${path}`;
  let res: Awaited<ReturnType<HttpFetch>>;
  try {
    res = await http(url, { method: 'GET', headers: { authorization: `Bearer ${session.token}` } });
  } catch {
    return { ok: false, error: protocolError('OFFLINE') };
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) return { ok: false, error: readError(body) };
  // A server of another version could answer otherwise: an unreadable answer is an error, not data.
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: protocolError('INTERNAL') };
}

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
  return fetchAssistant(http, session, meetingId, `ask?q=${encodeURIComponent(q)}`, AskAnswerSchema);
}

/** The user's brief of a meeting (brief-sync.ts keeps it for offline). */
export function fetchMeetingBrief(
  http: HttpFetch,
  session: StoredSession | null,
  meetingId: string,
): Promise<Ack<MeetingBrief>> {
  return fetchAssistant(http, session, meetingId, 'brief', MeetingBriefSchema);
}

/**
 * The meeting's action items as the server finds them for this user (candidates and
 * decisions for the secretaries, confirmed items for everyone else): server only, so OFFLINE
 * without it, never a stale list.
 */
export function fetchActionItems(
  http: HttpFetch,
  session: StoredSession | null,
  meetingId: string,
): Promise<Ack<ActionItemsAnswer>> {
  return fetchAssistant(http, session, meetingId, 'action-items', ActionItemsAnswerSchema);
}
