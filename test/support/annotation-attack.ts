import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pypdfAnnotations, runTool } from './outside-tools.js';
import type { Harness, TestSocket } from './server-harness.js';

/**
 * What an attacker on the annotations holds (test/integration/annotations-attack.test.ts):
 * every event their sockets received and every answer and HTTP body they were given, as
 * text, so that a marker or an id is looked for in all of it at once.
 */
export interface Loot {
  /** `event args…` as JSON, one entry per event received. */
  events: string[];
  /** Answers to requests and commands, and HTTP bodies (a PDF as every reading of it below). */
  answers: string[];
}

export const newLoot = (): Loot => ({ events: [], answers: [] });

/** Records every event the socket receives from now on. */
export function recordEvents(socket: TestSocket, loot: Loot): void {
  socket.onAny((event: string, ...args: unknown[]) => loot.events.push(JSON.stringify({ event, args })));
}

/** Every place in the loot where one of the needles shows, as `needle in <excerpt>`. */
export function findIn(loot: Loot, needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of [...loot.events, ...loot.answers])
    for (const needle of needles) {
      const at = text.indexOf(needle);
      if (at >= 0) found.push(`${needle} in …${text.slice(Math.max(0, at - 160), at + 80)}…`);
    }
  return found;
}

/** A needle as UTF-16BE would write it in a PDF string, read as Latin-1. */
export function utf16be(text: string): string {
  return [...text].map((c) => `\u0000${c}`).join('');
}

/**
 * An annotated export as its reader gets it, in every reading an outsider has of it: the
 * bytes as they came (Latin-1), the bytes once qpdf has inflated every stream, pdftotext's
 * text and pypdf's list of annotations (/T, /Contents, /NM). Not a PDF: the body as text.
 */
export async function exportReadings(
  url: string,
  token: string,
  documentId: string,
  query: string,
): Promise<{ status: number; text: string; annotations: Array<{ contents: string | null; id: string | null }> }> {
  const res = await fetch(`${url}/api/documents/${documentId}/annotated?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status, text: bytes.toString('utf8'), annotations: [] };
  const dir = mkdtempSync(join(tmpdir(), 'annotated-'));
  try {
    const file = join(dir, 'in.pdf');
    const qdf = join(dir, 'qdf.pdf');
    writeFileSync(file, bytes);
    const inflated = await runTool('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
    // qpdf exits 3 for warnings; the file is written all the same.
    if (inflated.code !== 0 && inflated.code !== 3) throw new Error(`qpdf: ${inflated.stderr}`);
    const text = await runTool('pdftotext', ['-enc', 'UTF-8', file, '-']);
    if (text.code !== 0) throw new Error(`pdftotext: ${text.stderr}`);
    const listed = await pypdfAnnotations(file);
    return {
      status: res.status,
      text: [bytes.toString('latin1'), readFileSync(qdf).toString('latin1'), text.stdout, JSON.stringify(listed)].join(
        '\n',
      ),
      annotations: listed.annotations,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every row of the tables a meeting's record keeps (its change log and its audit chain), as text. */
export async function meetingRecord(h: Pick<Harness, 'server'>): Promise<{ changes: string[]; audit: string[] }> {
  const db = h.server.store.db;
  const changes = await db.selectFrom('meeting_changes').selectAll().execute();
  const audit = await db.selectFrom('audit_log').selectAll().execute();
  return { changes: changes.map((r) => JSON.stringify(r)), audit: audit.map((r) => JSON.stringify(r)) };
}

/** One annotation's row as stored, or undefined. */
export async function annotationRow(h: Pick<Harness, 'server'>, id: string) {
  return h.server.store.db.selectFrom('annotations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every annotation row of one author, in id order: compared before and after an attack. */
export async function rowsOf(h: Pick<Harness, 'server'>, authorId: string) {
  return h.server.store.db
    .selectFrom('annotations')
    .selectAll()
    .where('author_id', '=', authorId)
    .orderBy('id')
    .execute();
}
