import { canInMeeting, numberAgenda } from '../../shared/domain/index.js';
import {
  ACTION_ITEMS_LABEL,
  protocolError,
  type Ack,
  type ActionItem,
  type ActionItemSource,
  type ActionItemsAnswer,
} from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { paperView, visibleDocuments } from '../documents/document-audience.js';
import type { DocumentRecord } from '../documents/document-queries.js';
import { listAgenda } from '../meetings/meeting-queries.js';
import { findMinutesDraft } from '../minutes/minutes-drafts.js';
import type { UserRecord } from '../users/user-queries.js';
import { versionSource } from './ask.js';
import type { DecisionRow } from './action-item-decisions.js';
import { actionsInMinutes, actionsInPaper, type ActionCandidate } from './action-items.js';
import { agendaInOrder } from './brief.js';

/**
 * The action items of a meeting for one person (`GET …/assistant/action-items`).
 *
 * What each person sees — decided here, and written in the protocol reference:
 * - the secretaries and admins (who decide: `minutes:edit`) get every candidate of the papers
 *   they may see and of the minutes' draft, each with its decision, dropped ones included,
 *   and decided items no longer found (`gone`);
 * - everyone else gets the confirmed items of the papers they may see, and those of the
 *   minutes when they may read the minutes (the chair); never a candidate, a dropped item,
 *   or anything of a paper kept from them — not its sentence, its who/what/when, nor a count.
 * Papers are read by the document list's own rule (`paperView`, `visibleDocuments`), once.
 */

/** Extracts of a paper's version, kept per node: a version's text never changes. */
export class ActionItemCache {
  private readonly byVersion = new Map<string, ActionCandidate[]>();
  private static readonly MAX = 300;

  async of(store: Store, d: DocumentRecord): Promise<ActionCandidate[]> {
    const key = `${d.id}@${d.version}:${d.sha256}`;
    const hit = this.byVersion.get(key);
    if (hit) {
      this.byVersion.delete(key);
      this.byVersion.set(key, hit);
      return hit;
    }
    const pages = await versionSource(store.db, d.id, d.version, d.sha256).pages();
    const found = await actionsInPaper(d.id, d.version, pages);
    this.byVersion.set(key, found);
    while (this.byVersion.size > ActionItemCache.MAX) {
      const oldest = this.byVersion.keys().next().value;
      if (oldest === undefined) break;
      this.byVersion.delete(oldest);
    }
    return found;
  }
}

function sourceOf(row: DecisionRow): ActionItemSource {
  return row.source_kind === 'document'
    ? { kind: 'document', documentId: row.document_id!, version: row.version!, page: row.page! }
    : { kind: 'minutes', agendaNumber: row.agenda_number!, field: row.minutes_field ?? 'discussion' };
}

export async function meetingActionItems(
  store: Store,
  cache: ActionItemCache,
  user: UserRecord,
  meetingId: string,
): Promise<Ack<ActionItemsAnswer>> {
  const read = await store.snapshot(async (db) => {
    const view = await paperView(db, meetingId, user);
    if (!view) return null;
    const access = { role: view.viewer.role, status: view.meeting.status };
    // A cancelled or archived meeting takes no more decisions: its list is read as everyone reads it.
    const mayDecide =
      canInMeeting(user, 'minutes:edit', access) &&
      view.meeting.cancellation === null &&
      view.meeting.archivedAt === null;
    const mayReadMinutes = canInMeeting(user, 'minutes:read', access);
    const documents = await visibleDocuments(db, view);
    const agenda = numberAgenda(await listAgenda(db, meetingId));
    const order = agendaInOrder(await listAgenda(db, meetingId));
    const draft = mayReadMinutes ? await findMinutesDraft(db, meetingId) : null;
    const visible = new Set(documents.map((d) => d.id));
    const rows = (
      await db
        .selectFrom('action_item_decisions as a')
        .innerJoin('users as u', 'u.id', 'a.decided_by')
        .selectAll('a')
        .select('u.display_name')
        .where('a.meeting_id', '=', meetingId)
        .orderBy('a.decided_at')
        .orderBy('a.item_key')
        .execute()
    ).filter((r) =>
      r.source_kind === 'document' ? r.document_id !== null && visible.has(r.document_id) : mayReadMinutes,
    );
    return { mayDecide, mayReadMinutes, documents, agenda, order, draft, rows };
  });
  if (!read) return { ok: false, error: protocolError('NOT_FOUND') };

  const position = new Map(read.order.map((item, i) => [item.id, i]));
  const papers = [...read.documents].sort(
    (a, b) =>
      (position.get(a.agendaItemId ?? '') ?? Infinity) - (position.get(b.agendaItemId ?? '') ?? Infinity) ||
      a.title.localeCompare(b.title, 'vi'),
  );
  const paperOf = new Map(papers.map((d) => [d.id, d]));
  const itemByNumber = new Map(read.agenda.map((i) => [i.number, i]));
  const decisions = new Map(read.rows.map((r) => [r.item_key, r]));

  const titleOf = (source: ActionItemSource) =>
    source.kind === 'document'
      ? (paperOf.get(source.documentId)?.title ?? '')
      : (read.draft?.content.agenda.find((i) => i.number === source.agendaNumber)?.title ??
        itemByNumber.get(source.agendaNumber)?.title ??
        '');
  const agendaItemOf = (source: ActionItemSource) =>
    source.kind === 'document'
      ? (paperOf.get(source.documentId)?.agendaItemId ?? null)
      : (itemByNumber.get(source.agendaNumber)?.id ?? null);

  const decided = (row: DecisionRow & { display_name: string }, gone: boolean, at?: ActionCandidate): ActionItem => {
    const source = at?.source ?? sourceOf(row);
    return {
      key: row.item_key,
      source,
      title: titleOf(source),
      agendaItemId: agendaItemOf(source),
      sentence: row.sentence,
      who: row.who,
      what: row.what,
      when: row.due_text,
      whenIso: row.due_iso,
      status: row.status,
      decidedBy: row.display_name,
      decidedAt: row.decided_at,
      gone,
    };
  };

  if (!read.mayDecide) {
    const items = read.rows.filter((r) => r.status === 'confirmed').map((r) => decided(r, false));
    return { ok: true, data: { meetingId, label: ACTION_ITEMS_LABEL, mayDecide: false, items } };
  }

  const candidates: ActionCandidate[] = [];
  for (const d of papers) candidates.push(...(await cache.of(store, d)));
  if (read.draft) candidates.push(...actionsInMinutes(read.draft.content.agenda));
  const items: ActionItem[] = [];
  const found = new Set<string>();
  for (const c of candidates) {
    found.add(c.key);
    const row = decisions.get(c.key);
    items.push(
      row
        ? decided(row, false, c)
        : {
            key: c.key,
            source: c.source,
            title: titleOf(c.source),
            agendaItemId: agendaItemOf(c.source),
            sentence: c.sentence,
            who: c.who,
            what: c.what,
            when: c.when,
            whenIso: c.whenIso,
            status: 'candidate',
            decidedBy: null,
            decidedAt: null,
            gone: false,
          },
    );
  }
  for (const row of read.rows) if (!found.has(row.item_key)) items.push(decided(row, true));
  return { ok: true, data: { meetingId, label: ACTION_ITEMS_LABEL, mayDecide: true, items } };
}
