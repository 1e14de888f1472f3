// What `npm run bench` prints: the machine, one line per figure in the fixed form
// `name: value unit (baseline: value unit, ratio: x)`, then the targets, each ok or MISSED.
import { cpus, loadavg, totalmem } from 'node:os';
import { median } from '../simulator/stats.js';

export interface Target {
  /** A latency or duration: ours/baseline at most this. A throughput: at least this. */
  ratio: number;
  better: 'lower' | 'higher';
}

export interface Row {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  baselineUnit?: string;
  target?: Target;
}

export const ratioOf = (row: Row) => row.value / row.baseline;

/** A row of the medians of each side's rounds. */
export function medianRow(
  name: string,
  unit: string,
  ours: readonly number[],
  baseline: readonly number[],
  target?: Target,
): Row {
  return { name, unit, value: median(ours), baseline: median(baseline), ...(target ? { target } : {}) };
}

/** Three significant figures at least, never a trailing exponent. */
function figure(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  return n.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3);
}

export function formatRow(row: Row): string {
  return `${row.name}: ${figure(row.value)} ${row.unit} (baseline: ${figure(row.baseline)} ${row.baselineUnit ?? row.unit}, ratio: ${ratioOf(row).toFixed(2)})`;
}

export function met(row: Row & { target: Target }): boolean {
  const ratio = ratioOf(row);
  return row.target.better === 'lower' ? ratio <= row.target.ratio : ratio >= row.target.ratio;
}

/** The targets' table: each row that has one, its ratio, the target and ok or MISSED. */
export function formatTargets(rows: readonly Row[]): string[] {
  const withTarget = rows.filter((r): r is Row & { target: Target } => r.target !== undefined);
  if (withTarget.length === 0) return [];
  const width = Math.max(...withTarget.map((r) => r.name.length));
  return [
    'targets (ratio = ours / baseline):',
    ...withTarget.map((r) => {
      const sign = r.target.better === 'lower' ? '≤' : '≥';
      return `  ${r.name.padEnd(width)}  ${ratioOf(r).toFixed(2).padStart(7)}  ${sign} ${r.target.ratio}×  ${met(r) ? 'ok' : 'MISSED'}`;
    }),
  ];
}

export function machineLine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  const gb = (totalmem() / 1024 ** 3).toFixed(1);
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `machine: ${model}, ${cpu.length} cores, ${gb} GB RAM, Node ${process.version} (load average at start: ${load})`;
}
