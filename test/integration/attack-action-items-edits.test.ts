import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { ActionItemsAnswerSchema, type ActionItem, type MinutesGetAnswer } from '../../shared/protocol/index.js';
import { demoRoomForFile, type DemoRoom } from '../support/document-attack-room.js';
import { mustUpload } from '../support/document-http.js';
import { ask, type Harness } from '../support/server-harness.js';
import { agendaItem, must } from '../support/vote-fixtures.js';
import { makePaperPdf, paperById } from '../fixtures/assistant/eval-set.js';

/**
 * The secretary's edits of an action item as an attacker (or a macOS keyboard) sends them:
 * decomposed Vietnamese (NFD) is kept composed, as the minutes keep the task, so the item's
 * who/what/when read the same in the list, the decision and the draft, and a text the
 * minutes take is not refused for counting its marks twice.
 */

let h: Harness;
let room: DemoRoom;
demoRoomForFile((harness, seated) => {
  h = harness;
  room = seated;
});

async function listed(): Promise<ActionItem[]> {
  const res = await fetch(`${h.server.url}/api/meetings/${room.meetingId}/assistant/action-items`, {
    headers: { authorization: `Bearer ${room.secretary.token}` },
  });
  return ActionItemsAnswerSchema.parse(await res.json()).items;
}

async function candidate(words: string): Promise<ActionItem> {
  const found = (await listed()).find((i) => i.sentence.includes(words));
  if (!found) throw new Error(`no candidate with "${words}"`);
  return found;
}

describe('action-item edits in decomposed Vietnamese', () => {
  it('are stored composed, and one that fits the minutes once composed is taken', async () => {
    const admin = await h.connect('admin');
    const add = agendaItem(room.meetingId, 'Đầu tư công trung hạn');
    await must(admin.socket, 'agenda:add-item', add);
    const paper = paperById('du-thao-nghi-quyet-dau-tu-cong');
    await mustUpload(h.server.url, room.secretary.token, room.meetingId, await makePaperPdf(paper), {
      title: paper.title,
      agendaItemId: add.itemId,
    });
    const item = await candidate('Giao Sở Tài chính chủ trì tham mưu');
    const who = 'Sở Kế hoạch và Đầu tư';
    // 400 letters, each with its marks: 1,200 code units decomposed, 400 composed.
    const what = 'ệ'.repeat(400);
    const answer = await ask(room.secretary.socket, 'action-item:confirm', {
      commandId: uuidv7(),
      meetingId: room.meetingId,
      itemKey: item.key,
      source: item.source,
      who: who.normalize('NFD'),
      what: what.normalize('NFD'),
      when: 'trước ngày 30/6/2027'.normalize('NFD'),
    });
    expect(answer.ok ? 'ok' : answer.error.code).toBe('ok');
    const row = await h.server.store.db
      .selectFrom('action_item_decisions')
      .select(['who', 'what', 'due_text'])
      .where('item_key', '=', item.key)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ who, what, due_text: 'trước ngày 30/6/2027' });
    expect((await candidate('Giao Sở Tài chính chủ trì tham mưu')).who).toBe(who);
  });

  it('replays a command once, keeps the draft as the decisions say when two desks race, and refuses an archived meeting', async () => {
    const draftOf = async () => {
      const answer = await ask<MinutesGetAnswer>(room.secretary.socket, 'minutes:get', { meetingId: room.meetingId });
      if (!answer.ok) throw new Error(answer.error.code);
      return answer.data;
    };
    await must(room.secretary.socket, 'minutes:save', {
      meetingId: room.meetingId,
      baseVersion: 0,
      content: (await draftOf()).prefill,
    });
    const open = (await listed()).filter((i) => i.status === 'candidate' && i.source.kind === 'document');
    expect(open.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = open as [ActionItem, ActionItem, ActionItem];
    const ref = (i: ActionItem) => ({ meetingId: room.meetingId, itemKey: i.key, source: i.source });
    const once = { commandId: uuidv7(), ...ref(a) };
    const version = (await draftOf()).draft!.version;
    expect(await ask(room.secretary.socket, 'action-item:confirm', once)).toMatchObject({ ok: true });
    expect(await ask(room.secretary.socket, 'action-item:confirm', once)).toMatchObject({
      ok: true,
      data: { replayed: true },
    });
    expect((await draftOf()).draft!.version).toBe(version + 1);

    const admin = await h.connect('admin');
    const desks = [room.secretary.socket, admin.socket];
    await Promise.all(
      [0, 1, 2, 3].flatMap((round) => [
        ask(desks[round % 2]!, 'action-item:edit', {
          commandId: uuidv7(),
          meetingId: room.meetingId,
          itemKey: a.key,
          who: `Bàn ${round}`,
        }),
        ask(desks[(round + 1) % 2]!, round % 2 ? 'action-item:undo' : 'action-item:confirm', {
          commandId: uuidv7(),
          ...(round % 2 ? { meetingId: room.meetingId, itemKey: b.key } : ref(b)),
        }),
        ask(desks[round % 2]!, 'action-item:confirm', { commandId: uuidv7(), ...ref(c), what: `việc ${round}` }),
      ]),
    );
    const rows = await h.server.store.db
      .selectFrom('action_item_decisions')
      .select(['item_key', 'who', 'what', 'due_text', 'status'])
      .where('meeting_id', '=', room.meetingId)
      .execute();
    const tasks = (await draftOf()).draft!.content.agenda.flatMap((i) => i.tasks ?? []);
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    expect(tasks.map((t) => t.actionItemKey).sort()).toEqual(confirmed.map((r) => r.item_key).sort());
    for (const r of confirmed)
      expect(tasks.find((t) => t.actionItemKey === r.item_key)).toEqual({
        who: r.who,
        what: r.what,
        deadline: r.due_text ?? '',
        actionItemKey: r.item_key,
      });

    await must(room.chair.socket, 'meeting:close', { meetingId: room.meetingId });
    await must(room.secretary.socket, 'meeting:archive', { meetingId: room.meetingId, archived: true });
    for (const socket of desks) {
      const answer = await ask(socket, 'action-item:drop', { commandId: uuidv7(), ...ref(c) });
      expect(answer.ok ? 'ok' : answer.error.code).toBe('MEETING_ARCHIVED');
    }
  });
});
