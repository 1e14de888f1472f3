import type { AttendanceRow, MinutesAgendaItem, MinutesContent } from '../../../shared/protocol/index.js';

/**
 * The pure logic of the minutes editor: what a refresh from the meeting's record takes and
 * what it keeps, and whether the draft differs from what was saved.
 */

/** A comparable form: strings as the server will store them (NFC, trimmed). */
function canonical(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC').trim();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Whether the draft differs from the saved one in anything the server would keep. */
export function isDirty(current: MinutesContent, saved: MinutesContent): boolean {
  return JSON.stringify(canonical(current)) !== JSON.stringify(canonical(saved));
}

const key = (name: string) => name.normalize('NFC').trim().toLocaleLowerCase('vi');

function mergeAttendance(mine: readonly AttendanceRow[], fresh: readonly AttendanceRow[]): AttendanceRow[] {
  const typed = new Map(mine.map((row) => [key(row.name), row]));
  return fresh.map((row) => {
    const before = typed.get(key(row.name));
    // The status and the time of arrival are the record's; a reason the secretary typed stays.
    return before && before.reason.trim() !== '' ? { ...row, reason: before.reason } : row;
  });
}

const hasText = (item: MinutesAgendaItem) =>
  item.discussion.trim() !== '' || item.decisions.trim() !== '' || (item.tasks ?? []).length > 0;

function mergeAgenda(mine: readonly MinutesAgendaItem[], fresh: readonly MinutesAgendaItem[]): MinutesAgendaItem[] {
  const used = new Set<MinutesAgendaItem>();
  const find = (item: MinutesAgendaItem) =>
    // The same title first (an item moved keeps its texts), then the same number.
    mine.find((m) => !used.has(m) && key(m.title) === key(item.title)) ??
    mine.find((m) => !used.has(m) && m.number === item.number && !fresh.some((f) => key(f.title) === key(m.title)));
  const merged = fresh.map((item) => {
    const before = find(item);
    if (!before) return item;
    used.add(before);
    // The tasks are the draft's: the server keeps confirmed action items in it, and the secretary may take one out.
    return {
      ...item,
      discussion: before.discussion,
      decisions: before.decisions,
      ...(before.tasks !== undefined && { tasks: before.tasks }),
    };
  });
  // An item gone from the agenda keeps the text written on it, at the end: nothing typed is lost.
  for (const item of mine) if (!used.has(item) && hasText(item)) merged.push(item);
  return merged;
}

/**
 * "Refresh facts from the record": attendance statuses, speakers, votes and approvals from
 * the fresh pre-fill; the secretary's texts (header, opening, closing, discussion, decisions,
 * reasons of absence) stay as typed.
 */
export function refreshFacts(mine: MinutesContent, fresh: MinutesContent): MinutesContent {
  return {
    header: mine.header,
    opening: mine.opening,
    attendance: mergeAttendance(mine.attendance, fresh.attendance),
    agenda: mergeAgenda(mine.agenda, fresh.agenda),
    closing: mine.closing,
  };
}

/**
 * "Keep mine" after a stale save: the typed text stays, but the tasks are theirs. The server
 * writes confirmed action items into the draft as new versions (server/assistant/
 * action-item-decisions.ts), so a save on an older version would otherwise drop a task the
 * secretary confirmed meanwhile.
 */
export function keepTheirTasks(mine: MinutesContent, theirs: MinutesContent): MinutesContent {
  const tasks = new Map(theirs.agenda.map((item) => [item.number, item.tasks]));
  return {
    ...mine,
    agenda: mine.agenda.map((item) => {
      if (!tasks.has(item.number)) return item;
      const { tasks: _mine, ...rest } = item;
      const their = tasks.get(item.number);
      return their === undefined ? rest : { ...rest, tasks: their };
    }),
  };
}

/** Length as the server counts it (NFC): a decomposed letter typed on macOS counts once. */
export function textLength(value: string): number {
  return value.normalize('NFC').trim().length;
}
