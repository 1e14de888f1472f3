/**
 * Geometry for long strokes. A finger drawing for a few seconds gives pdf.js thousands of
 * points, most of them on a straight line; the socket takes at most 64 KiB a message, so a
 * drawing is thinned before it is saved and, if it is still too long, cut into pieces that
 * each fit in one annotation.
 */

/** Distance from (px, py) to the segment (ax, ay)–(bx, by). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  if (length2 === 0) return Math.hypot(px - ax, py - ay);
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Ramer–Douglas–Peucker on a flat x,y array: keeps the first and last points and every point
 * further than `tolerance` from the line the kept ones make. Iterative, so a stroke of ten
 * thousand points cannot overflow the stack.
 */
export function simplifyPolyline(points: readonly number[], tolerance: number): number[] {
  const count = points.length / 2;
  if (count <= 2) return [...points];
  const keep = new Uint8Array(count);
  keep[0] = 1;
  keep[count - 1] = 1;
  const stack: [number, number][] = [[0, count - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let distance = tolerance;
    const ax = points[2 * first]!;
    const ay = points[2 * first + 1]!;
    const bx = points[2 * last]!;
    const by = points[2 * last + 1]!;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance(points[2 * i]!, points[2 * i + 1]!, ax, ay, bx, by);
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    stack.push([first, farthest], [farthest, last]);
  }
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (keep[i]) out.push(points[2 * i]!, points[2 * i + 1]!);
  return out;
}

/**
 * Cuts one stroke into pieces of at most `maxNumbers` coordinates. Each piece starts where
 * the previous one ended, so the drawing stays one unbroken line on the page.
 */
export function cutPolyline(points: readonly number[], maxNumbers: number): number[][] {
  const step = Math.max(4, maxNumbers - (maxNumbers % 2));
  if (points.length <= step) return [[...points]];
  const pieces: number[][] = [];
  let start = 0;
  while (start < points.length - 2) {
    const end = Math.min(points.length, start + step);
    pieces.push(points.slice(start, end));
    start = end - 2;
  }
  return pieces;
}

export interface StrokeLimits {
  /** Coordinates in one group, all strokes together. */
  maxNumbers: number;
  /** Strokes in one group. */
  maxStrokes: number;
  /** Coordinates in one stroke. */
  maxPerStroke: number;
}

/** Groups strokes so that no group breaks a limit; a stroke longer than one group allows is cut first. */
export function groupStrokes(strokes: readonly (readonly number[])[], limits: StrokeLimits): number[][][] {
  const perStroke = Math.min(limits.maxPerStroke, limits.maxNumbers);
  const groups: number[][][] = [];
  let current: number[][] = [];
  let numbers = 0;
  for (const stroke of strokes) {
    for (const piece of cutPolyline(stroke, perStroke)) {
      if (current.length > 0 && (numbers + piece.length > limits.maxNumbers || current.length >= limits.maxStrokes)) {
        groups.push(current);
        current = [];
        numbers = 0;
      }
      current.push(piece);
      numbers += piece.length;
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
