import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  Ack,
  Annotation,
  AnnotationChanged,
  AnnotationInput,
  CommandReceipt,
  DocumentInfo,
} from '../../shared/protocol/index.js';
import { annotationInput } from '../support/annotation-fixtures.js';
import {
  annotationRow,
  exportReadings,
  findIn,
  meetingRecord,
  newLoot,
  recordEvents,
  rowsOf,
  utf16be,
  type Loot,
} from '../support/annotation-attack.js';
import { demoRoomForFile, person, secondMeeting, type Person } from '../support/document-attack-room.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { ask, connectSocket, health, syncAll, waitFor, type Harness } from '../support/server-harness.js';
import { must } from '../support/vote-fixtures.js';

/**
 * Attacks on delegates' private notes (issue 11, "Privacy at every exit"): delegate A writes
 * private annotations of every kind carrying a marker, on a paper everyone sees and on a
 * restricted one, shares, withdraws and deletes some; another delegate, the secretary, the
 * chair, the observer and an administrator who is no participant listen on every socket and
 * knock on every door (socket requests, HTTP routes, the annotated PDF, commands on A's ids).
 * Nothing private may reach them; A's rows must not change. Then hostile payloads from A.
 */

let h: Harness;
let A: Person;
let B: Person;
let C: Person;
let secretary: Person;
let chair: Person;
let observer: Person;
let meetingId: string;
demoRoomForFile((server, room) => {
  h = server;
  ({ delegate: A, other: B, third: C, secretary, chair, observer, meetingId } = room);
});

const hex = () => randomBytes(5).toString('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const saveCommand = (annotation: AnnotationInput, id = meetingId) => ({
  commandId: uuidv7(),
  meetingId: id,
  annotation,
});
const save = (p: Pick<Person, 'socket'>, annotation: AnnotationInput) =>
  ask<CommandReceipt>(p.socket, 'annotation:save', saveCommand(annotation));
const act = (p: Pick<Person, 'socket'>, name: string, annotationId: string) =>
  ask<CommandReceipt>(p.socket, name, { commandId: uuidv7(), meetingId, annotationId });

async function mustAct(p: Pick<Person, 'socket'>, name: string, payload: AnnotationInput | string): Promise<number> {
  const answer = typeof payload === 'string' ? await act(p, name, payload) : await save(p, payload as AnnotationInput);
  if (!answer.ok) throw new Error(`${name} refused: ${answer.error.code}`);
  return answer.data.rev ?? 0;
}

const twoPages = () => makePdf({ pages: ['Trang một của tờ trình', 'Trang hai của tờ trình'] });

/** Everyone who must not read A's private notes, each with a second socket that records everything. */
interface Attacker {
  name: string;
  p: Person;
  loot: Loot;
  /** May annotate in this meeting (a command on A's ids then answers NOT_FOUND, not FORBIDDEN). */
  annotator: boolean;
  /** May see the restricted paper (the secretary keeps every paper; C is on its list). */
  seesRestricted: boolean;
}

async function listening(name: string, p: Person, annotator: boolean, seesRestricted: boolean): Promise<Attacker> {
  const loot = newLoot();
  recordEvents(p.socket, loot);
  const second = await connectSocket(h.server.url, p.token);
  recordEvents(second, loot);
  await syncAll(second);
  return { name, p, loot, annotator, seesRestricted };
}

describe('private by default, through every door, while A writes, shares, withdraws and deletes', () => {
  const tag = `mk${hex()}`;
  const sharedTag = `sh${hex()}`;
  const secretTag = `rs${hex()}`;
  let open: DocumentInfo;
  let restricted: DocumentInfo;
  let attackers: Attacker[];
  let ownLoot: Loot;
  const privateIds: string[] = [];
  let withdrawn: AnnotationInput;
  let deletedShared: AnnotationInput;
  let secretShared: AnnotationInput;
  let rowsBefore: Awaited<ReturnType<typeof rowsOf>>;
  const commandAnswers: Array<{
    who: string;
    name: string;
    target: string;
    answer: Ack<unknown>;
    nobody: Ack<unknown> | null;
  }> = [];

  beforeAll(async () => {
    open = await mustUpload(h.server.url, secretary.token, meetingId, await twoPages(), { title: 'Tờ trình chung' });
    restricted = await mustUpload(h.server.url, secretary.token, meetingId, await twoPages(), {
      title: 'Hồ sơ mật',
      visibleTo: { users: [A.userId, C.userId], roles: [] },
    });
    const admin = await person(h, 'admin');
    const thirdOfB = await connectSocket(h.server.url, B.token);
    attackers = [
      await listening('delegate B', B, true, false),
      await listening('delegate C', C, true, true),
      await listening('secretary', secretary, true, true),
      await listening('chair', chair, true, false),
      await listening('observer', observer, false, false),
      await listening('admin', admin, false, false),
    ];
    recordEvents(thirdOfB, attackers[0]!.loot);
    await syncAll(thirdOfB);
    // A's own second device: it must get everything (the control that the listening works).
    ownLoot = newLoot();
    const ownSecond = await connectSocket(h.server.url, A.token);
    recordEvents(ownSecond, ownLoot);
    await syncAll(ownSecond);

    // Private notes of every kind, with the marker in the text and in the quote.
    const privates = [
      annotationInput(open.id, 'note', { text: `Ghi chú riêng tư ${tag} điều 5` }),
      annotationInput(open.id, 'highlight', { quote: `Ngân sách bí mật ${tag}`, text: `Bình luận ${tag}` }),
      annotationInput(open.id, 'free-highlight', { page: 2, text: `Tô tự do ${tag}` }),
      annotationInput(open.id, 'ink', { text: `Nét vẽ ${tag}` }),
      annotationInput(restricted.id, 'note', { text: `Ghi chú trên hồ sơ mật ${tag}` }),
      annotationInput(restricted.id, 'highlight', { quote: `Trích hồ sơ ${tag}` }),
    ];
    for (const p of privates) await mustAct(A, 'annotation:save', p);
    privateIds.push(...privates.map((p) => p.id));
    const first = privates[0]!;
    const last = privates.at(-1)!;
    await mustAct(A, 'annotation:save', { ...first, text: `Đã sửa ${tag} lần hai` });
    await mustAct(A, 'annotation:delete', last.id);

    // One shared, edited while shared, withdrawn, then edited again in private.
    withdrawn = annotationInput(open.id, 'note', { text: `Ý kiến chung ${sharedTag}` });
    await mustAct(A, 'annotation:save', withdrawn);
    await mustAct(A, 'annotation:share', withdrawn.id);
    await mustAct(A, 'annotation:save', { ...withdrawn, text: `Ý kiến chung đã sửa ${sharedTag}` });
    await mustAct(A, 'annotation:withdraw', withdrawn.id);
    await mustAct(A, 'annotation:save', { ...withdrawn, text: `Rút lại, giờ là của riêng ${tag}` });
    // One shared and then deleted.
    deletedShared = annotationInput(open.id, 'ink', { text: `Chia sẻ rồi xóa ${sharedTag}` });
    await mustAct(A, 'annotation:save', deletedShared);
    await mustAct(A, 'annotation:share', deletedShared.id);
    await mustAct(A, 'annotation:delete', deletedShared.id);
    // One shared on the restricted paper, and left shared: only its audience may have it.
    secretShared = annotationInput(restricted.id, 'note', { text: `Ý kiến trên hồ sơ mật ${secretTag}` });
    await mustAct(A, 'annotation:save', secretShared);
    const lastRev = await mustAct(A, 'annotation:share', secretShared.id);
    await waitFor(() => ownLoot.events.some((e) => e.includes(`"rev":${lastRev}`)), 5000, "A's last notice");
    await waitFor(() => findIn(attackers[1]!.loot, [secretTag]).length > 0, 5000, 'the shared note reaching C');
    await sleep(300);
    rowsBefore = await rowsOf(h, A.userId);

    // Every door, for every attacker.
    const queries = [
      tag,
      `ghi chu rieng tu ${tag}`,
      'Ghi chú riêng tư',
      'ngan sach bi mat',
      'tren ho so mat',
      sharedTag,
    ];
    for (const { p, loot } of attackers) {
      const answer = async (name: string, payload: unknown) =>
        loot.answers.push(JSON.stringify({ name, answer: await ask(p.socket, name, payload) }));
      await answer('session:sync', { cursors: {} });
      await answer('meeting:catch-up', { meetingId, sinceSeq: 0 });
      await answer('document:list', { meetingId });
      for (const doc of [open, restricted]) await answer('document:versions', { meetingId, documentId: doc.id });
      for (const q of queries) await answer('document:search', { meetingId, q });
      await answer('approval:list', { meetingId });
      await answer('annotation:sync', { sinceRev: 0 });
      await answer('annotation:list-shared', { meetingId });
      const get = async (path: string) => {
        const res = await fetch(`${h.server.url}${path}`, { headers: { authorization: `Bearer ${p.token}` } });
        // The path is left out: it holds the query, the marker itself.
        loot.answers.push(`${res.status} ${await res.text()}`);
      };
      await get(`/api/meetings/${meetingId}/annotations`);
      for (const q of queries) await get(`/api/meetings/${meetingId}/search?q=${encodeURIComponent(q)}`);
      for (const doc of [open, restricted])
        for (const query of ['shared=1', 'shared=0', 'shared=1&version=1&language=en']) {
          const read = await exportReadings(h.server.url, p.token, doc.id, query);
          loot.answers.push(`export ${doc.title} ${query} ${read.status} ${read.text}`);
        }
      // Commands on A's ids, each beside the same command on an id that is nobody's.
      for (const target of [...privateIds, withdrawn.id]) {
        const row = await annotationRow(h, target);
        const hijack = annotationInput(row!.document_id, 'note', { id: target, text: 'Chiếm quyền' });
        const tries: Array<[string, () => Promise<Ack<unknown>>, (() => Promise<Ack<unknown>>) | null]> = [
          // A save on an id that is nobody's makes a note: there is nothing to compare it with.
          ['annotation:save', () => save(p, hijack), null],
          ['annotation:delete', () => act(p, 'annotation:delete', target), () => act(p, 'annotation:delete', uuidv7())],
          ['annotation:share', () => act(p, 'annotation:share', target), () => act(p, 'annotation:share', uuidv7())],
          [
            'annotation:withdraw',
            () => act(p, 'annotation:withdraw', target),
            () => act(p, 'annotation:withdraw', uuidv7()),
          ],
        ];
        for (const [name, attack, nobody] of tries) {
          const got = await attack();
          loot.answers.push(JSON.stringify(got));
          commandAnswers.push({ who: p.username, name, target, answer: got, nobody: nobody ? await nobody() : null });
        }
      }
    }
    await sleep(300);
  }, 240_000);

  it("A's own devices and exports do get the marker (the listening and the readings work)", async () => {
    expect(findIn(ownLoot, [tag]).length).toBeGreaterThan(0);
    const own = await exportReadings(h.server.url, A.token, open.id, 'shared=1');
    expect(own.status).toBe(200);
    expect(own.annotations.some((a) => a.contents?.includes(tag))).toBe(true);
    expect(own.text).toContain(tag);
    const c = attackers.find((a) => a.name === 'delegate C')!;
    expect(findIn(c.loot, [secretTag]).length, 'C, on the list, gets the shared note').toBeGreaterThan(0);
    expect(findIn(attackers[0]!.loot, [sharedTag]).length, 'B saw the note while it was shared').toBeGreaterThan(0);
  });

  it('the private marker reaches no attacker: no event, answer, HTTP body or exported PDF holds it', () => {
    for (const { name, loot } of attackers)
      expect(findIn(loot, [tag, utf16be(tag)]), `${name} holds A's private marker`).toEqual([]);
  });

  it("A's private annotations' ids reach no attacker", () => {
    for (const { name, loot } of attackers) expect(findIn(loot, privateIds), `${name} holds a private id`).toEqual([]);
  });

  it('once withdrawn or deleted, the shared text is in no answer any more (events while it was shared aside)', () => {
    for (const { name, loot } of attackers)
      expect(findIn({ events: [], answers: loot.answers }, [sharedTag]), `${name} still reads it`).toEqual([]);
  });

  it('the note shared on the restricted paper reaches only its audience', () => {
    for (const { name, loot, seesRestricted } of attackers)
      if (!seesRestricted)
        expect(findIn(loot, [secretTag, secretShared.id]), `${name} got the restricted paper's note`).toEqual([]);
  });

  it('a withdrawn or deleted shared note reaches others only as a tombstone without content', async () => {
    for (const { name, loot } of attackers) {
      const seen = loot.events
        .map((e) => JSON.parse(e) as { event: string; args: unknown[] })
        .filter((e) => e.event === 'annotation:changed')
        .flatMap((e) => (e.args[0] as AnnotationChanged).annotations)
        .filter((a) => a.id === withdrawn.id || a.id === deletedShared.id);
      for (const a of seen) {
        const live = a.shared && !a.deleted;
        if (!live)
          expect({ name, geometry: a.geometry, text: a.text, quote: a.quote }).toEqual({
            name,
            geometry: null,
            text: '',
            quote: '',
          });
        else expect(a.text, `${name}: a shared version carries only shared text`).toContain(sharedTag);
      }
      // The last each got of either is its tombstone.
      for (const id of [withdrawn.id, deletedShared.id]) {
        const last = seen.filter((a) => a.id === id).at(-1);
        if (last) expect(last.shared && !last.deleted, `${name}: the last of ${id} is no tombstone`).toBe(false);
      }
    }
    const shared = await ask<{ annotations: Annotation[] }>(B.socket, 'annotation:list-shared', { meetingId });
    expect(shared.ok && shared.data.annotations.map((a) => a.id)).toEqual([]);
  });

  it("commands on A's ids answer as for nobody's (NOT_FOUND for annotators) and change nothing", async () => {
    for (const c of commandAnswers) {
      const code = (x: Ack<unknown>) => (x.ok ? 'ok' : x.error.code);
      const annotator = attackers.find((a) => a.p.username === c.who)!.annotator;
      if (annotator) expect(code(c.answer), `${c.who} ${c.name} ${c.target}`).toBe('NOT_FOUND');
      else if (c.nobody) expect(code(c.answer), `${c.who} ${c.name}`).toBe(code(c.nobody));
      else expect(c.answer.ok, `${c.who} ${c.name}`).toBe(false);
    }
    expect(await rowsOf(h, A.userId)).toEqual(rowsBefore);
  });

  it("nothing of A's notes enters the meeting's change log or audit chain; private writes leave no audit row", async () => {
    const { changes, audit } = await meetingRecord(h);
    const needles = [tag, sharedTag, secretTag, ...privateIds];
    expect(changes.filter((r) => needles.some((n) => r.includes(n)))).toEqual([]);
    expect(audit.filter((r) => needles.some((n) => r.includes(n)))).toEqual([]);
    // Audit rows of annotation commands name only notes that were shared when written.
    const audited = audit.filter((r) => r.includes('"annotation:'));
    const sharedOnes = [withdrawn.id, deletedShared.id, secretShared.id];
    for (const row of audited)
      expect(
        sharedOnes.some((id) => row.includes(id)),
        row,
      ).toBe(true);
    expect(audited.length).toBeGreaterThan(0);
  });
});

describe('a copy carried to a new version and shared', () => {
  it('does not name the private note it was carried from (carriedFrom) to the others', async () => {
    const paper = await mustUpload(h.server.url, secretary.token, meetingId, await twoPages(), { title: 'Dự thảo' });
    await mustUpload(h.server.url, secretary.token, meetingId, await twoPages(), {
      title: 'Dự thảo',
      replaces: paper.id,
    });
    const original = annotationInput(paper.id, 'note', { text: `Nháp riêng ${hex()}` });
    await mustAct(A, 'annotation:save', original);
    const copy = annotationInput(paper.id, 'note', { version: 2, carriedFrom: original.id, text: 'Ý kiến mang sang' });
    await mustAct(A, 'annotation:save', copy);
    const loot = newLoot();
    recordEvents(B.socket, loot);
    await mustAct(A, 'annotation:share', copy.id);
    await waitFor(() => findIn(loot, [copy.id]).length > 0, 5000, 'the shared copy reaching B');
    loot.answers.push(JSON.stringify(await ask(B.socket, 'annotation:list-shared', { meetingId })));
    const res = await fetch(`${h.server.url}/api/meetings/${meetingId}/annotations`, {
      headers: { authorization: `Bearer ${B.token}` },
    });
    loot.answers.push(await res.text());
    const read = await exportReadings(h.server.url, B.token, paper.id, 'shared=1');
    loot.answers.push(read.text);
    expect(findIn(loot, [original.id]), "B learns the id of A's private note").toEqual([]);
    // Nor can B carry over from A's note (or from an id that is nobody's) to learn it exists.
    for (const origin of [original.id, uuidv7()]) {
      const probe = annotationInput(paper.id, 'note', { version: 2, carriedFrom: origin });
      expect(await save(B, probe)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });
});

describe('what others can read off a shared note and its tombstone', () => {
  it("its rev does not count A's private writes made in between", async () => {
    const paper = await mustUpload(h.server.url, secretary.token, meetingId, await twoPages(), { title: 'Nhịp' });
    const shared = annotationInput(paper.id, 'note', { text: 'Công khai' });
    await mustAct(A, 'annotation:save', shared);
    const seen: Annotation[] = [];
    const onChanged = (e: AnnotationChanged) => seen.push(...e.annotations.filter((a) => a.id === shared.id));
    B.socket.on('annotation:changed', onChanged);
    try {
      const revSeenByB = async (text: string) => {
        const before = seen.length;
        await mustAct(A, 'annotation:save', { ...shared, text });
        await waitFor(() => seen.length > before, 5000, 'the edit reaching B');
        return seen.at(-1)!.rev;
      };
      await mustAct(A, 'annotation:share', shared.id);
      await waitFor(() => seen.length > 0, 5000, 'the share reaching B');
      const r0 = seen.at(-1)!.rev;
      const r1 = await revSeenByB('Công khai, sửa một');
      // Five private notes, then the same edit again.
      for (let i = 0; i < 5; i++)
        await mustAct(A, 'annotation:save', annotationInput(paper.id, 'note', { text: `Riêng ${i}` }));
      const r2 = await revSeenByB('Công khai, sửa hai');
      expect(r2 - r1, `B sees rev ${r0} → ${r1} → ${r2}: the gap counts A's private writes in between`).toBe(r1 - r0);
    } finally {
      B.socket.off('annotation:changed', onChanged);
    }
  });

  it('a tombstone of a withdrawal does not carry the private edit that follows it (page, kind, colour)', async () => {
    const paper = await mustUpload(h.server.url, secretary.token, meetingId, await twoPages(), { title: 'Rút' });
    const second = await connectSocket(h.server.url, A.token);
    const seen: Annotation[] = [];
    const onChanged = (e: AnnotationChanged) => seen.push(...e.annotations);
    B.socket.on('annotation:changed', onChanged);
    try {
      for (let round = 0; round < 8; round++) {
        const s = annotationInput(paper.id, 'note', { text: `Công khai ${round}`, color: '#00ff00' });
        await mustAct(A, 'annotation:save', s);
        await mustAct(A, 'annotation:share', s.id);
        await waitFor(() => seen.some((a) => a.id === s.id), 5000, 'the share reaching B');
        // The withdrawal and a private edit at once, from two of A's devices.
        const edit = annotationInput(paper.id, 'highlight', { id: s.id, page: 2, color: '#123456', text: 'Riêng' });
        const [w, e] = await Promise.all([act(A, 'annotation:withdraw', s.id), save({ socket: second }, edit)]);
        expect([w.ok, e.ok]).toEqual([true, true]);
      }
      await sleep(300);
      // A tombstone tells that the note is gone and nothing of what it is now: not the
      // private edit, nor even the last shared version (B has that already).
      const told = (a: Annotation) => ({ page: a.page, kind: a.kind, color: a.color, text: a.text });
      let tombstones = 0;
      for (const t of seen) {
        if (t.shared && !t.deleted) continue;
        tombstones += 1;
        expect(told(t), 'the tombstone tells the private edit').toEqual({
          page: 1,
          kind: 'note',
          color: '#000000',
          text: '',
        });
        expect(t.geometry).toBeNull();
      }
      expect(tombstones).toBe(8);
    } finally {
      B.socket.off('annotation:changed', onChanged);
      second.disconnect();
    }
  });

  it("a device signed out gets none of A's notes written after", async () => {
    const marker = `lo${hex()}`;
    const login = await h.login('daibieu1');
    const lost = await connectSocket(h.server.url, login.token);
    const loot = newLoot();
    recordEvents(lost, loot);
    await syncAll(lost);
    const out = await fetch(`${h.server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login.token}` },
    });
    expect(out.status).toBe(204);
    await sleep(200);
    const paper = await mustUpload(h.server.url, secretary.token, meetingId, await twoPages(), { title: 'Mất máy' });
    await mustAct(A, 'annotation:save', annotationInput(paper.id, 'note', { text: `Sau đăng xuất ${marker}` }));
    await sleep(300);
    expect(findIn(loot, [marker])).toEqual([]);
    lost.disconnect();
  });
});

describe('concurrency: A saving on two sockets at once', () => {
  it('gets distinct revs and loses no write', async () => {
    const paper = await mustUpload(h.server.url, secretary.token, meetingId, await twoPages(), { title: 'Song song' });
    const second = await connectSocket(h.server.url, A.token);
    const sockets = [A.socket, second];
    const contested = annotationInput(paper.id, 'note', { text: 'Bản đầu' });
    await mustAct(A, 'annotation:save', contested);
    const fresh = Array.from({ length: 40 }, (_, i) => annotationInput(paper.id, 'note', { text: `Ghi chú ${i}` }));
    const edits = Array.from({ length: 20 }, (_, i) => ({ ...contested, text: `Sửa lần ${i}` }));
    const sent = [...fresh, ...edits];
    const answers = await Promise.all(sent.map((a, i) => save({ socket: sockets[i % 2]! }, a)));
    second.disconnect();
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const revs = answers.map((a) => (a.ok ? a.data.rev : undefined));
    expect(revs.every((r) => typeof r === 'number')).toBe(true);
    expect(new Set(revs).size).toBe(revs.length);
    for (const [i, a] of fresh.entries()) expect((await annotationRow(h, a.id))?.body, `fresh ${i}`).toBe(a.text);
    // The contested one holds the text of its highest rev.
    const editRevs = revs.slice(fresh.length) as number[];
    const winner = edits[editRevs.indexOf(Math.max(...editRevs))]!;
    const row = await annotationRow(h, contested.id);
    expect({ body: row?.body, rev: Number(row?.rev) }).toEqual({ body: winner.text, rev: Math.max(...editRevs) });
  });
});

describe('hostile payloads from a delegate who may annotate', () => {
  let paper: DocumentInfo;
  beforeAll(async () => {
    paper = await mustUpload(h.server.url, secretary.token, meetingId, await twoPages(), { title: 'Bia bắn' });
  });
  const code = (a: Ack<unknown>) => (a.ok ? 'ok' : a.error.code);

  it('refuses __proto__ keys anywhere in the payload, and stores nothing', async () => {
    const a = annotationInput(paper.id, 'note');
    const raw = JSON.parse(
      `{"commandId":"${uuidv7()}","meetingId":"${meetingId}","annotation":${JSON.stringify(a).replace(
        '{',
        '{"__proto__":{"shared":true},',
      )}}`,
    ) as unknown;
    expect(code(await ask(A.socket, 'annotation:save', raw))).toBe('VALIDATION_FAILED');
    const inGeometry = JSON.parse(
      JSON.stringify(saveCommand(a)).replace('"shape":"box"', '"__proto__":{"x":1},"shape":"box"'),
    ) as unknown;
    expect(code(await ask(A.socket, 'annotation:save', inGeometry))).toBe('VALIDATION_FAILED');
    expect(await annotationRow(h, a.id)).toBeUndefined();
  });

  it('refuses NaN, Infinity and 1e308 coordinates, and 10,000 points', async () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -Infinity, 1e308, -1e308]) {
      const a = annotationInput(paper.id, 'note', {
        geometry: { shape: 'box', rect: [72, bad, 300, 660], fontSize: 12 },
      });
      expect(code(await save(A, a)), String(bad)).toBe('VALIDATION_FAILED');
      expect(await annotationRow(h, a.id)).toBeUndefined();
    }
    const thickness = annotationInput(paper.id, 'ink', {
      geometry: { shape: 'strokes', strokes: [[1, 2, 3, 4]], thickness: 1e308 },
    });
    expect(code(await save(A, thickness))).toBe('VALIDATION_FAILED');
    const points = Array.from({ length: 20_000 }, (_, i) => i % 9);
    for (const strokes of [[points], Array.from({ length: 5 }, () => points.slice(0, 4000))]) {
      const a = annotationInput(paper.id, 'ink', { geometry: { shape: 'strokes', strokes, thickness: 2 } });
      expect(code(await save(A, a))).toBe('VALIDATION_FAILED');
      expect(await annotationRow(h, a.id)).toBeUndefined();
    }
    expect(await health(h.server.url)).toBe(200);
  });

  it('refuses control characters in the text and the quote', async () => {
    for (const fields of [{ text: 'Ghi\u0000chú' }, { text: 'a\u001bb' }, { quote: 'x\u007fy', text: 'ok' }]) {
      const a = annotationInput(paper.id, 'note', fields);
      expect(code(await save(A, a)), JSON.stringify(fields)).toBe('VALIDATION_FAILED');
      expect(await annotationRow(h, a.id)).toBeUndefined();
    }
  });

  it('refuses a page the paper does not have and a version that does not exist', async () => {
    const page = annotationInput(paper.id, 'note', { page: 3 });
    expect(code(await save(A, page))).toBe('VALIDATION_FAILED');
    const version = annotationInput(paper.id, 'note', { version: 2 });
    expect(code(await save(A, version))).toBe('NOT_FOUND');
    for (const a of [page, version]) expect(await annotationRow(h, a.id)).toBeUndefined();
  });

  it("answers another meeting's paper NOT_FOUND, from this meeting and from that one", async () => {
    const elsewhere = await secondMeeting(h, C.userId, chair.userId);
    const theirs = await mustUpload(h.server.url, C.token, elsewhere, await twoPages(), { title: 'Của phiên khác' });
    const a = annotationInput(theirs.id, 'note');
    expect(code(await save(A, a))).toBe('NOT_FOUND');
    const there = await ask(A.socket, 'annotation:save', saveCommand(a, elsewhere));
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(code(there));
    expect(await annotationRow(h, a.id)).toBeUndefined();
    // A's own paper named under the other meeting: not found there either.
    const mine = annotationInput(paper.id, 'note');
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(
      code(await ask(A.socket, 'annotation:save', saveCommand(mine, elsewhere))),
    );
    expect(await annotationRow(h, mine.id)).toBeUndefined();
  });

  it("answers an id already used by B's annotation NOT_FOUND and leaves B's note as it was", async () => {
    const bs = annotationInput(paper.id, 'note', { text: 'Của B' });
    await mustAct(B, 'annotation:save', bs);
    const before = await annotationRow(h, bs.id);
    const taken = { ...annotationInput(paper.id, 'note', { text: 'Của A đè lên' }), id: bs.id };
    expect(code(await save(A, taken))).toBe('NOT_FOUND');
    expect(code(await save(A, { ...bs, text: 'Của A đè lên' }))).toBe('NOT_FOUND');
    expect(await annotationRow(h, bs.id)).toEqual(before);
  });

  it('does not resurrect a deleted note by saving it again', async () => {
    const a = annotationInput(paper.id, 'note', { text: 'Sẽ xóa' });
    await mustAct(A, 'annotation:save', a);
    await mustAct(A, 'annotation:delete', a.id);
    const buried = await annotationRow(h, a.id);
    const again = await save(A, { ...a, text: 'Sống lại' });
    expect(code(again)).toBe('ok');
    expect(again.ok && again.data.rev).toBeFalsy();
    expect(code(await act(A, 'annotation:share', a.id))).toBe('ok');
    const row = await annotationRow(h, a.id);
    expect(row).toEqual(buried);
    expect(row).toMatchObject({ deleted: 1, body: '', geometry: null, shared: 0 });
    const shared = await ask<{ annotations: Annotation[] }>(B.socket, 'annotation:list-shared', { meetingId });
    expect(shared.ok && shared.data.annotations.map((x) => x.id)).not.toContain(a.id);
  });

  it('answers a command id used again with another payload DUPLICATE_COMMAND_ID, by A or by B', async () => {
    const a = annotationInput(paper.id, 'note', { text: 'Bản gốc' });
    const command = saveCommand(a);
    const first = await ask<CommandReceipt>(A.socket, 'annotation:save', command);
    expect(code(first)).toBe('ok');
    const other = { ...command, annotation: { ...a, text: 'Bản khác' } };
    expect(code(await ask(A.socket, 'annotation:save', other))).toBe('DUPLICATE_COMMAND_ID');
    // The same command replayed by someone else gets neither A's receipt nor a write.
    expect(code(await ask(B.socket, 'annotation:save', command))).toBe('DUPLICATE_COMMAND_ID');
    expect(code(await ask(B.socket, 'annotation:save', other))).toBe('DUPLICATE_COMMAND_ID');
    const replay = await ask<CommandReceipt>(A.socket, 'annotation:save', command);
    expect(replay.ok && replay.data.replayed).toBe(true);
    expect((await annotationRow(h, a.id))?.body).toBe('Bản gốc');
  });

  it('answers a flood of saves RATE_LIMITED and stays up', { timeout: 180_000 }, async () => {
    const flood = Array.from({ length: 600 }, (_, i) => annotationInput(paper.id, 'note', { text: `Lũ ${i}` }));
    // One socket's events are answered one at a time: the last accepted waits for all before it.
    const answers = await Promise.all(
      flood.map((a) => ask(C.socket, 'annotation:save', saveCommand(a), 120_000).catch(() => null)),
    );
    const codes = answers.map((a) => (a ? code(a) : 'timeout'));
    expect(codes).toContain('RATE_LIMITED');
    expect(codes.filter((c) => c !== 'ok' && c !== 'RATE_LIMITED')).toEqual([]);
    expect(await health(h.server.url)).toBe(200);
    await sleep(2500);
    expect(code(await save(C, annotationInput(paper.id, 'note')))).toBe('ok');
    expect(code(await save(A, annotationInput(paper.id, 'note')))).toBe('ok');
  });
});

describe('when who may see the paper changes', () => {
  it('a shared note stops reaching B once the paper is restricted away from B, through every door', async () => {
    const before = `bf${hex()}`;
    const after = `af${hex()}`;
    const paper = await mustUpload(h.server.url, secretary.token, meetingId, await twoPages(), { title: 'Đổi quyền' });
    const note = annotationInput(paper.id, 'note', { text: `Chung ${before}` });
    await mustAct(A, 'annotation:save', note);
    const early = newLoot();
    recordEvents(B.socket, early);
    await mustAct(A, 'annotation:share', note.id);
    await waitFor(() => findIn(early, [before]).length > 0, 5000, 'the share reaching B');
    await must(secretary.socket, 'document:update', {
      meetingId,
      documentId: paper.id,
      visibleTo: { users: [A.userId], roles: [] },
    });
    await sleep(200);
    const loot = newLoot();
    recordEvents(B.socket, loot);
    await mustAct(A, 'annotation:save', { ...note, text: `Chung, sửa sau khi hạn chế ${after}` });
    await sleep(300);
    loot.answers.push(JSON.stringify(await ask(B.socket, 'annotation:list-shared', { meetingId })));
    for (const q of [before, after])
      loot.answers.push(JSON.stringify(await ask(B.socket, 'document:search', { meetingId, q })));
    const res = await fetch(`${h.server.url}/api/meetings/${meetingId}/annotations`, {
      headers: { authorization: `Bearer ${B.token}` },
    });
    loot.answers.push(await res.text());
    const read = await exportReadings(h.server.url, B.token, paper.id, 'shared=1');
    expect(read.status).toBe(404);
    expect(findIn(loot, [before, after])).toEqual([]);
  });

  // Last in the file: C stays out of the meeting.
  it('a participant removed from the meeting gets nothing more on the sockets they still hold', async () => {
    const marker = `rm${hex()}`;
    const loot = newLoot();
    recordEvents(C.socket, loot);
    await must(secretary.socket, 'participant:remove', { meetingId, userId: C.userId });
    await sleep(200);
    const paper = await mustUpload(h.server.url, secretary.token, meetingId, await twoPages(), {
      title: 'Sau khi rời',
    });
    const note = annotationInput(paper.id, 'note', { text: `Chia sẻ ${marker}` });
    await mustAct(A, 'annotation:save', note);
    await mustAct(A, 'annotation:share', note.id);
    await sleep(300);
    const listed = await ask(C.socket, 'annotation:list-shared', { meetingId });
    loot.answers.push(JSON.stringify(listed));
    const res = await fetch(`${h.server.url}/api/meetings/${meetingId}/annotations`, {
      headers: { authorization: `Bearer ${C.token}` },
    });
    loot.answers.push(await res.text());
    expect(findIn(loot, [marker, note.id])).toEqual([]);
  });
});
