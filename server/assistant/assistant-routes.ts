import type { FastifyInstance } from 'fastify';
import { AskQuerySchema, IdSchema, validationError, type Ack } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { authenticate, sendCode, sendError } from '../http/http-errors.js';
import type { UserRecord } from '../users/user-queries.js';
import { AssistantSlots, PerMinuteBudget } from './assistant-limits.js';
import { askMeeting } from './ask.js';
import { BriefCache, meetingBrief } from './brief.js';
import { ActionItemCache, meetingActionItems } from './action-items-read.js';
import { PassageIndex } from './passage-index.js';

/**
 * Questions (BM25 over the meeting's passages, segmenting a paper the first time) and
 * readings (a brief: TextRank over each paper; the action items) share the node's slots, one
 * at a time per person and MAX_AT_ONCE in all, but each has its own budget a minute: a tablet
 * whose flaky Wi-Fi makes it sync, and so fetch its briefs, again and again must not use up
 * the questions of the person holding it.
 */
const MAX_AT_ONCE = 4;
export const ASKS_PER_MINUTE = 30;
export const READINGS_PER_MINUTE = 30;
/**
 * Action items have a budget of their own: a secretary's tablet fetches the brief of every
 * coming meeting with papers, unasked, at each sync, and with some thirty of them that alone
 * used up a shared budget, so the action-items panel she opened answered "too many tries".
 */
export const ACTION_ITEM_READS_PER_MINUTE = 30;

export interface AssistantRouteDeps {
  store: Store;
  now: () => Date;
  /** Default ASKS_PER_MINUTE (and READINGS_PER_MINUTE, ACTION_ITEM_READS_PER_MINUTE when given). */
  asksPerMinute?: number | undefined;
  /** The node's passages (tests may hand in their own). */
  index?: PassageIndex;
}

/** The meeting assistant's HTTP API. */
export function registerAssistantRoutes(app: FastifyInstance, deps: AssistantRouteDeps): PassageIndex {
  const { store, now } = deps;
  const index = deps.index ?? new PassageIndex();
  const slots = new AssistantSlots(MAX_AT_ONCE);
  const questions = new PerMinuteBudget(deps.asksPerMinute ?? ASKS_PER_MINUTE, now);
  const readings = new PerMinuteBudget(deps.asksPerMinute ?? READINGS_PER_MINUTE, now);
  const actionItemReads = new PerMinuteBudget(deps.asksPerMinute ?? ACTION_ITEM_READS_PER_MINUTE, now);

  /**
   * A GET of the assistant for a meeting: the caller authenticated (and past a one-time
   * password), the meeting id well formed (else 404 as for a meeting not there), the query
   * read (`read`; a bad one answered 400 before any budget is spent), `work` run under the
   * slots and `budget`; the answer the person's own, never cached.
   */
  function route<Q>(
    path: string,
    budget: PerMinuteBudget,
    read: (query: Record<string, unknown>) => Ack<Q>,
    work: (user: UserRecord, meetingId: string, query: Q) => Promise<Ack<unknown>>,
  ): void {
    app.get<{ Params: { meetingId: string }; Querystring: Record<string, unknown> }>(
      `/api/meetings/:meetingId/assistant/${path}`,
      async (request, reply) => {
        const auth = await authenticate(store.db, request, reply, now());
        if (!auth) return reply;
        const meetingId = IdSchema.safeParse(request.params.meetingId);
        if (!meetingId.success) return sendCode(reply, 'NOT_FOUND');
        const query = read(request.query);
        if (!query.ok) return sendError(reply, query.error);
        const answer = await slots.run(auth.user.id, budget, () => work(auth.user, meetingId.data, query.data));
        if (answer === 'RATE_LIMITED') return sendCode(reply, 'RATE_LIMITED');
        return answer.ok
          ? reply.header('cache-control', 'private, no-store').send(answer.data)
          : sendError(reply, answer.error);
      },
    );
  }

  const noQuery = (): Ack<null> => ({ ok: true, data: null });
  route(
    'ask',
    questions,
    (query) => {
      const q = AskQuerySchema.safeParse(query.q);
      return q.success ? { ok: true, data: q.data } : { ok: false, error: validationError(q.error) };
    },
    (user, meetingId, q) => askMeeting(store, index, user, meetingId, q),
  );
  const briefs = new BriefCache();
  route('brief', readings, noQuery, (user, meetingId) => meetingBrief(store, index, briefs, user, meetingId));
  const actionItems = new ActionItemCache();
  route('action-items', actionItemReads, noQuery, (user, meetingId) =>
    meetingActionItems(store, actionItems, user, meetingId),
  );
  return index;
}
