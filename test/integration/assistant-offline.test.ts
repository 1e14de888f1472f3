import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskHit } from '../../shared/protocol/index.js';
import { makePaperPdf, PAPERS } from '../fixtures/assistant/eval-set.js';
import { removeDataFolder } from '../support/data-folder.js';
import { mustUpload } from '../support/document-http.js';
import { engineDatabase } from '../support/postgres.js';
import { access, freePort, ServerProcess } from '../support/server-process.js';
import type { TestSocket } from '../support/server-harness.js';
import { must } from '../support/vote-fixtures.js';

/**
 * The assistant with the world out of reach, as the room is: the server process starts with
 * every proxy variable pointing at a closed port and a preloaded module that refuses, and
 * writes down, every connection or name lookup beyond this machine. Papers are indexed
 * (vntk's model read from its package) and a question is answered; nothing was attempted.
 */
const folder = mkdtempSync(join(tmpdir(), 'cabinet-offline-'));
const attempts = join(folder, 'outside-attempts.log');
const guard = join(folder, 'refuse-outside.cjs');
const sockets: TestSocket[] = [];
let server: ServerProcess;
let dropDatabase: (() => Promise<void>) | null = null;

// CommonJS, preloaded with --require before anything of the server: net, tls and dns.
const GUARD = `
const net = require('node:net');
const dns = require('node:dns');
const { appendFileSync } = require('node:fs');
const LOG = ${JSON.stringify(attempts)};
const local = (host) => !host || host === 'localhost' || /^127\\./.test(host) || host === '::1' || host === '0.0.0.0' || host === '::';
const refuse = (what) => { appendFileSync(LOG, what + '\\n'); return new Error('outside the room: ' + what); };
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() hands its arguments on normalised, as an array whose first element is the options.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (!options.path && !local(options.host)) throw refuse('connect ' + options.host + ':' + options.port);
  return connect.apply(this, args);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const real = dns[name];
  dns[name] = function (host, ...rest) {
    if (!local(host)) throw refuse(name + ' ' + host);
    return real.call(this, host, ...rest);
  };
}
`;

beforeAll(async () => {
  writeFileSync(guard, GUARD);
  writeFileSync(attempts, '');
  const database = await engineDatabase();
  dropDatabase = () => database.drop();
  const nowhere = 'http://127.0.0.1:9';
  server = new ServerProcess(join(folder, 'data'), await freePort(), database.url, {
    HTTP_PROXY: nowhere,
    HTTPS_PROXY: nowhere,
    ALL_PROXY: nowhere,
    http_proxy: nowhere,
    https_proxy: nowhere,
    NO_PROXY: '',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${guard}`.trim(),
  });
  await server.start();
}, 120_000);

afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server?.kill();
  await dropDatabase?.();
  removeDataFolder(folder);
});

describe('the assistant with no way out of the room', () => {
  it('indexes a paper and answers on its page, and nothing tried to reach beyond the machine', async () => {
    const h = access(server, sockets);
    const { socket, login } = await h.connect('thuky');
    const meetingId = uuidv7();
    await must(socket, 'meeting:create', {
      meetingId,
      title: 'Kỳ họp không có mạng ngoài',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      place: 'Hội trường',
      organisation: 'HĐND',
    });
    const paper = PAPERS.find((p) => p.id === 'bao-cao-ngan-sach-2026')!;
    const doc = await mustUpload(server.url, login.token, meetingId, await makePaperPdf(paper), {
      title: paper.title,
    });
    const res = await fetch(
      `${server.url}/api/meetings/${meetingId}/assistant/ask?q=${encodeURIComponent('Dự toán thu ngân sách nhà nước năm 2027 là bao nhiêu?')}`,
      { headers: { authorization: `Bearer ${login.token}` } },
    );
    expect(res.status).toBe(200);
    const hits = (await res.json()) as AskHit[];
    expect(hits.slice(0, 3).some((hit) => hit.documentId === doc.id && hit.page === 5)).toBe(true);
    // The server tried nothing beyond the machine…
    expect(readFileSync(attempts, 'utf8')).toBe('');
    // …and the guard would have seen it: the same preload in a process that tries.
    spawnSync(process.execPath, [
      '--require',
      guard,
      '-e',
      "try { require('node:net').connect(80, '203.0.113.7') } catch {} try { require('node:dns').lookup('example.org', () => {}) } catch {}",
    ]);
    expect(readFileSync(attempts, 'utf8').trim().split('\n')).toEqual(['connect 203.0.113.7:80', 'lookup example.org']);
  });
});
