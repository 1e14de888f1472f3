// npm run bench [-- --quick] [-- --only <group>[,<group>…]]
//
// Speed of the meeting server against raw baselines measured in the same run on the same
// machine, so the figures mean something on any hardware. Prints the machine, one line per
// figure (`name: value unit (baseline: value unit, ratio: x)`), then the targets, ok or
// MISSED. Exits 0 when figures miss their targets; non-zero only when the bench itself fails.
// Groups: check-in, fan-out, ballots, distribution (these share one room of delegates),
// catch-up, first-page, multi-node, assistant.
import { parseArgs } from 'node:util';
import { assistantRows } from './assistant.js';
import { ballotRows, checkInRows } from './bursts.js';
import { catchUpRow } from './catch-up.js';
import { distributionRow } from './distribution.js';
import { fanOutRows } from './fan-out.js';
import { firstPageRows } from './first-page.js';
import { multiNodeRow } from './multi-node.js';
import { formatRow, formatTargets, machineLine, type Row } from './report.js';
import { Room } from './room.js';

const GROUPS = [
  'check-in',
  'fan-out',
  'ballots',
  'distribution',
  'catch-up',
  'first-page',
  'multi-node',
  'assistant',
] as const;
type Group = (typeof GROUPS)[number];
const IN_THE_ROOM: readonly Group[] = ['check-in', 'fan-out', 'ballots', 'distribution'];

const FULL = {
  delegates: 500,
  fanOutRounds: 7,
  burstRounds: 3,
  downloaders: 200,
  downloadRounds: 1,
  changes: 10_000,
  catchUpClients: 3,
  pageRounds: 5,
};
const QUICK: typeof FULL = {
  delegates: 100,
  fanOutRounds: 3,
  burstRounds: 2,
  downloaders: 20,
  downloadRounds: 1,
  changes: 1_000,
  catchUpClients: 2,
  pageRounds: 2,
};

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const wanted = (values.only ?? GROUPS.join(',')).split(',').map((g) => g.trim());
const unknown = wanted.filter((g) => !(GROUPS as readonly string[]).includes(g));
if (unknown.length > 0) {
  console.error(`unknown group ${unknown.join(', ')}; groups: ${GROUPS.join(', ')}`);
  process.exit(2);
}
const groups = GROUPS.filter((g) => wanted.includes(g));
const size = values.quick ? QUICK : FULL;
const progress = (line: string) => console.error(`  … ${line}`);

const rows: Row[] = [];
let failed = false;
const show = (made: Row | Array<Row | string> | string) => {
  for (const row of Array.isArray(made) ? made : [made]) {
    if (typeof row === 'string') console.log(row);
    else {
      rows.push(row);
      console.log(formatRow(row));
    }
  }
};

async function group(name: Group, work: () => Promise<Row | Array<Row | string> | string>): Promise<void> {
  if (!groups.includes(name)) return;
  const t0 = performance.now();
  progress(`${name}…`);
  try {
    show(await work());
    progress(`${name} took ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  } catch (error) {
    failed = true;
    console.log(`${name}: FAILED, ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

console.log(machineLine());
console.log(values.quick ? 'quick run: smaller crowds and fewer rounds' : 'full run');
const started = performance.now();

let room: Room | null = null;
if (groups.some((g) => IN_THE_ROOM.includes(g))) {
  try {
    room = await Room.open(size.delegates, progress);
  } catch (error) {
    failed = true;
    console.log(`room of ${size.delegates} delegates: FAILED, ${error instanceof Error ? error.stack : String(error)}`);
  }
}
if (room) {
  const r = room;
  await group('check-in', () => checkInRows(r, size.burstRounds));
  await group('fan-out', () => fanOutRows(r, size.fanOutRounds));
  await group('ballots', () => ballotRows(r, size.burstRounds));
  await group('distribution', () =>
    distributionRow(r, Math.min(size.downloaders, size.delegates), size.downloadRounds),
  );
  await r.close();
}
await group('catch-up', () => catchUpRow(size.changes, size.catchUpClients));
await group('first-page', () => firstPageRows(size.pageRounds));
await group('multi-node', () => multiNodeRow(size.delegates, size.fanOutRounds, progress));
await group('assistant', () => assistantRows());

console.log('');
for (const line of formatTargets(rows)) console.log(line);
console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
process.exit(failed ? 1 : 0);
