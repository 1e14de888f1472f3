import { describe, expect, it } from 'vitest';
import type { ActionItem, ActionItemsAnswer } from '../../../shared/protocol/index.js';
import { renderInLanguage } from '../i18n/render-static.js';
import { ActionItemList } from './ActionItemList.js';

const MEETING = '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e00';
const item = (over: Partial<ActionItem> = {}): ActionItem => ({
  key: 'AbCdEfGhIjKlMnOpQrStUv01',
  source: { kind: 'document', documentId: '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e0f', version: 2, page: 5 },
  title: 'Dự thảo Nghị quyết đầu tư công',
  agendaItemId: null,
  sentence: 'Giao Sở Tài chính chủ trì tham mưu điều chuyển vốn, hoàn thành trước ngày 31/12/2026.',
  who: 'Sở Tài chính',
  what: 'chủ trì tham mưu điều chuyển vốn, hoàn thành trước ngày 31/12/2026',
  when: 'trước ngày 31/12/2026',
  whenIso: '2026-12-31',
  status: 'candidate',
  decidedBy: null,
  decidedAt: null,
  gone: false,
  ...over,
});
const answer = (items: ActionItem[], mayDecide: boolean): ActionItemsAnswer => ({
  meetingId: MEETING,
  label: 'automatic-extracts',
  mayDecide,
  items,
});
const none = () => {};
const list = (a: ActionItemsAnswer, editing: string | null = null) => (
  <ActionItemList
    answer={a}
    editing={editing}
    busy={null}
    onOpen={none}
    onEdit={none}
    onConfirm={none}
    onSave={none}
    onDrop={none}
    onUndo={none}
  />
);
const buttons = (html: string) =>
  [...html.matchAll(/data-testid="action-item-(confirm|edit|drop|undo)"/g)].map((m) => m[1]);

describe('the action items list', () => {
  it('shows who, what, when, the paper and its page, and the sentence as written, in Vietnamese', async () => {
    const html = await renderInLanguage('vi', list(answer([item()], true)));
    expect(html).toContain('Sở Tài chính');
    expect(html).toContain('trước ngày 31/12/2026');
    expect(html).toContain('Dự thảo Nghị quyết đầu tư công · trang 5');
    expect(html).toContain('<q class="action-item__sentence">Giao Sở Tài chính chủ trì');
    expect(html).toContain('Chờ xác nhận');
    expect(html).toContain('data-testid="action-item-open"');
  });

  it('offers the secretary the decisions each state allows', async () => {
    const html = await renderInLanguage(
      'en',
      list(
        answer(
          [
            item(),
            item({ key: 'AbCdEfGhIjKlMnOpQrStUv02', status: 'confirmed', decidedBy: 'Trần Thị Mai' }),
            item({ key: 'AbCdEfGhIjKlMnOpQrStUv03', status: 'dropped', gone: true }),
          ],
          true,
        ),
      ),
    );
    expect(buttons(html)).toEqual(['confirm', 'edit', 'drop', 'edit', 'drop', 'undo', 'undo']);
    expect(html).toContain('Awaiting confirmation');
    expect(html).toContain('class="badge badge--draft"');
    expect(html).toContain('>Confirmed</span>');
    expect(html).toContain('>Dropped</span> no longer in the current text');
    expect(html).toContain('>Confirm<');
  });

  it('gives a delegate the confirmed list only: no state, no decision', async () => {
    const html = await renderInLanguage('en', list(answer([item({ status: 'confirmed' })], false)));
    expect(buttons(html)).toEqual([]);
    expect(html).not.toContain('data-testid="action-item-status"');
    expect(html).toContain('Deadline');
    expect(await renderInLanguage('vi', list(answer([], false)))).toContain('Chưa có việc nào được xác nhận.');
    expect(await renderInLanguage('en', list(answer([], true)))).toContain(
      'No sentence in the papers assigns work or sets a deadline.',
    );
  });

  it('opens a form without the browser checks, with the item as found, and names a minutes item', async () => {
    const html = await renderInLanguage('vi', list(answer([item()], true), item().key));
    expect(html).toContain('noValidate=""');
    expect(html).toContain('value="Sở Tài chính"');
    expect(html).toContain('Đơn vị, người thực hiện');
    expect(buttons(html)).toEqual([]);
    const minutes = await renderInLanguage(
      'en',
      list(
        answer(
          [
            item({
              source: { kind: 'minutes', agendaNumber: '2', field: 'discussion' },
              title: 'Đầu tư công trung hạn',
            }),
          ],
          true,
        ),
      ),
    );
    expect(minutes).toContain('Minutes, item 2. Đầu tư công trung hạn');
    expect(minutes).not.toContain('data-testid="action-item-open"');
  });
});
