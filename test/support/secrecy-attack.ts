import { attackDataFolder, type AttackTarget } from './ballot-attacker.js';
import { attackPostgresDatabase } from './postgres-ballot-attacker.js';
import { adminQuery } from './postgres.js';

/**
 * The secrecy attack on whichever engine holds the vote: the data folder's files (SQLite
 * pages and write-ahead log), and on PostgreSQL also the database as a superuser reads it
 * (every row version with its transaction ids, and raw pages). One shape for both, so one
 * test asserts the same property on both engines.
 */
export interface SecrecyFindings {
  /** What the attacker had to work with: WAL frames (SQLite) or ballot row versions (PostgreSQL). */
  evidence: number;
  /** Versions of ballots or voters left behind by updates and deletes (PostgreSQL's dead tuples). */
  deadVersions: number;
  /** Voter → choices, where the attacker tied one to the other (WAL transactions, shared xmin). */
  links: Map<string, string>;
  orderGuesses: Array<Map<string, string>>;
  rowLinks: string[];
  joinLinks: string[];
  keyHits: string[];
  files: string[];
}

export async function attackStoredVote(
  where: { dataDir: string; databaseUrl?: string | undefined },
  target: AttackTarget,
): Promise<SecrecyFindings> {
  const folder = attackDataFolder(where.dataDir, target);
  const found: SecrecyFindings = {
    evidence: folder.walFrames,
    deadVersions: 0,
    links: folder.walLinks,
    orderGuesses: folder.orderGuesses,
    rowLinks: folder.rowLinks,
    joinLinks: folder.joinLinks,
    keyHits: folder.keyHits,
    files: folder.files,
  };
  if (!where.databaseUrl) return found;
  const db = await attackPostgresDatabase(where.databaseUrl, target);
  return {
    evidence: db.ballotVersions,
    deadVersions: db.deadVersions,
    links: new Map([...found.links, ...db.xminLinks]),
    orderGuesses: [...found.orderGuesses, ...db.orderGuesses],
    rowLinks: [...found.rowLinks, ...db.rowLinks],
    joinLinks: [...found.joinLinks, ...db.joinLinks],
    keyHits: [...found.keyHits, ...db.keyHits],
    files: found.files,
  };
}

/**
 * PostgreSQL erases a sealed box in the background, once no older snapshot can read its old
 * rows (server/votes/ballot-box-erasure.ts): waits until no debt is left. SQLite erases in
 * the close itself.
 */
export async function erasureSettled(databaseUrl: string | undefined, timeoutMs = 30_000): Promise<void> {
  if (!databaseUrl) return;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await adminQuery<{ n: number }>('SELECT COUNT(*)::int AS n FROM ballot_box_erasures', [], databaseUrl);
    if (rows[0]?.n === 0) return;
    if (Date.now() > deadline) throw new Error('sealed ballot boxes not erased in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A guess is a link when it names every voter's choice rightly. */
export function rightForAll(guess: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): boolean {
  return truth.size > 1 && [...truth].every(([voter, choice]) => guess.get(voter) === JSON.stringify([choice]));
}

/** Every way the attack tied a voter to a choice. */
export function linksFound(report: SecrecyFindings, truth: ReadonlyMap<string, string>): string[] {
  return [
    ...[...report.links].map(([voter, choices]) => `write-ahead log or shared xmin: ${voter} → ${choices}`),
    ...report.orderGuesses.filter((g) => rightForAll(g, truth)).map(() => 'order of ballot rows follows casting'),
    ...report.rowLinks,
    ...report.joinLinks,
    ...report.keyHits,
  ];
}
