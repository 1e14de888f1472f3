import {
  AUDIT_PAGE_SIZE,
  protocolError,
  type Ack,
  type AuditChainCheck,
  type AuditListRequest,
  type AuditListResult,
  type AuditRow,
} from '../../shared/protocol/index.js';
import { canReadAuditLog } from '../../shared/domain/index.js';
import type { Db } from '../db/schema.js';
import type { Store } from '../db/store.js';
import type { UserRecord } from '../users/user-queries.js';
import { checkAuditChains, checkLiveAuditChains, GLOBAL_CHAIN, type ChainReport } from './audit-log.js';

/**
 * `audit:list`: the log for an admin, newest first, with names resolved and, on the first
 * page, every chain the filter covers checked. Read in one snapshot, so a row committed
 * meanwhile is neither half-counted nor taken for a cut tail.
 */
export async function listAudit(
  store: Store,
  actor: UserRecord,
  query: AuditListRequest,
): Promise<Ack<AuditListResult>> {
  if (!canReadAuditLog(actor)) return { ok: false, error: protocolError('FORBIDDEN') };
  const limit = query.limit ?? AUDIT_PAGE_SIZE;
  const first = query.before === undefined;
  // Walked before the page is read, outside its snapshot (see checkLiveAuditChains).
  const chains = first ? await liveCheckedChains(store, query.meetingId) : null;
  return store.snapshot(async (db) => {
    let q = db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .leftJoin('meetings as m', 'm.id', 'a.meeting_id')
      .select(['a.id', 'a.at', 'a.action', 'a.actor_id', 'a.meeting_id', 'a.detail', 'u.display_name', 'm.title'])
      .orderBy('a.id', 'desc')
      .limit(limit + 1);
    if (query.meetingId === null) q = q.where('a.chain', '=', GLOBAL_CHAIN);
    else if (query.meetingId !== undefined) q = q.where('a.chain', '=', query.meetingId);
    if (query.actorId !== undefined) q = q.where('a.actor_id', '=', query.actorId);
    if (query.action !== undefined) q = q.where('a.action', '=', query.action);
    if (query.before !== undefined) q = q.where('a.id', '<', query.before);
    const found = await q.execute();
    const page = found.slice(0, limit);
    const rows: AuditRow[] = page.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      actor: r.actor_id === null ? null : { id: r.actor_id, name: r.display_name },
      meeting: r.meeting_id === null ? null : { id: r.meeting_id, name: r.title },
      detail: visibleDetail(r.detail),
    }));
    return {
      ok: true,
      data: {
        rows,
        next: found.length > limit ? (page.at(-1)?.id ?? null) : null,
        chains,
        filters: first ? await filterChoices(db) : null,
      },
    };
  });
}

/**
 * What a row's detail may show: its plain values (ids, states, counts, a title), never a
 * vote's result (the close's row holds it before it is published) nor anything nested.
 */
const HIDDEN_DETAIL = new Set(['result']);
const MAX_SHOWN_TEXT = 200;

export function visibleDetail(text: string): AuditRow['detail'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  const shown: AuditRow['detail'] = {};
  if (!parsed || typeof parsed !== 'object') return shown;
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (HIDDEN_DETAIL.has(key)) continue;
    if (typeof value === 'string')
      shown[key] = value.length > MAX_SHOWN_TEXT ? `${value.slice(0, MAX_SHOWN_TEXT)}…` : value;
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) shown[key] = value;
  }
  return shown;
}

/** The chains a filter covers (a meeting's, the global one, or all), checked, with meetings' titles. */
export async function checkedChains(db: Db, meetingId?: string | null): Promise<AuditChainCheck[]> {
  return titled(db, await checkAuditChains(db, chainsOf(meetingId)));
}

const walking = new WeakMap<Store, Map<string, Promise<AuditChainCheck[]>>>();

/**
 * `checkedChains` for a running server: walked a page at a time (checkLiveAuditChains), and
 * one walk per filter at a time, shared by whoever asks meanwhile: a flood of `audit:list`
 * or `cabinet audit verify` costs one walk, not one each.
 */
export function liveCheckedChains(store: Store, meetingId?: string | null): Promise<AuditChainCheck[]> {
  const key = meetingId === undefined ? '*' : (meetingId ?? GLOBAL_CHAIN);
  let under = walking.get(store);
  if (!under) walking.set(store, (under = new Map()));
  const running = under.get(key);
  if (running) return running;
  const walk = (async () => {
    try {
      const reports = await checkLiveAuditChains(store, chainsOf(meetingId));
      return await titled(store.db, reports);
    } finally {
      under.delete(key);
    }
  })();
  under.set(key, walk);
  return walk;
}

function chainsOf(meetingId: string | null | undefined): string[] | undefined {
  return meetingId === undefined ? undefined : [meetingId ?? GLOBAL_CHAIN];
}

async function titled(db: Db, reports: ChainReport[]): Promise<AuditChainCheck[]> {
  const titles = await meetingTitles(db);
  return reports.map((r) => ({ ...r, meetingTitle: titles.get(r.chain) ?? null }));
}

async function meetingTitles(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('meetings').select(['id', 'title']).execute();
  return new Map(rows.map((m) => [m.id, m.title]));
}

async function filterChoices(db: Db): Promise<NonNullable<AuditListResult['filters']>> {
  const meetings = await db
    .selectFrom('audit_log as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select(['m.id', 'm.title'])
    .distinct()
    .orderBy('m.title')
    .execute();
  const people = await db
    .selectFrom('audit_log as a')
    .innerJoin('users as u', 'u.id', 'a.actor_id')
    .select(['u.id', 'u.display_name'])
    .distinct()
    .orderBy('u.display_name')
    .execute();
  const actions = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return {
    meetings: meetings.map((m) => ({ id: m.id, name: m.title })),
    people: people.map((p) => ({ id: p.id, name: p.display_name })),
    actions: actions.map((a) => a.action),
  };
}
