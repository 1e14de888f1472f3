import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { ActionItemsAnswerSchema, type ActionItem } from '../../shared/protocol/index.js';
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

async function candidate(words: string): Promise<ActionItem> {
  const res = await fetch(`${h.server.url}/api/meetings/${room.meetingId}/assistant/action-items`, {
    headers: { authorization: `Bearer ${room.secretary.token}` },
  });
  const found = ActionItemsAnswerSchema.parse(await res.json()).items.find((i) => i.sentence.includes(words));
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
});
