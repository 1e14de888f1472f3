import type { AgendaItem } from '../../../shared/protocol/index.js';

/** Builders for the agenda unit tests of this folder. */
export const TEST_MEETING_ID = '00000000-0000-7000-8000-000000000000';
export const testItemId = (n: number) => `00000000-0000-7000-8000-00000000000${n}`;

export const testItem = (n: number, parent: number | null, position: number): AgendaItem => ({
  id: testItemId(n),
  meetingId: TEST_MEETING_ID,
  parentId: parent === null ? null : testItemId(parent),
  position,
  title: `item ${n}`,
  presenter: '',
  plannedMinutes: 5,
  version: 0,
});
