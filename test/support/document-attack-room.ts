import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll } from 'vitest';
import type { DocumentList, MeetingSummary } from '../../shared/protocol/index.js';
import { handWrittenPost } from './document-http.js';
import { ask, startHarness, syncAll, type Harness } from './server-harness.js';
import { must, type Member } from './vote-fixtures.js';

/** The people and helpers of the attacks on documents (test/integration/document-attacks-*.test.ts). */
export type Person = Member & { token: string; meeting: MeetingSummary };

export async function person(h: Harness, username: string): Promise<Person> {
  const { socket, login } = await h.connect(username);
  const { meetings } = await syncAll(socket);
  const meeting = meetings[0];
  if (!meeting) throw new Error(`${username} sees no meeting`);
  return { username, userId: login.user.id, socket, meeting, token: login.token };
}

/** The demo's people, signed in once for a whole file (a sign-in costs a password hash). */
export async function demoRoom(h: Harness) {
  const [secretary, chair, delegate, other, third, observer] = (await Promise.all(
    ['thuky', 'chutoa', 'daibieu1', 'daibieu2', 'daibieu3', 'phonghop'].map((u) => person(h, u)),
  )) as [Person, Person, Person, Person, Person, Person];
  return { secretary, chair, delegate, other, third, observer, meetingId: secretary.meeting.id };
}

export type DemoRoom = Awaited<ReturnType<typeof demoRoom>>;

/**
 * One server and the demo's people for the whole file, handed to `seated` once they are
 * signed in: every test makes its own papers, and the tests that change a role or remove
 * someone use people no later test needs.
 */
export function demoRoomForFile(seated: (h: Harness, room: DemoRoom) => void): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness();
    seated(h, await demoRoom(h));
  }, 60_000);
  afterAll(async () => {
    await h?.cleanup();
  });
}

/** A second meeting, published, whose secretary is `secretaryId` (a plain delegate of the first). */
export async function secondMeeting(h: Harness, secretaryId: string, chairId: string): Promise<string> {
  const admin = await h.connect('admin');
  const id = uuidv7();
  await must(admin.socket, 'meeting:create', {
    meetingId: id,
    title: 'Phiên họp khác',
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    place: 'Phòng 2',
    organisation: 'Sở',
  });
  await must(admin.socket, 'participant:set', { meetingId: id, userId: secretaryId, role: 'secretary' });
  await must(admin.socket, 'participant:set', { meetingId: id, userId: chairId, role: 'chair' });
  return id;
}

export async function agendaItemOf(h: Harness, id: string): Promise<string> {
  const row = await h.server.store.db
    .selectFrom('agenda_items')
    .select('id')
    .where('meeting_id', '=', id)
    .executeTakeFirst();
  if (row) return row.id;
  const itemId = uuidv7();
  const admin = await h.connect('admin');
  await must(admin.socket, 'agenda:add-item', {
    meetingId: id,
    itemId,
    parentId: null,
    title: 'Mục một',
    presenter: '',
    plannedMinutes: 10,
  });
  return itemId;
}

/** A multipart body written by hand: parts in any order, any name, any size. */
export function multipart(
  boundary: string,
  parts: Array<{ name: string; value: string | Uint8Array; filename?: string }>,
): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: ${disposition}\r\n${p.filename ? 'content-type: application/pdf\r\n' : ''}\r\n`,
      ),
    );
    chunks.push(Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export function postRaw(
  serverUrl: string,
  path: string,
  token: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; body: string } | 'cut'> {
  return handWrittenPost(serverUrl, path, token, { 'content-length': String(body.length), ...headers }, (req) =>
    req.end(body),
  );
}

export function documentListOf(p: Person, meetingId: string) {
  return ask<DocumentList>(p.socket, 'document:list', { meetingId });
}
