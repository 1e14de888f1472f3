import type { MeetingRole, Message, MessageTopic } from '../../shared/protocol/index.js';
import type { Db, MeetingMessagesTable } from '../db/schema.js';

/** A message's row with the names of the people it names, as every read selects it. */
export type MessageRow = MeetingMessagesTable & {
  sender_name: string;
  sender_seat: string;
  recipient_name: string | null;
  answerer_name: string | null;
};

/** Every read of messages starts here: the names come with the row. */
export function selectMessages(db: Db) {
  return db
    .selectFrom('meeting_messages as m')
    .innerJoin('users as s', 's.id', 'm.sender_id')
    .leftJoin('users as r', 'r.id', 'm.recipient_id')
    .leftJoin('users as a', 'a.id', 'm.answered_by')
    .selectAll('m')
    .select([
      's.display_name as sender_name',
      's.seat as sender_seat',
      'r.display_name as recipient_name',
      'a.display_name as answerer_name',
    ]);
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    kind: row.kind,
    topic: row.topic,
    text: row.body,
    sender: {
      id: row.sender_id,
      displayName: row.sender_name,
      ...(row.sender_seat ? { seat: row.sender_seat } : {}),
    },
    recipient: row.recipient_id === null ? null : { id: row.recipient_id, displayName: row.recipient_name ?? '' },
    chairMaySee: row.chair_may_see === 1,
    state: row.state,
    answer: row.answer,
    answeredBy: row.answered_by === null ? null : { id: row.answered_by, displayName: row.answerer_name ?? '' },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rev: Number(row.rev),
  };
}

/** Who reads: the user and their role in the message's meeting now (null: no participant). */
export interface MessageReader {
  id: string;
  role: MeetingRole | null;
}

/**
 * The one rule of who sees a message, for the list (as SQL, `visibleTo`) and the delivery
 * (here): a request its sender, the secretaries, and the chair when the sender chose so; a
 * notice to all everyone who sees the meeting; a notice to one that person and the side that
 * sends notices (the chair and the secretaries).
 */
export function mayRead(
  row: Pick<MeetingMessagesTable, 'kind' | 'sender_id' | 'recipient_id' | 'chair_may_see'>,
  reader: MessageReader,
): boolean {
  if (row.sender_id === reader.id) return true;
  if (reader.role === 'secretary') return true;
  if (row.kind === 'request') return reader.role === 'chair' && row.chair_may_see === 1;
  return row.recipient_id === null || row.recipient_id === reader.id || reader.role === 'chair';
}

export async function findMessage(db: Db, id: string): Promise<MessageRow | null> {
  return (await selectMessages(db).where('m.id', '=', id).executeTakeFirst()) ?? null;
}

/** A meeting's messages this reader may see, newest first: `mayRead` as a query. */
export function listVisible(db: Db, meetingId: string, reader: MessageReader, limit: number) {
  return selectMessages(db)
    .where('m.meeting_id', '=', meetingId)
    .where((eb) => {
      if (reader.role === 'secretary') return eb.lit(true);
      const own = eb('m.sender_id', '=', reader.id);
      const notices = eb.and([
        eb('m.kind', '=', 'notice'),
        reader.role === 'chair'
          ? eb.lit(true)
          : eb.or([eb('m.recipient_id', 'is', null), eb('m.recipient_id', '=', reader.id)]),
      ]);
      const requests =
        reader.role === 'chair' ? eb.and([eb('m.kind', '=', 'request'), eb('m.chair_may_see', '=', 1)]) : eb.lit(false);
      return eb.or([own, notices, requests]);
    })
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();
}

export async function insertMessage(db: Db, row: MeetingMessagesTable): Promise<void> {
  await db.insertInto('meeting_messages').values(row).execute();
}

export async function updateRequest(
  db: Db,
  id: string,
  change: Pick<MeetingMessagesTable, 'state' | 'answer' | 'answered_by' | 'updated_at'>,
): Promise<void> {
  await db
    .updateTable('meeting_messages')
    .set((eb) => ({ ...change, rev: eb('rev', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** How many messages of this kind a person sent in a meeting since `since`. */
export async function countSentSince(
  db: Db,
  v: { meetingId: string; senderId: string; kind: MeetingMessagesTable['kind']; since: string },
): Promise<number> {
  const row = await db
    .selectFrom('meeting_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meeting_id', '=', v.meetingId)
    .where('sender_id', '=', v.senderId)
    .where('kind', '=', v.kind)
    .where('created_at', '>', v.since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the person has the same request (topic and text) still open or being handled. */
export async function hasOpenTwin(
  db: Db,
  v: { meetingId: string; senderId: string; topic: MessageTopic; body: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('meeting_messages')
    .select('id')
    .where('meeting_id', '=', v.meetingId)
    .where('sender_id', '=', v.senderId)
    .where('kind', '=', 'request')
    .where('topic', '=', v.topic)
    .where('body', '=', v.body)
    .where('state', 'in', ['open', 'acknowledged'])
    .executeTakeFirst();
  return row !== undefined;
}
