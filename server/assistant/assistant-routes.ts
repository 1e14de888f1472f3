import type { FastifyInstance } from 'fastify';
import { AskQuerySchema, IdSchema, validationError } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { authenticate, sendCode, sendError } from '../http/http-errors.js';
import { askMeeting } from './ask.js';
import { BriefCache, meetingBrief } from './brief.js';
import { ActionItemCache, meetingActionItems } from './action-items-read.js';
import { PassageIndex } from './passage-index.js';

/**
 * A question runs on this node's main thread (segmenting a paper the first time it is asked
 * about, then ranking): one at a time per person, a few at once in all, and at most
 * ASKS_PER_MINUTE a person, so that one tablet asking in a loop cannot starve the room. A
 * brief (TextRank over each paper) is counted as a question, under the same limits.
 */
const MAX_ASKS_AT_ONCE = 4;
export const ASKS_PER_MINUTE = 30;
const MINUTE_MS = 60_000;

export interface AssistantRouteDeps {
  store: Store;
  now: () => Date;
  /** Default ASKS_PER_MINUTE. */
  asksPerMinute?: number | undefined;
  /** The node's passages (tests may hand in their own). */
  index?: PassageIndex;
}

/** The meeting assistant's HTTP API. */
export function registerAssistantRoutes(app: FastifyInstance, deps: AssistantRouteDeps): PassageIndex {
  const { store, now } = deps;
  const index = deps.index ?? new PassageIndex();
  const perMinute = deps.asksPerMinute ?? ASKS_PER_MINUTE;
  const busy = new Set<string>();
  // Per person: the times of their asks in the last minute.
  const recent = new Map<string, number[]>();

  /** Counts an ask of the person, or false past the budget. */
  function admit(userId: string): boolean {
    const t = now().getTime();
    // A sweep now and then keeps the map to those who asked lately.
    if (recent.size > 1000)
      for (const [id, times] of recent) if (times.every((x) => t - x >= MINUTE_MS)) recent.delete(id);
    const times = (recent.get(userId) ?? []).filter((x) => t - x < MINUTE_MS);
    if (times.length >= perMinute) {
      recent.set(userId, times);
      return false;
    }
    times.push(t);
    recent.set(userId, times);
    return true;
  }

  /** Runs `work` for the person under the limits above, or answers RATE_LIMITED. */
  async function limited<T>(userId: string, work: () => Promise<T>): Promise<T | 'RATE_LIMITED'> {
    if (busy.has(userId) || busy.size >= MAX_ASKS_AT_ONCE || !admit(userId)) return 'RATE_LIMITED';
    busy.add(userId);
    try {
      return await work();
    } finally {
      busy.delete(userId);
    }
  }

  app.get<{ Params: { meetingId: string }; Querystring: { q?: unknown } }>(
    '/api/meetings/:meetingId/assistant/ask',
    async (request, reply) => {
      const auth = await authenticate(store.db, request, reply, now());
      if (!auth) return reply;
      const meetingId = IdSchema.safeParse(request.params.meetingId);
      if (!meetingId.success) return sendCode(reply, 'NOT_FOUND');
      const q = AskQuerySchema.safeParse(request.query.q);
      if (!q.success) return sendError(reply, validationError(q.error));
      const answer = await limited(auth.user.id, () => askMeeting(store, index, auth.user, meetingId.data, q.data));
      if (answer === 'RATE_LIMITED') return sendCode(reply, 'RATE_LIMITED');
      return answer.ok
        ? reply.header('cache-control', 'private, no-store').send(answer.data)
        : sendError(reply, answer.error);
    },
  );

  const briefs = new BriefCache();
  app.get<{ Params: { meetingId: string } }>('/api/meetings/:meetingId/assistant/brief', async (request, reply) => {
    const auth = await authenticate(store.db, request, reply, now());
    if (!auth) return reply;
    const meetingId = IdSchema.safeParse(request.params.meetingId);
    if (!meetingId.success) return sendCode(reply, 'NOT_FOUND');
    const brief = await limited(auth.user.id, () => meetingBrief(store, index, briefs, auth.user, meetingId.data));
    if (brief === 'RATE_LIMITED') return sendCode(reply, 'RATE_LIMITED');
    // The person's own: what they may see, and which versions they opened.
    return brief.ok
      ? reply.header('cache-control', 'private, no-store').send(brief.data)
      : sendError(reply, brief.error);
  });

  const actionItems = new ActionItemCache();
  app.get<{ Params: { meetingId: string } }>(
    '/api/meetings/:meetingId/assistant/action-items',
    async (request, reply) => {
      const auth = await authenticate(store.db, request, reply, now());
      if (!auth) return reply;
      const meetingId = IdSchema.safeParse(request.params.meetingId);
      if (!meetingId.success) return sendCode(reply, 'NOT_FOUND');
      const answer = await limited(auth.user.id, () =>
        meetingActionItems(store, actionItems, auth.user, meetingId.data),
      );
      if (answer === 'RATE_LIMITED') return sendCode(reply, 'RATE_LIMITED');
      return answer.ok
        ? reply.header('cache-control', 'private, no-store').send(answer.data)
        : sendError(reply, answer.error);
    },
  );
  return index;
}
