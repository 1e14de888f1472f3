import { uuidv7 } from 'uuidv7';
import type { Ack } from '../../shared/protocol/index.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { ROOMY_LIMITS } from './attack-batching.js';
import { ask, type Harness, type TestSocket } from './server-harness.js';

/**
 * What the attack-load tests share: toggling attendance from a socket, and a person's
 * attendance as the database holds it (their row's allowances beside what the log says).
 */

/** 'ok' or the refusal's code. */
export const codeOf = (answer: Ack<unknown>): string => (answer.ok ? 'ok' : answer.error.code);

export async function toggleFrom(socket: TestSocket, meetingId: string, userId: string, checkIn: boolean) {
  return codeOf(
    await ask(socket, checkIn ? 'attendance:check-in' : 'attendance:check-out', {
      commandId: uuidv7(),
      meetingId,
      userId,
    }),
  );
}

/** A participant's attendance: the row's presence and allowances, and the change log's rows about them. */
export async function attendanceLedger(h: Pick<Harness, 'server'>, meetingId: string, userId: string) {
  const db = h.server.store.db;
  const row = await db
    .selectFrom('participants')
    .select(['present', 'attendance_changes', 'staff_changes'])
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const log = (
    await db
      .selectFrom('meeting_changes')
      .select(['seq', 'type', 'data'])
      .where('meeting_id', '=', meetingId)
      .where('type', 'in', ['attendance:checked-in', 'attendance:checked-out'])
      .orderBy('seq')
      .execute()
  ).filter((c) => (JSON.parse(c.data) as { participant: { userId: string } }).participant.userId === userId);
  return {
    present: row?.present === 1,
    selfCount: row?.attendance_changes ?? 0,
    staffCount: row?.staff_changes ?? 0,
    changes: log.length,
    lastType: log.at(-1)?.type ?? null,
  };
}

/** Another node on the harness's PostgreSQL database, with the same roomy event budget. */
export function roomySecondNode(h: Pick<Harness, 'dataDir' | 'databaseUrl'>): Promise<RunningServer> {
  const { dataDir, databaseUrl } = h;
  return startServer({ dataDir, databaseUrl, port: 0, host: '127.0.0.1', logLevel: 'silent', ...ROOMY_LIMITS });
}
