/** A run of a passage: a query word (`mark`) or the text between. */
export interface PassageSegment {
  text: string;
  mark: boolean;
}

/**
 * Cuts a passage at the server's highlight spans. The spans come over the wire: out of range,
 * empty, out of order or overlapping ones are clamped or dropped, never thrown on, so a bad
 * answer still shows its passage whole.
 */
export function highlightSegments(
  passage: string,
  highlights: readonly { start: number; end: number }[],
): PassageSegment[] {
  const spans = highlights
    .map((h) => ({ start: Math.max(0, Math.min(h.start, passage.length)), end: Math.min(h.end, passage.length) }))
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start);
  const segments: PassageSegment[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    if (span.start > at) segments.push({ text: passage.slice(at, span.start), mark: false });
    segments.push({ text: passage.slice(span.start, span.end), mark: true });
    at = span.end;
  }
  if (at < passage.length) segments.push({ text: passage.slice(at), mark: false });
  return segments;
}
