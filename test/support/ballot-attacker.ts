import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  databaseRecords,
  pageRecords,
  walFrames,
  walTransactions,
  type FoundRecord,
  type SqlValue,
} from './sqlite-forensics.js';

/**
 * Someone who has a copy of the data folder and wants to know how each voter chose in a
 * secret vote. Written from what the files hold, not from what the server means them to
 * hold: it does not call the server's code, so a mistake there cannot hide from it. The
 * hash domains are the one thing it knows of the design (they are public, in the README).
 */
export interface AttackTarget {
  voteId: string;
  /** The voters whose choice is sought (the attacker can read them from vote_voters). */
  voterIds: readonly string[];
  /** Keys taken from the voters' devices, if the attacker has them (a stolen tablet). */
  deviceKeys?: ReadonlyMap<string, string>;
}

export interface AttackReport {
  files: string[];
  walFrames: number;
  /** Voter → choices, from the write-ahead log, one transaction after another. */
  walLinks: Map<string, string>;
  /**
   * Guesses voter → choices, pairing the order of casting with the physical order of ballot
   * rows in each page image. The attacker cannot tell a right guess from a wrong one; the
   * test can, and a guess that is right for every voter is a link.
   */
  orderGuesses: Array<Map<string, string>>;
  /** Records (or raw bytes) that hold a voter's id together with a ballot of the vote. */
  rowLinks: string[];
  /** Secret ballot changes whose command id leads to a voter through the commands table. */
  joinLinks: string[];
  /** Where a hash or copy of a device's key was found: with the key, a direct link. */
  keyHits: string[];
}

const HEX64 = /^[0-9a-f]{64}$/;

const sha256 = (domain: string, key: string) => createHash('sha256').update(domain).update(key).digest('hex');

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

const isText = (v: SqlValue | undefined): v is string => typeof v === 'string';

interface Ballot {
  id: string;
  choices: string;
}

function ballotOf(values: SqlValue[], voteId: string): Ballot | null {
  const [vote, id, , choices] = values;
  if (values.length !== 4 || vote !== voteId || !isText(id) || !HEX64.test(id) || !isText(choices)) return null;
  return { id, choices: normalise(choices) };
}

function voterOf(values: SqlValue[], voteId: string, voters: ReadonlySet<string>): string | null {
  const [vote, user] = values;
  // vote, user, and (since migration 40) the ownership proof and the count of changes.
  if (values.length < 2 || values.length > 4 || vote !== voteId || !isText(user) || !voters.has(user)) return null;
  return user;
}

/** A `commands` row of a ballot: id, user, name, payload hash, receipt, time. */
function castOf(values: SqlValue[], voters: ReadonlySet<string>): { id: string; user: string; at: string } | null {
  const [id, user, name, , , at] = values;
  if (values.length !== 6 || name !== 'vote:cast' || !isText(id) || !isText(user) || !voters.has(user)) return null;
  return isText(at) ? { id, user, at } : null;
}

function normalise(choices: string): string {
  try {
    return JSON.stringify((JSON.parse(choices) as string[]).slice().sort());
  } catch {
    return choices.trim();
  }
}

export function attackDataFolder(dir: string, target: AttackTarget): AttackReport {
  const voters = new Set(target.voterIds);
  const report: AttackReport = {
    files: [],
    walFrames: 0,
    walLinks: new Map(),
    orderGuesses: [],
    rowLinks: [],
    joinLinks: [],
    keyHits: [],
  };
  const allRecords: FoundRecord[] = [];
  const images: FoundRecord[][] = [];
  const raw: Array<[string, Buffer]> = [];

  for (const file of allFiles(dir)) {
    report.files.push(file);
    const bytes = readFileSync(file);
    raw.push([file, bytes]);
    if (bytes.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') {
      const byPage = new Map<number, FoundRecord[]>();
      for (const r of databaseRecords(bytes)) byPage.set(r.page, [...(byPage.get(r.page) ?? []), r]);
      images.push(...byPage.values());
    }
    if (file.endsWith('-wal')) {
      const frames = walFrames(bytes);
      report.walFrames += frames.length;
      walDiffAttack(frames, target.voteId, voters, report);
      for (const f of frames) images.push(pageRecords(f.data, f.page));
    }
  }
  for (const image of images) allRecords.push(...image);

  orderAttack(images, allRecords, target.voteId, voters, report);
  rowAttack(allRecords, raw, target.voteId, voters, report);
  joinAttack(allRecords, voters, report);
  if (target.deviceKeys) keyAttack(raw, target.deviceKeys, report);
  return report;
}

/**
 * Transaction by transaction, what appeared: one new voter row and one new ballot row in the
 * same transaction are the same person's; a ballot that changed in a transaction that also
 * wrote one new `vote:cast` command is that voter's new choice.
 */
function walDiffAttack(
  frames: ReturnType<typeof walFrames>,
  voteId: string,
  voters: ReadonlySet<string>,
  report: AttackReport,
): void {
  const knownVoters = new Set<string>();
  const knownBallots = new Map<string, string>();
  const knownCasts = new Set<string>();
  const ballotOwner = new Map<string, string>();
  for (const tx of walTransactions(frames)) {
    const records = tx.flatMap((f) => pageRecords(f.data, f.page));
    const newVoters = new Set<string>();
    const newBallots = new Map<string, string>();
    const changed = new Map<string, string>();
    const newCasts = new Set<string>();
    for (const r of records) {
      const voter = voterOf(r.values, voteId, voters);
      if (voter && !knownVoters.has(voter)) newVoters.add(voter);
      const ballot = ballotOf(r.values, voteId);
      if (ballot && !knownBallots.has(ballot.id)) newBallots.set(ballot.id, ballot.choices);
      else if (ballot && knownBallots.get(ballot.id) !== ballot.choices) changed.set(ballot.id, ballot.choices);
      const cast = castOf(r.values, voters);
      if (cast && !knownCasts.has(cast.id)) {
        knownCasts.add(cast.id);
        newCasts.add(cast.user);
      }
    }
    const [voter] = newVoters;
    const [ballot] = newBallots;
    if (newVoters.size === 1 && newBallots.size === 1 && voter && ballot) {
      report.walLinks.set(voter, ballot[1]);
      ballotOwner.set(ballot[0], voter);
    }
    const [caster] = newCasts;
    const [change] = changed;
    if (newVoters.size === 0 && newCasts.size === 1 && changed.size === 1 && caster && change) {
      const owner = ballotOwner.get(change[0]) ?? caster;
      report.walLinks.set(owner, change[1]);
    }
    for (const v of newVoters) knownVoters.add(v);
    for (const [id, c] of [...newBallots, ...changed]) knownBallots.set(id, c);
  }
}

/**
 * SQLite writes a page's cells from its end towards its start, in the order rows arrive, so
 * the place of a ballot row in a page can follow the order of casting, which the commands
 * table keeps. For every page image (a page of the database file, or a frame's copy of one)
 * holding ballots, pairs the n-th voter to cast with the n-th ballot row, both ways round.
 */
function orderAttack(
  images: FoundRecord[][],
  records: FoundRecord[],
  voteId: string,
  voters: ReadonlySet<string>,
  report: AttackReport,
): void {
  const firstCast = new Map<string, string>();
  for (const r of records) {
    const cast = castOf(r.values, voters);
    if (cast && (!firstCast.has(cast.user) || cast.at < (firstCast.get(cast.user) ?? ''))) {
      firstCast.set(cast.user, cast.at);
    }
  }
  const castOrder = [...firstCast].sort((a, b) => a[1].localeCompare(b[1])).map(([user]) => user);
  for (const image of images) {
    const ballots = image
      .map((r) => ({ offset: r.offset, ballot: ballotOf(r.values, voteId) }))
      .filter((b): b is { offset: number; ballot: Ballot } => b.ballot !== null)
      .sort((a, b) => b.offset - a.offset);
    if (ballots.length < 2) continue;
    for (const order of [ballots, [...ballots].reverse()]) {
      const guess = new Map<string, string>();
      castOrder.forEach((user, n) => {
        const cell = order[n];
        if (cell) guess.set(user, cell.ballot.choices);
      });
      report.orderGuesses.push(guess);
    }
  }
}

/** Any one record, or any raw window of bytes, holding a voter's id with a ballot of the vote. */
function rowAttack(
  records: FoundRecord[],
  raw: Array<[string, Buffer]>,
  voteId: string,
  voters: ReadonlySet<string>,
  report: AttackReport,
): void {
  const ballotIds = new Set<string>();
  for (const r of records) {
    const ballot = ballotOf(r.values, voteId);
    if (ballot) ballotIds.add(ballot.id);
  }
  for (const r of records) {
    if (ballotOf(r.values, voteId)?.id && r.values[2] !== null) {
      report.rowLinks.push(`ballot row with a voter column: page ${r.page}`);
    }
    const texts = r.values.filter(isText);
    const voter = texts.find((t) => voters.has(t));
    if (!voter) continue;
    if (texts.some((t) => ballotIds.has(t) || [...ballotIds].some((id) => t.includes(id)))) {
      report.rowLinks.push(`record on page ${r.page} holds voter ${voter} and a ballot id`);
    }
  }
  // Files that are not SQLite (logs, exports): a voter's id near a ballot id.
  for (const [file, bytes] of raw) {
    if (file.endsWith('.sqlite') || file.endsWith('-wal') || file.endsWith('-shm')) continue;
    const text = bytes.toString('latin1');
    for (const v of voters) {
      const at = text.indexOf(v);
      if (at === -1) continue;
      const near = text.slice(Math.max(0, at - 2000), at + 2000);
      for (const id of ballotIds) if (near.includes(id)) report.rowLinks.push(`${file}: voter ${v} near ballot ${id}`);
    }
  }
}

/** A change of the log whose command id is a voter's `vote:cast` command. */
function joinAttack(records: FoundRecord[], voters: ReadonlySet<string>, report: AttackReport): void {
  const castIds = new Map<string, string>();
  for (const r of records) {
    const cast = castOf(r.values, voters);
    if (cast) castIds.set(cast.id, cast.user);
  }
  for (const r of records) {
    // meeting_changes: meeting, seq, type, data, actor, command id, time.
    const [, , type, data, , commandId] = r.values;
    if (r.values.length !== 7 || type !== 'vote:ballot-counted' || !isText(commandId) || !isText(data)) continue;
    if (!data.includes('"voterId":null')) continue;
    const user = castIds.get(commandId);
    if (user) report.joinLinks.push(`secret ballot-counted change joins to ${user}'s command`);
  }
}

/** The hashes the design derives from a key (ballot id, ownership proof), or the key itself. */
function keyAttack(raw: Array<[string, Buffer]>, keys: ReadonlyMap<string, string>, report: AttackReport): void {
  for (const [voter, key] of keys) {
    const needles = {
      key,
      'ballot id': sha256('cabinet/ballot-id/v1\0', key),
      'owner proof': sha256('cabinet/ballot-owner/v1\0', key),
    };
    for (const [file, bytes] of raw) {
      for (const [what, needle] of Object.entries(needles)) {
        if (bytes.includes(needle, 0, 'latin1')) report.keyHits.push(`${file}: ${what} of ${voter}'s key`);
      }
    }
  }
}
