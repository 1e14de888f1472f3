import { findFigures } from './figures.js';
import { segmentWords } from './segmenter.js';
import { fold } from './vietnamese-fold.js';

/**
 * Sentences that assign work or set a deadline ("Giao Sở Tài chính chủ trì …", "… hoàn thành
 * trước ngày 31/12/2026"), with who, what and when as the sentence writes them. Rules, not a
 * model: the cues are matched over the sentence's syllables folded (no marks, `đ` as `d`, so
 * "chu tri" and "chủ trì" meet), and what is shown is cut from the sentence as written.
 *
 * A sentence is taken when it states a deadline ("trước ngày D", "chậm nhất ngày D", or
 * "trong tháng M/YYYY", "quý I/2027", "năm 2027" after an assignment cue), or when an
 * assignment cue names who is to act. A figure without a cue ("được giao 760,0 tỷ đồng"), a
 * statement of what was done ("đã hoàn thành 95% kế hoạch") and a heading are not.
 */

export interface ExtractedAction {
  /** The agency or person named ("Sở Tài chính"); '' when the sentence names none. */
  who: string;
  /** The task, cut from the sentence. */
  what: string;
  /** The deadline as written ("trước ngày 31/12/2026", "quý I/2027"), or null. */
  when: string | null;
  /** The deadline as YYYY-MM-DD or YYYY-MM when it is a day or a month. */
  whenIso: string | null;
}

interface Token {
  text: string;
  folded: string;
  start: number;
  end: number;
}

/** The sentence's words as vntk segments them ("Sở | Tài chính | chủ trì"), each folded. */
function tokensOf(sentence: string): Token[] {
  return segmentWords(sentence).map((w) => ({ text: w.text, folded: fold(w.text), start: w.start, end: w.end }));
}

/** How many tokens from `i` spell the folded syllables `words` ("chu tri" is one word or two), or 0. */
function spell(tokens: readonly Token[], i: number, words: string): number {
  let joined = '';
  for (let k = 0; k < 4 && tokens[i + k]; k++) {
    joined = joined ? `${joined} ${tokens[i + k]!.folded}` : tokens[i + k]!.folded;
    if (joined === words) return k + 1;
    if (!words.startsWith(`${joined} `)) return 0;
  }
  return 0;
}

/** The first word of an organisation's or an office holder's name, folded (one or two syllables). */
const ORGANISATION_STARTS = [
  'so',
  'ubnd',
  'hdnd',
  'uy ban',
  'ban',
  'thuong truc',
  'hoi dong',
  'van phong',
  'cong an',
  'bo',
  'cuc',
  'chi cuc',
  'kho bac',
  'thue',
  'to',
  'phong',
  'trung tam',
  'chu tich',
  'pho chu tich',
  'doan',
  'thanh tra',
  'chu dau tu',
  'toa an',
  'vien kiem sat',
  'quan',
  'huyen',
  'bo chi huy',
];

/** Lower-case syllables a name goes on with ("Ủy ban nhân dân thành phố", "UBND các quận, huyện"). */
const NAME_TAIL = new Set([
  'nhan',
  'dan',
  'thanh',
  'pho',
  'tinh',
  'quan',
  'huyen',
  'xa',
  'phuong',
  'thi',
  'tran',
  'cac',
  'khu',
  'vuc',
  'nha',
  'nuoc',
  'dai',
  'bieu',
  'quoc',
  'hoi',
  'truc',
  'thuoc',
  'cap',
]);

const isTail = (t: Token) => t.folded.split(' ').every((w) => NAME_TAIL.has(w));
const isCapital = (t: Token) => /^\p{Lu}/u.test(t.text) || /^[A-ZĐ]{2,}$/u.test(t.text);

/** Where a name starting at `i` ends (exclusive), or `i` when no organisation starts there. */
function nameEnd(tokens: readonly Token[], i: number): number {
  const first = tokens[i];
  if (!first) return i;
  // "các Sở, ngành", "các Ban của …": the plural belongs to the name.
  let from = i;
  if (first.folded === 'cac' && tokens[i + 1] && isCapital(tokens[i + 1]!)) from = i + 1;
  const head = tokens[from];
  if (!head || !isCapital(head)) return i;
  const taken = Math.max(0, ...ORGANISATION_STARTS.map((o) => spell(tokens, from, o)));
  if (taken === 0) return i;
  let j = from + taken;
  while (j < tokens.length) {
    const t = tokens[j]!;
    const next = tokens[j + 1];
    if (/^[\p{L}\p{N}]/u.test(t.text) && (isCapital(t) || isTail(t))) j++;
    // "Ban Kinh tế - Ngân sách", "quận, huyện", "Sở Tài chính và Kho bạc Nhà nước".
    else if ((t.text === '-' || t.text === '–') && next && isCapital(next)) j++;
    else if (t.text === ',' && next && isTail(next) && !isCapital(next) && next.folded !== 'cac') j++;
    else if (t.folded === 'va' && next && (isCapital(next) || isTail(next))) j++;
    // A list of names: "Thường trực HĐND, các Ban của HĐND, các Tổ đại biểu".
    else if (t.text === ',' && nameEnd(tokens, j + 1) > j + 1) j = nameEnd(tokens, j + 1);
    else if (t.folded === 'cua' && next && nameEnd(tokens, j + 1) > j + 1) j = nameEnd(tokens, j + 1);
    else break;
  }
  // "Chủ đầu tư các dự án": a plural left hanging is not part of the name.
  while (j > from + taken && tokens[j - 1]!.folded === 'cac') j--;
  return j;
}

/** The span of a name starting at token `i`, if one does; a letterhead in capitals ("ỦY BAN NHÂN DÂN …") is none. */
function nameAt(tokens: readonly Token[], i: number): { from: number; to: number } | null {
  const to = nameEnd(tokens, i);
  if (to <= i) return null;
  const words = tokens.slice(i, to).filter((t) => /\p{L}/u.test(t.text));
  const shouted = words.filter(
    (t) => t.text.length > 1 && t.text === t.text.toUpperCase() && !/^[A-ZĐ]{2,6}$/u.test(t.text),
  );
  return shouted.length >= 2 ? null : { from: i, to };
}

/** Cues after which the next words name who is to act. */
const NAMING_CUES = ['giao', 'de nghi', 'yeu cau', 'phan cong', 'chi dao'];
/** Cues that make the sentence's subject (the name before them) the one who acts. */
const DUTY_CUES = [
  'chu tri',
  'phoi hop',
  'co trach nhiem',
  'chiu trach nhiem',
  'to chuc thuc hien',
  'trien khai',
  'tham muu',
  'xay dung',
  'gui',
  'bao cao',
  'hoan thanh',
  'thuc hien',
];

/** Whether the folded syllables `cue` stand at token `i`. */
function cueAt(tokens: readonly Token[], i: number, cue: string): number {
  return spell(tokens, i, cue);
}

/** A deadline written as a month, a quarter or a year ("trong tháng 12/2026", "quý I/2027", "năm 2027"). */
const PERIOD =
  /(?:trong|trước|hết|đến hết|cuối)\s+(?:(tháng\s+(\d{1,2})\/(\d{4}))|(quý\s+(?:I|II|III|IV|[1-4])\/\d{4})|(năm\s+(\d{4})))/iu;

function periodOf(sentence: string): { when: string; whenIso: string | null } | null {
  const m = PERIOD.exec(sentence);
  if (!m) return null;
  if (m[1]) return { when: m[0], whenIso: `${m[3]}-${m[2]!.padStart(2, '0')}` };
  return { when: m[0], whenIso: m[6] ?? null };
}

/**
 * The day, month or year a deadline written by hand names ("trước ngày 15/01/2027",
 * "trong quý I/2027" has none), as the extraction reads one: what the secretary types when
 * correcting an item keeps its date sortable.
 */
export function deadlineIso(text: string): string | null {
  const date = findFigures(text).find((f) => f.kind === 'date');
  if (date?.iso) return date.iso;
  return periodOf(text)?.whenIso ?? null;
}

/** Mostly capitals ("II. NHIỆM VỤ VÀ GIẢI PHÁP"), or too short: a heading, not a task. */
function isHeading(sentence: string, tokens: readonly Token[]): boolean {
  const letters = sentence.match(/\p{L}/gu) ?? [];
  const upper = sentence.match(/\p{Lu}/gu) ?? [];
  const words = tokens.filter((t) => /[\p{L}]/u.test(t.text));
  return letters.length === 0 || upper.length / letters.length > 0.6 || words.length < 5;
}

/** "- ", "a) ", "1. ", "Điều 3. " at the start of a sentence. */
const LIST_MARKER = /^(?:[-–•+*]\s*|[a-zđ]\)\s*|\d{1,3}[.)]\s*|Điều\s+\d+\.\s*)+/u;

function tidy(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .replace(/^[\s,:;–-]+/u, '')
    .replace(/[\s,;:.]+$/u, '')
    .trim();
}

export function extractAction(rawSentence: string): ExtractedAction | null {
  const sentence = rawSentence.normalize('NFC').replace(/\s+/gu, ' ').trim();
  const marker = LIST_MARKER.exec(sentence)?.[0].length ?? 0;
  const tokens = tokensOf(sentence);
  if (isHeading(sentence, tokens)) return null;

  const date = findFigures(sentence).find((f) => f.kind === 'date' && f.deadline);
  let who: { from: number; to: number } | null = null;
  let named = false;
  let duty = false;
  for (let i = 0; i < tokens.length; i++) {
    const naming = Math.max(0, ...NAMING_CUES.map((c) => cueAt(tokens, i, c)));
    // "được giao", "đã giao": a figure received, not work assigned.
    const passive = ['duoc', 'da', 'nhan'].includes(tokens[i - 1]?.folded ?? '');
    if (naming > 0 && !passive && !who) {
      const after = i + naming;
      const name = nameAt(tokens, after);
      if (name) {
        who = name;
        named = true;
        continue;
      }
    }
    if (
      !duty &&
      DUTY_CUES.some((c) => cueAt(tokens, i, c) > 0) &&
      !['da', 'duoc'].includes(tokens[i - 1]?.folded ?? '')
    )
      duty = true;
  }
  if (!who) {
    // The subject: a name the sentence (after its list marker) opens with, "Sở Tài chính chủ trì …".
    const first = tokens.findIndex((t) => t.start >= marker);
    if (first >= 0) who = nameAt(tokens, first);
  }
  const period = duty || named ? periodOf(sentence) : null;
  const when = date ? { when: date.text, whenIso: date.iso ?? null } : period;
  const assigned = (named && who !== null) || (duty && who !== null);
  if (!assigned && !date) return null;

  let what: string;
  if (who && named) {
    // "Giao Sở Tài chính chủ trì tham mưu …": the task is what follows the name.
    what = sentence.slice(tokens[who.to - 1]!.end);
  } else if (who && tokens[who.from]!.start <= marker + 5) {
    // "Ủy ban nhân dân thành phố gửi báo cáo …": the rest after the subject.
    what = sentence.slice(tokens[who.to - 1]!.end);
  } else what = sentence.slice(marker);
  const whoText = who ? tidy(sentence.slice(tokens[who.from]!.start, tokens[who.to - 1]!.end)) : '';
  const whatText = tidy(what);
  if (whatText.length === 0) return null;
  return {
    who: whoText,
    what: whatText.length > 1000 ? `${whatText.slice(0, 999)}…` : whatText,
    when: when?.when ?? null,
    whenIso: when?.whenIso ?? null,
  };
}
