// Distribution: `clients` delegates each downloading the meeting pack (a few real PDFs, 20 MB
// in all, uploaded by the secretary through the documents API) from the meeting server, as
// fast as loopback allows, against Node's http + fs.createReadStream serving the same files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapLimit } from '../simulator/pool.js';
import { mustUpload } from '../support/document-http.js';
import { startBaseline } from './baselines.js';
import { medianRow, type Row } from './report.js';
import type { Room } from './room.js';
import { pagesFor, scannedPdf } from './scanned-pdf.js';

const MB = 1024 * 1024;
const PACK = { files: 4, bytes: 20 * MB };
/** What each side serves in all, at the least, for its median to stand above the machine's noise. */
const MIN_MB_PER_SIDE = 4000;

interface Download {
  path: string;
  headers: Record<string, string>;
  size: number;
}

/** One device: its own keep-alive connection, the pack's files one after another. */
async function fetchPack(base: string, files: readonly Download[]): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let total = 0;
  try {
    for (const file of files) {
      const got = await new Promise<number>((resolve, reject) => {
        get(`${base}${file.path}`, { agent, headers: file.headers }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`GET ${file.path}: ${res.statusCode}`));
          let n = 0;
          res.on('data', (chunk: Buffer) => (n += chunk.length));
          res.on('end', () => resolve(n));
          res.on('error', reject);
        }).on('error', reject);
      });
      if (got !== file.size) throw new Error(`GET ${file.path}: ${got} of ${file.size} bytes`);
      total += got;
    }
    return total;
  } finally {
    agent.destroy();
  }
}

/** Every device at once; megabytes per second over the whole crowd. */
async function throughput(base: string, packs: readonly Download[][]): Promise<number> {
  const t0 = performance.now();
  const bytes = await mapLimit(packs, packs.length, (files) => fetchPack(base, files));
  const seconds = (performance.now() - t0) / 1000;
  return bytes.reduce((a, b) => a + b, 0) / MB / seconds;
}

export async function distributionRow(room: Room, clients: number, rounds: number): Promise<Row> {
  const folder = mkdtempSync(join(tmpdir(), 'cabinet-bench-pack-'));
  const { token } = await room.target.access.login('thuky');
  const uploaded: { id: string; name: string; size: number }[] = [];
  for (let i = 0; i < PACK.files; i++) {
    const bytes = await scannedPdf(pagesFor(PACK.bytes / PACK.files));
    const doc = await mustUpload(room.url, token, room.meetingId, bytes, { title: `Tài liệu họp ${i + 1}` });
    const name = `tai-lieu-${i + 1}.pdf`;
    writeFileSync(join(folder, name), bytes);
    uploaded.push({ id: doc.id, name, size: bytes.length });
  }
  const devices = room.crowd.accounts.slice(0, clients);
  const ours = devices.map((d) =>
    uploaded.map((f) => ({
      path: `/api/documents/${f.id}/content`,
      headers: { authorization: `Bearer ${d.token}` },
      size: f.size,
    })),
  );
  const plain = devices.map(() => uploaded.map((f) => ({ path: `/${f.name}`, headers: {}, size: f.size })));
  const server = await startBaseline('static', folder);
  try {
    // Untimed, on both sides alike: a few devices fetch the pack first, as the first tablets
    // of a room do, so that neither side's first timed round pays for its process's start.
    const early = Math.max(1, Math.ceil(devices.length / 20));
    await throughput(room.url, ours.slice(0, early));
    await throughput(server.url, plain.slice(0, early));
    const oursMbs: number[] = [];
    const plainMbs: number[] = [];
    // Each round measures both sides twice, in opposite orders (ours, static, static, ours):
    // the machine's load drifts during a run, and a fixed order would give the drift to one side.
    // A small crowd's round lasts a second or two, so there are more of them.
    const crowdMb = ours.flat().reduce((a, f) => a + f.size, 0) / MB;
    const enough = Math.max(rounds, Math.ceil(MIN_MB_PER_SIDE / (2 * crowdMb)));
    for (let r = 0; r < enough; r++) {
      oursMbs.push(await throughput(room.url, ours));
      plainMbs.push(await throughput(server.url, plain));
      plainMbs.push(await throughput(server.url, plain));
      oursMbs.push(await throughput(room.url, ours));
    }
    const packMb = uploaded.reduce((a, f) => a + f.size, 0) / MB;
    const name = `distribution (${devices.length} clients × ${packMb.toFixed(0)} MB pack of ${PACK.files} PDFs)`;
    return medianRow(name, 'MB/s', oursMbs, plainMbs, { ratio: 0.9, better: 'higher' });
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
