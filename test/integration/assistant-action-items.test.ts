import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import {
  ActionItemsAnswerSchema,
  type ActionItem,
  type ActionItemsAnswer,
  type MinutesGetAnswer,
} from '../../shared/protocol/index.js';
import { demoRoomForFile, type DemoRoom, type Person } from '../support/document-attack-room.js';
import { mustUpload } from '../support/document-http.js';
import { runTool } from '../support/outside-tools.js';
import { ask, type Harness } from '../support/server-harness.js';
import { agendaItem, must } from '../support/vote-fixtures.js';
import { makePaperPdf, paperById, type Paper } from '../fixtures/assistant/eval-set.js';

/**
 * Action items over HTTP and the socket, on both engines: the secretary confirms, edits,
 * drops and undoes the assistant's candidates; a delegate may do none of it and sees only
 * what was confirmed of the papers they may see; a paper restricted to another delegate
 * gives nothing away; a confirmed item reaches the minutes' draft and its PDF.
 */

let h: Harness;
let room: DemoRoom;
demoRoomForFile((harness, seated) => {
  h = harness;
  room = seated;
});
const dir = mkdtempSync(join(tmpdir(), 'cabinet-action-items-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A paper kept from every delegate but `other`: an assignment with a deadline found in no other paper. */
const SECRET: Paper = {
  id: 'mat-hoa-sen',
  title: 'Tài liệu mật về phương án Hoa Sen xanh',
  pages: [
    ['Phương án Hoa Sen xanh dự kiến tổng vốn 7.777,7 tỷ đồng.'],
    ['Giao Sở Xây dựng chủ trì lập phương án Hoa Sen xanh, hoàn thành trước ngày 17/7/2029.'],
  ],
};
const SECRET_WORDS = ['Hoa Sen', '17/7/2029', 'Sở Xây dựng', '2029-07-17'];

const ids = new Map<string, string>();
const items: string[] = [];

async function actionItemsHttp(who: Person | string) {
  const token = typeof who === 'string' ? who : who.token;
  const res = await fetch(`${h.server.url}/api/meetings/${room.meetingId}/assistant/action-items`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, text: await res.text() };
}

async function actionItems(who: Person): Promise<ActionItemsAnswer & { raw: string }> {
  const { status, text } = await actionItemsHttp(who);
  expect(status, text).toBe(200);
  const parsed = ActionItemsAnswerSchema.parse(JSON.parse(text));
  return { ...parsed, raw: text };
}

const byKey = (answer: ActionItemsAnswer, key: string) => answer.items.find((i) => i.key === key);
const sourceOf = (item: ActionItem) => item.source;

async function minutesOf(who: Person): Promise<MinutesGetAnswer> {
  const answer = await ask<MinutesGetAnswer>(who.socket, 'minutes:get', { meetingId: room.meetingId });
  if (!answer.ok) throw new Error(`minutes:get ${answer.error.code}`);
  return answer.data;
}

async function setUp(): Promise<void> {
  if (ids.size > 0) return;
  const admin = await h.connect('admin');
  for (const title of ['Ngân sách năm 2027', 'Đầu tư công trung hạn']) {
    const add = agendaItem(room.meetingId, title);
    await must(admin.socket, 'agenda:add-item', add);
    items.push(add.itemId);
  }
  const resolution = paperById('du-thao-nghi-quyet-dau-tu-cong');
  const doc = await mustUpload(h.server.url, room.secretary.token, room.meetingId, await makePaperPdf(resolution), {
    title: resolution.title,
    agendaItemId: items[1]!,
  });
  ids.set(resolution.id, doc.id);
  const secret = await mustUpload(h.server.url, room.secretary.token, room.meetingId, await makePaperPdf(SECRET), {
    title: SECRET.title,
    agendaItemId: items[0]!,
    visibleTo: { roles: [], users: [room.other.userId] },
  });
  ids.set(SECRET.id, secret.id);
}

/** The candidate of the secretary's list whose sentence holds `words`. */
async function candidate(words: string): Promise<ActionItem> {
  const found = (await actionItems(room.secretary)).items.find((i) => i.sentence.includes(words));
  if (!found) throw new Error(`no candidate with "${words}"`);
  return found;
}

async function decisionRows() {
  return h.server.store.db
    .selectFrom('action_item_decisions')
    .select(['item_key', 'status', 'who', 'what', 'due_text'])
    .where('meeting_id', '=', room.meetingId)
    .orderBy('item_key')
    .execute();
}

describe('action items', () => {
  it('lists to the secretary the candidates of the papers with who, what, when and page; a delegate sees none yet', async () => {
    await setUp();
    const mine = await actionItems(room.secretary);
    expect(mine.label).toBe('automatic-extracts');
    expect(mine.mayDecide).toBe(true);
    const finance = mine.items.find((i) => i.sentence.includes('Giao Sở Tài chính chủ trì tham mưu'));
    expect(finance).toMatchObject({
      who: 'Sở Tài chính',
      status: 'candidate',
      title: paperById('du-thao-nghi-quyet-dau-tu-cong').title,
      agendaItemId: items[1],
      source: { kind: 'document', documentId: ids.get('du-thao-nghi-quyet-dau-tu-cong'), version: 1 },
      gone: false,
    });
    const deadline = mine.items.find((i) => i.whenIso === '2026-12-31');
    expect(deadline?.when).toBe('trước ngày 31/12/2026');
    // Pages as the paper has them: the sentence stands on that page of the PDF.
    const paper = paperById('du-thao-nghi-quyet-dau-tu-cong');
    const page = finance!.source.kind === 'document' ? finance!.source.page : 0;
    expect(paper.pages[page - 1]!.join(' ').replace(/\s+/gu, ' ')).toContain('Giao Sở Tài chính chủ trì tham mưu');

    const delegate = await actionItems(room.delegate);
    expect(delegate).toMatchObject({ mayDecide: false, items: [] });
  });

  it('refuses a delegate every decision, and bad input, changing nothing', async () => {
    const finance = await candidate('Giao Sở Tài chính chủ trì tham mưu');
    const ref = { meetingId: room.meetingId, itemKey: finance.key, source: sourceOf(finance) };
    for (const [event, payload] of [
      ['action-item:confirm', ref],
      ['action-item:drop', ref],
      ['action-item:edit', { meetingId: room.meetingId, itemKey: finance.key, what: 'việc khác' }],
      ['action-item:undo', { meetingId: room.meetingId, itemKey: finance.key }],
    ] as const) {
      const answer = await ask(room.delegate.socket, event, { commandId: uuidv7(), ...payload });
      expect(answer.ok ? 'ok' : answer.error.code, event).toBe('FORBIDDEN');
    }
    const bad = [
      // A key the paper does not hold at that page.
      { ...ref, itemKey: 'AAAAAAAAAAAAAAAAAAAAAAAA' },
      // The right key at another page.
      {
        ...ref,
        source: { ...ref.source, page: ref.source.kind === 'document' ? ref.source.page + 1 : 1 },
      },
    ];
    for (const payload of bad) {
      const answer = await ask(room.secretary.socket, 'action-item:confirm', { commandId: uuidv7(), ...payload });
      expect(answer.ok ? 'ok' : answer.error.code).toBe('NOT_FOUND');
    }
    for (const [event, payload, code] of [
      ['action-item:confirm', { ...ref, whenIso: '31/12/2026' }, 'VALIDATION_FAILED'],
      ['action-item:confirm', { ...ref, what: '' }, 'VALIDATION_FAILED'],
      ['action-item:edit', { meetingId: room.meetingId, itemKey: finance.key }, 'VALIDATION_FAILED'],
      ['action-item:edit', { meetingId: room.meetingId, itemKey: finance.key, what: 'x' }, 'NOT_FOUND'],
      ['action-item:undo', { meetingId: room.meetingId, itemKey: finance.key }, 'NOT_FOUND'],
    ] as const) {
      const answer = await ask(room.secretary.socket, event, { commandId: uuidv7(), ...payload });
      expect(answer.ok ? 'ok' : answer.error.code, `${event} ${JSON.stringify(payload)}`).toBe(code);
    }
    expect(await decisionRows()).toEqual([]);
  });

  it('confirms with edits into the draft of the minutes as its next version, and into its PDF', async () => {
    const { prefill } = await minutesOf(room.secretary);
    await must(room.secretary.socket, 'minutes:save', { meetingId: room.meetingId, baseVersion: 0, content: prefill });
    const finance = await candidate('Giao Sở Tài chính chủ trì tham mưu');
    const receipt = await must(room.secretary.socket, 'action-item:confirm', {
      meetingId: room.meetingId,
      itemKey: finance.key,
      source: finance.source,
      when: 'trước ngày 31/3/2027',
      whenIso: '2027-03-31',
    });
    expect(receipt).toMatchObject({ replayed: false });
    const { draft } = await minutesOf(room.secretary);
    expect(draft?.version).toBe(2);
    const item = draft!.content.agenda.find((i) => i.title === 'Đầu tư công trung hạn');
    expect(item?.tasks).toEqual([
      { who: 'Sở Tài chính', what: finance.what, deadline: 'trước ngày 31/3/2027', actionItemKey: finance.key },
    ]);
    // Nowhere else in the minutes.
    expect(draft!.content.agenda.filter((i) => (i.tasks ?? []).length > 0)).toHaveLength(1);

    const after = byKey(await actionItems(room.secretary), finance.key);
    expect(after).toMatchObject({ status: 'confirmed', when: 'trước ngày 31/3/2027', whenIso: '2027-03-31' });
    expect(after?.decidedBy).toBeTruthy();

    const res = await fetch(`${h.server.url}/api/meetings/${room.meetingId}/minutes.pdf`, {
      headers: { authorization: `Bearer ${room.secretary.token}` },
    });
    expect(res.status).toBe(200);
    const file = join(dir, 'minutes.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = (await runTool('pdftotext', ['-layout', file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Phân công thực hiện:');
    expect(text).toContain('Sở Tài chính: chủ trì tham mưu Ủy ban nhân dân thành phố điều hòa, điều chuyển vốn');
    expect(text).toContain('(thời hạn: trước ngày 31/3/2027)');
  });

  it('edits a confirmed item and its task, drops and undoes, and a delegate sees only what is confirmed', async () => {
    const finance = await candidate('Giao Sở Tài chính chủ trì tham mưu');
    await must(room.secretary.socket, 'action-item:edit', {
      meetingId: room.meetingId,
      itemKey: finance.key,
      what: 'chủ trì tham mưu điều chuyển vốn giữa các dự án',
    });
    const { draft } = await minutesOf(room.secretary);
    expect(draft?.version).toBe(3);
    expect(draft!.content.agenda.flatMap((i) => i.tasks ?? [])).toEqual([
      expect.objectContaining({ what: 'chủ trì tham mưu điều chuyển vốn giữa các dự án' }),
    ]);
    // A deadline typed by hand: its day is read from the words, as the extraction reads one.
    await must(room.secretary.socket, 'action-item:edit', {
      meetingId: room.meetingId,
      itemKey: finance.key,
      when: 'trước ngày 15/01/2027',
    });
    expect((await actionItems(room.secretary)).items.find((i) => i.key === finance.key)).toMatchObject({
      when: 'trước ngày 15/01/2027',
      whenIso: '2027-01-15',
    });

    const other = (await actionItems(room.secretary)).items.find(
      (i) => i.status === 'candidate' && i.source.kind === 'document',
    )!;
    await must(room.secretary.socket, 'action-item:drop', {
      meetingId: room.meetingId,
      itemKey: other.key,
      source: other.source,
    });
    expect(byKey(await actionItems(room.secretary), other.key)?.status).toBe('dropped');
    const editDropped = await ask(room.secretary.socket, 'action-item:edit', {
      commandId: uuidv7(),
      meetingId: room.meetingId,
      itemKey: other.key,
      what: 'việc khác',
    });
    expect(editDropped.ok ? 'ok' : editDropped.error.code).toBe('CONFLICT');

    const seen = await actionItems(room.delegate);
    expect(seen.items.map((i) => [i.key, i.status, i.what])).toEqual([
      [finance.key, 'confirmed', 'chủ trì tham mưu điều chuyển vốn giữa các dự án'],
    ]);

    await must(room.secretary.socket, 'action-item:undo', { meetingId: room.meetingId, itemKey: other.key });
    expect(byKey(await actionItems(room.secretary), other.key)?.status).toBe('candidate');
    // Undoing a confirmed item takes its task out of the draft.
    await must(room.secretary.socket, 'action-item:undo', { meetingId: room.meetingId, itemKey: finance.key });
    const undone = await minutesOf(room.secretary);
    expect(undone.draft!.content.agenda.flatMap((i) => i.tasks ?? [])).toEqual([]);
    expect(await decisionRows()).toEqual([]);
    // Confirmed again, for what follows.
    await must(room.secretary.socket, 'action-item:confirm', {
      meetingId: room.meetingId,
      itemKey: finance.key,
      source: finance.source,
    });
  });

  it('gives nothing of a paper restricted to another delegate away: no sentence, no who/what/when, no count', async () => {
    const before = await actionItems(room.delegate);
    const secret = await candidate('Hoa Sen xanh');
    expect(secret).toMatchObject({ who: 'Sở Xây dựng', whenIso: '2029-07-17' });
    await must(room.secretary.socket, 'action-item:confirm', {
      meetingId: room.meetingId,
      itemKey: secret.key,
      source: secret.source,
    });
    const after = await actionItems(room.delegate);
    expect(after.items).toEqual(before.items);
    expect(after.raw).toBe(before.raw);
    for (const word of [...SECRET_WORDS, ids.get(SECRET.id)!, secret.key]) expect(after.raw).not.toContain(word);
    // The delegate it was shared with sees it, confirmed.
    const theirs = await actionItems(room.other);
    expect(theirs.items.map((i) => i.key)).toContain(secret.key);
    // An attacker who guessed the key learns nothing by deciding: the role is refused first.
    const guess = await ask(room.delegate.socket, 'action-item:undo', {
      commandId: uuidv7(),
      meetingId: room.meetingId,
      itemKey: secret.key,
    });
    expect(guess.ok ? 'ok' : guess.error.code).toBe('FORBIDDEN');
  });

  it("finds items in the minutes' discussion for those who read the minutes, never for a delegate", async () => {
    const { draft } = await minutesOf(room.secretary);
    const content = structuredClone(draft!.content);
    const target = content.agenda.find((i) => i.title === 'Ngân sách năm 2027')!;
    target.discussion = 'Chủ tọa giao Văn phòng HĐND tổng hợp ý kiến đại biểu, gửi Thường trực trước ngày 20/12/2026.';
    await must(room.secretary.socket, 'minutes:save', {
      meetingId: room.meetingId,
      baseVersion: draft!.version,
      content,
    });
    const found = await candidate('Văn phòng HĐND tổng hợp ý kiến');
    expect(found).toMatchObject({
      who: 'Văn phòng HĐND',
      whenIso: '2026-12-20',
      agendaItemId: items[0],
      source: { kind: 'minutes', agendaNumber: target.number, field: 'discussion' },
    });
    await must(room.secretary.socket, 'action-item:confirm', {
      meetingId: room.meetingId,
      itemKey: found.key,
      source: found.source,
    });
    const tasks = (await minutesOf(room.secretary)).draft!.content.agenda.find(
      (i) => i.number === target.number,
    )!.tasks;
    expect(tasks?.map((t) => t.actionItemKey)).toContain(found.key);
    expect((await actionItems(room.chair)).items.map((i) => i.key)).toContain(found.key);
    const delegate = await actionItems(room.delegate);
    expect(delegate.items.map((i) => i.key)).not.toContain(found.key);
    expect(delegate.raw).not.toContain('Văn phòng HĐND');
  });

  it("audits each decision with the item's key and source, never its sentence", async () => {
    const rows = await h.server.store.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('meeting_id', '=', room.meetingId)
      .where('action', 'like', 'action-item:%')
      .execute();
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set(['action-item:confirm', 'action-item:edit', 'action-item:drop', 'action-item:undo']),
    );
    for (const r of rows) {
      expect(JSON.parse(r.detail)).toHaveProperty('itemKey');
      expect(r.detail).not.toContain('Sở Tài chính');
      expect(r.detail).not.toContain('Hoa Sen');
    }
  });

  it('refuses decisions on a cancelled meeting like other minutes work, changing nothing', async () => {
    const finance = await candidate('Giao Sở Tài chính chủ trì tham mưu');
    const before = await decisionRows();
    await must(room.chair.socket, 'meeting:cancel', { meetingId: room.meetingId, reason: 'Mất điện toàn khu vực' });
    const answer = await ask(room.secretary.socket, 'action-item:drop', {
      commandId: uuidv7(),
      meetingId: room.meetingId,
      itemKey: finance.key,
      source: finance.source,
    });
    expect(answer.ok ? 'ok' : answer.error.code).toBe('MEETING_CANCELLED');
    expect(await decisionRows()).toEqual(before);
    // The list is then read as everyone reads it: confirmed items, no decisions offered.
    const after = await actionItems(room.secretary);
    expect(after.mayDecide).toBe(false);
    expect(after.items.every((i) => i.status === 'confirmed')).toBe(true);
  });
});
