/**
 * The amounts and dates a council paper states, as written, found in its sentences: what a
 * delegate looks for first in a budget report or a draft resolution. Vietnamese offices write
 * "45.312,8 tỷ đồng" (dots group thousands, a comma marks decimals), "106,6%",
 * "31/12/2026", "ngày 15 tháng 12 năm 2026", and deadlines as "trước ngày …" or
 * "chậm nhất (là) ngày …". Patterns, not a model: nothing is inferred, only located.
 */

/** A number as offices write it: "45.312,8", "520,0", "68", "1.850". */
const NUMBER = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?`;

/** Units that make a number an amount: money (the longest first) and per cent. */
const MONEY_UNIT = String.raw`(?:nghìn tỷ|ngàn tỷ|tỷ|triệu|nghìn|ngàn)?\s?(?:đồng|USD|VNĐ|VND)|(?:tỷ|triệu)\s?USD`;

// Not inside a longer number or word on the left ("12/NQ-HĐND", "2026–2030" stay out of amounts).
const AMOUNT = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,/])(?:${NUMBER})(?:\s?%|\s(?:${MONEY_UNIT}))(?![\p{L}\p{N}])`,
  'gu',
);

const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`;
const MONTH = String.raw`(?:0?[1-9]|1[0-2])`;
const YEAR = String.raw`(?:19|20)\d{2}`;
/** What makes a date a deadline, kept in the extract: "trước ngày 31/12/2026". */
const DEADLINE = String.raw`(?:trước|chậm nhất là|chậm nhất|không quá|hạn chót|hạn)(?:\s+\d{1,2}\s+giờ(?:\s+\d{2})?)?\s+`;
const DATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}/])(?:(${DEADLINE})?(?:ngày\s+)?(?:${DAY}\/${MONTH}\/${YEAR}|${DAY}\s+tháng\s+${MONTH}\s+năm\s+${YEAR})|(${DEADLINE})?tháng\s+${MONTH}(?:\/|\s+năm\s+)${YEAR})(?![\p{N}/])`,
  'giu',
);

export interface Found {
  kind: 'amount' | 'date';
  /** As written (NFC, whitespace collapsed): "45.312,8 tỷ đồng", "trước ngày 31/12/2026". */
  text: string;
  /** Dates only: the day as YYYY-MM-DD ("tháng 12/2026": YYYY-MM). */
  iso?: string;
  /** Dates only: set when the paper states it as a deadline ("trước ngày …"). */
  deadline?: boolean;
  /** Offsets of `text` in the sentence. */
  start: number;
  end: number;
}

const pad = (n: string) => n.padStart(2, '0');

function isoOf(match: string): string | undefined {
  const slash = /(\d{1,2})\/(\d{1,2})\/(\d{4})/u.exec(match);
  if (slash) return `${slash[3]}-${pad(slash[2]!)}-${pad(slash[1]!)}`;
  const words = /(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu.exec(match);
  if (words) return `${words[3]}-${pad(words[2]!)}-${pad(words[1]!)}`;
  const month = /tháng\s+(\d{1,2})(?:\/|\s+năm\s+)(\d{4})/iu.exec(match);
  if (month) return `${month[2]}-${pad(month[1]!)}`;
  return undefined;
}

/** The amounts and dates of one sentence, in the order they stand in it. */
export function findFigures(sentence: string): Found[] {
  const found: Found[] = [];
  for (const m of sentence.matchAll(AMOUNT))
    found.push({ kind: 'amount', text: collapse(m[0]), start: m.index, end: m.index + m[0].length });
  for (const m of sentence.matchAll(DATE)) {
    const iso = isoOf(m[0]);
    found.push({
      kind: 'date',
      text: collapse(m[0]),
      ...(iso ? { iso } : {}),
      deadline: m[1] !== undefined || m[2] !== undefined,
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ');
}

/**
 * The key two mentions of one figure share: an amount by its words ("106,6%" twice is one),
 * a date by its day and whether it is a deadline ("31/12/2026" and "ngày 31 tháng 12 năm
 * 2026" are one date; "trước ngày 31/12/2026" is another entry, the deadline).
 */
export function figureKey(f: Pick<Found, 'kind' | 'text' | 'iso' | 'deadline'>): string {
  if (f.kind === 'date' && f.iso) return `date:${f.iso}:${f.deadline ? 'deadline' : ''}`;
  return `${f.kind}:${f.text.toLowerCase().replace(/\s/gu, '')}`;
}
