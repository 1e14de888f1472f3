/**
 * placeholder-plain's incremental update has a cross-reference section qpdf complains about:
 * `startxref` points one byte before `xref`, and `/Size` counts numbers it never used. Before
 * signing, the appended section is rewritten here: the same objects, a correct xref table (one
 * subsection per run of numbers) and a trailer carrying the base file's /Root, /Info and /ID,
 * /Prev pointing at the base's cross-reference section.
 */

const LATIN1 = 'latin1';

function lastMatch(text: string, pattern: RegExp): RegExpExecArray | null {
  const global = new RegExp(pattern.source, 'g');
  let last: RegExpExecArray | null = null;
  for (let m = global.exec(text); m; m = global.exec(text)) last = m;
  return last;
}

function subsections(entries: Array<[number, number]>): string {
  const lines: string[] = [];
  let run: Array<[number, number]> = [];
  const flush = (): void => {
    if (run.length === 0) return;
    lines.push(`${run[0]![0]} ${run.length}`);
    for (const [num, offset] of run)
      lines.push(`${String(offset).padStart(10, '0')} ${num === 0 ? '65535 f' : '00000 n'}\r`);
    run = [];
  };
  for (const entry of entries) {
    const previous = run[run.length - 1];
    if (previous && entry[0] !== previous[0] + 1) flush();
    run.push(entry);
  }
  flush();
  return `${lines.join('\n')}\n`;
}

/** The file with its last section's xref and trailer written anew; `baseLength` is where that section starts. */
export function rewriteLastXref(pdf: Buffer, baseLength: number): Buffer {
  const base = pdf.toString(LATIN1, 0, baseLength);
  const added = pdf.toString(LATIN1, baseLength);
  const xrefAt = added.lastIndexOf('\nxref');
  if (xrefAt === -1) throw new Error('the update has no cross-reference section');
  const trailer = added.slice(xrefAt);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  const prev = lastMatch(base, /startxref\s+(\d+)/)?.[1];
  if (!root || !prev) throw new Error('the update names no /Root, or the base file no startxref');
  const baseTrailer = base.slice(base.lastIndexOf('trailer'));
  const info = /\/Info\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  const id = /\/ID\s*(\[[^\]]*\])/.exec(baseTrailer)?.[1];
  const offsets = new Map<number, number>([[0, 0]]);
  const objects = /(^|\n)(\d+)\s+0\s+obj\b/g;
  const body = added.slice(0, xrefAt + 1);
  for (let m = objects.exec(body); m; m = objects.exec(body))
    offsets.set(Number(m[2]), baseLength + m.index + m[1]!.length);
  let size = Number(/\/Size\s+(\d+)/.exec(baseTrailer)?.[1] ?? 0);
  const highest = lastMatch(base + body, /(?:^|\n)(\d+)\s+\d+\s+obj\b/);
  for (const num of offsets.keys()) size = Math.max(size, num + 1);
  if (highest) size = Math.max(size, Number(highest[1]) + 1);
  const start = baseLength + xrefAt + 1;
  const dict = [
    `/Size ${size}`,
    `/Root ${root}`,
    info ? `/Info ${info}` : '',
    id ? `/ID ${id}` : '',
    `/Prev ${prev}`,
  ].filter(Boolean);
  const section =
    `xref\n${subsections([...offsets.entries()].sort((a, b) => a[0] - b[0]))}` +
    `trailer\n<<\n${dict.join('\n')}\n>>\nstartxref\n${start}\n%%EOF`;
  return Buffer.concat([pdf.subarray(0, start), Buffer.from(section, LATIN1)]);
}
