import { createHash } from 'node:crypto';
import { extractAction, type ExtractedAction } from './action-items-extract.js';
import { splitSentences } from './sentences.js';
import { sameSentenceKey } from './sentence-diff.js';
import { fold, normalizeText } from './vietnamese-fold.js';

/**
 * Where a candidate action item stands: a page of a paper's version, or a text of the minutes'
 * draft (an agenda item's discussion or decisions, by the item's number).
 */
export type ActionSource =
  | { kind: 'document'; documentId: string; version: number; page: number }
  | { kind: 'minutes'; agendaNumber: string; field: 'discussion' | 'decisions' };

export interface ActionCandidate extends ExtractedAction {
  /** The sentence's key: the same sentence of the same paper (any version, any page) keeps it. */
  key: string;
  source: ActionSource;
  /** The sentence as written (whitespace collapsed). */
  sentence: string;
}

/**
 * Segmenting costs ~1.5 ms a sentence: only sentences with a cue's or a date's folded letters
 * are handed to the extractor. A cheap test that lets through every sentence it could take.
 */
const MAYBE =
  /\b(giao|chu tri|phoi hop|de nghi|yeu cau|trach nhiem|thuc hien|trien khai|hoan thanh|bao cao|gui|tham muu|xay dung|phan cong|chi dao|truoc|cham nhat|khong qua|han)\b/u;

/** The key of an extracted sentence: its source (paper or minutes item) and its words, not its page or version. */
export function actionKey(source: ActionSource, sentence: string): string {
  const where = source.kind === 'document' ? `d:${source.documentId}` : `m:${source.agendaNumber}:${source.field}`;
  return createHash('sha256')
    .update(`${where}\n${sameSentenceKey(normalizeText(sentence))}`)
    .digest('base64url')
    .slice(0, 32);
}

/** The action items of one text (a page, or a minutes text) from one source. */
export function actionsInText(text: string, source: ActionSource): ActionCandidate[] {
  const nfc = normalizeText(text);
  const out: ActionCandidate[] = [];
  for (const span of splitSentences(nfc)) {
    const sentence = sameSentenceKey(nfc.slice(span.start, span.end));
    if (!MAYBE.test(fold(sentence))) continue;
    const found = extractAction(sentence);
    if (found) out.push({ ...found, key: actionKey(source, sentence), source, sentence });
  }
  return out;
}

/**
 * The action items of a paper's version, page by page, each sentence once (a sentence
 * repeated on a later page is the same item, shown at its first page).
 */
export async function actionsInPaper(
  documentId: string,
  version: number,
  pages: ReadonlyArray<{ page: number; text: string }>,
): Promise<ActionCandidate[]> {
  const seen = new Set<string>();
  const out: ActionCandidate[] = [];
  for (const { page, text } of pages) {
    for (const c of actionsInText(text, { kind: 'document', documentId, version, page }))
      if (!seen.has(c.key)) {
        seen.add(c.key);
        out.push(c);
      }
    // A page's cue sentences are segmented (~1.5 ms each): other requests go on between pages.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

/** The action items of the minutes' draft: each agenda item's discussion, then its decisions. */
export function actionsInMinutes(
  agenda: ReadonlyArray<{ number: string; discussion: string; decisions: string }>,
): ActionCandidate[] {
  const seen = new Set<string>();
  const out: ActionCandidate[] = [];
  for (const item of agenda)
    for (const field of ['discussion', 'decisions'] as const)
      for (const c of actionsInText(item[field], { kind: 'minutes', agendaNumber: item.number, field }))
        if (!seen.has(c.key)) {
          seen.add(c.key);
          out.push(c);
        }
  return out;
}
