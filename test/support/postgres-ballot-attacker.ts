import { createHash } from 'node:crypto';
import pg from 'pg';
import type { AttackTarget } from './ballot-attacker.js';

/**
 * The attacker of the secrecy test, on PostgreSQL: someone with full SQL access to the
 * database (a superuser, a DBA) after a secret vote. Besides every table it reads what a
 * SELECT never shows: each row version's transaction ids (xmin), the versions that an update
 * or delete left behind (dead tuples, still in the pages until a vacuum), and the raw bytes of
 * every page of every table and index (pageinspect). It does not call the server's code.
 *
 * Rows that one transaction wrote share its xmin: a ballot and its voter's row, or a changed
 * ballot and the voter's `vote:cast` command, are linked that way unless the seal rewrote
 * them and the old versions are gone.
 */
export interface PostgresAttackReport {
  /** Row versions (live and dead) of the vote's ballots the attacker read. */
  ballotVersions: number;
  /** Versions of the vote's ballots or voters that an update or delete left in the pages. */
  deadVersions: number;
  /** Voter → choices, where exactly one voter's row or command shares a ballot version's xmin. */
  xminLinks: Map<string, string>;
  /** voter → choices guesses from the physical order of ballot rows against the order of casting. */
  orderGuesses: Array<Map<string, string>>;
  rowLinks: string[];
  joinLinks: string[];
  keyHits: string[];
}

interface Tuple {
  relation: string;
  page: number;
  lp: number;
  xmin: string;
  xmax: string;
  attrs: string[];
}

const sha256 = (domain: string, key: string) => createHash('sha256').update(domain).update(key).digest('hex');

/** A text attribute as the page holds it: a 1-byte or 4-byte length header, then the bytes. */
function text(raw: string | null): string {
  if (!raw) return '';
  const bytes = Buffer.from(raw.replace(/^\\x/, ''), 'hex');
  if (bytes.length === 0) return '';
  const first = bytes[0] ?? 0;
  return bytes.subarray((first & 1) === 1 ? 1 : 4).toString('utf8');
}

function normalise(choices: string): string {
  try {
    return JSON.stringify((JSON.parse(choices) as string[]).slice().sort());
  } catch {
    return choices.trim();
  }
}

export async function attackPostgresDatabase(url: string, target: AttackTarget): Promise<PostgresAttackReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
    const relations = (
      await client.query<{ relname: string; relkind: string; pages: number }>(
        `SELECT c.relname, c.relkind, (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS pages
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname IN ('public', 'pg_toast') AND c.relkind IN ('r', 'i', 't')
            AND (n.nspname = 'public' OR c.relname LIKE 'pg_toast_%')`,
      )
    ).rows;
    const tuples: Tuple[] = [];
    const pages: Array<{ relation: string; page: number; bytes: Buffer }> = [];
    for (const rel of relations) {
      for (let page = 0; page < rel.pages; page++) {
        const qualified = rel.relname.startsWith('pg_toast_') ? `pg_toast.${rel.relname}` : rel.relname;
        const raw = await client.query<{ bytes: Buffer }>('SELECT get_raw_page($1, $2) AS bytes', [qualified, page]);
        pages.push({ relation: rel.relname, page, bytes: raw.rows[0]?.bytes ?? Buffer.alloc(0) });
        if (rel.relkind !== 'r') continue;
        const items = await client.query<{ lp: number; xmin: string; xmax: string; attrs: string[] | null }>(
          `SELECT lp, t_xmin::text AS xmin, t_xmax::text AS xmax,
                  tuple_data_split($1::regclass, t_data, t_infomask, t_infomask2, t_bits)::text[] AS attrs
             FROM heap_page_items(get_raw_page($1, $2)) WHERE lp_flags = 1 AND t_data IS NOT NULL`,
          [qualified, page],
        );
        for (const it of items.rows) {
          tuples.push({
            relation: rel.relname,
            page,
            lp: it.lp,
            xmin: it.xmin,
            xmax: it.xmax,
            attrs: (it.attrs ?? []).map(text),
          });
        }
      }
    }
    return analyse(tuples, pages, target);
  } finally {
    await client.end();
  }
}

function analyse(
  tuples: Tuple[],
  pages: Array<{ relation: string; page: number; bytes: Buffer }>,
  target: AttackTarget,
): PostgresAttackReport {
  const voters = new Set(target.voterIds);
  const report: PostgresAttackReport = {
    ballotVersions: 0,
    deadVersions: 0,
    xminLinks: new Map(),
    orderGuesses: [],
    rowLinks: [],
    joinLinks: [],
    keyHits: [],
  };
  // The tables, or their partitions (one per vote on PostgreSQL).
  const of = (t: Tuple, table: string) => t.relation === table || t.relation.startsWith(`${table}_`);
  const ballots = tuples.filter((t) => of(t, 'vote_ballots') && t.attrs[0] === target.voteId);
  const voterRows = tuples.filter((t) => of(t, 'vote_voters') && t.attrs[0] === target.voteId);
  // commands: id, user, name, payload hash, receipt, time.
  const casts = tuples.filter(
    (t) => t.relation === 'commands' && t.attrs[2] === 'vote:cast' && voters.has(t.attrs[1] ?? ''),
  );
  report.ballotVersions = ballots.length;
  report.deadVersions = [...ballots, ...voterRows].filter((t) => t.xmax !== '0').length;

  const usersByXmin = new Map<string, Set<string>>();
  for (const t of [
    ...voterRows.map((v) => ({ xmin: v.xmin, user: v.attrs[1] ?? '' })),
    ...casts.map((c) => ({ xmin: c.xmin, user: c.attrs[1] ?? '' })),
  ]) {
    if (!voters.has(t.user)) continue;
    usersByXmin.set(t.xmin, (usersByXmin.get(t.xmin) ?? new Set()).add(t.user));
  }
  for (const b of ballots) {
    const users = usersByXmin.get(b.xmin);
    const [user] = users ?? [];
    if (users?.size === 1 && user) report.xminLinks.set(user, normalise(b.attrs[3] ?? ''));
    if (b.attrs[2]) report.rowLinks.push(`secret ballot row with a voter column: ${b.relation} page ${b.page}`);
  }

  const firstCast = new Map<string, string>();
  for (const c of casts) {
    const user = c.attrs[1] ?? '';
    const at = c.attrs[5] ?? '';
    if (!firstCast.has(user) || at < (firstCast.get(user) ?? '')) firstCast.set(user, at);
  }
  const castOrder = [...firstCast].sort((a, b) => a[1].localeCompare(b[1])).map(([u]) => u);
  const live = ballots.filter((b) => b.xmax === '0').sort((a, b) => a.page - b.page || a.lp - b.lp);
  for (const order of [live, [...live].reverse()]) {
    const guess = new Map<string, string>();
    castOrder.forEach((user, n) => {
      const b = order[n];
      if (b) guess.set(user, normalise(b.attrs[3] ?? ''));
    });
    if (live.length > 1) report.orderGuesses.push(guess);
  }

  const castIds = new Map(casts.map((c) => [c.attrs[0] ?? '', c.attrs[1] ?? '']));
  for (const t of tuples) {
    // meeting_changes: meeting, seq, type, data, actor, command id, time.
    if (t.relation !== 'meeting_changes' || t.attrs[2] !== 'vote:ballot-counted') continue;
    if (!(t.attrs[3] ?? '').includes('"voterId":null')) continue;
    const user = castIds.get(t.attrs[5] ?? '');
    if (user) report.joinLinks.push(`secret ballot-counted change joins to ${user}'s command`);
  }

  for (const [voter, key] of target.deviceKeys ?? new Map<string, string>()) {
    const needles = {
      key,
      'ballot id': sha256('cabinet/ballot-id/v1\0', key),
      'owner proof': sha256('cabinet/ballot-owner/v1\0', key),
    };
    for (const p of pages) {
      for (const [what, needle] of Object.entries(needles)) {
        if (p.bytes.includes(needle, 0, 'latin1'))
          report.keyHits.push(`${p.relation} page ${p.page}: ${what} of ${voter}'s key`);
      }
    }
  }
  return report;
}
