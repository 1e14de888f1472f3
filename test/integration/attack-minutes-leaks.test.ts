import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MINUTES_BYTES, minutesBytes, type MinutesGetAnswer } from '../../shared/protocol/index.js';
import { ask, startHarness, waitFor, type Harness, type TestSocket } from '../support/server-harness.js';
import { attackRoom, requestFloor, type AttackRoom } from '../support/attack-session.js';
import { must } from '../support/vote-fixtures.js';

/**
 * What travels to whom while the queue runs, messages go back and forth and the secretary
 * saves the minutes, on both engines: every event of every socket that must not read them
 * is recorded, and every table of the database but the two that keep the texts is read for
 * the markers. Then the floods: a draft of nearly 60 KiB saved in a loop, with a delegate's
 * commands answered meanwhile.
 */
let h: Harness;
let r: AttackRoom;

beforeEach(async () => {
  h = await startHarness();
  r = await attackRoom(h);
});
afterEach(async () => {
  await h.cleanup();
});

function recordAll(socket: TestSocket): Array<[string, string]> {
  const seen: Array<[string, string]> = [];
  socket.onAny((event: string, ...args: unknown[]) => seen.push([event, JSON.stringify(args)]));
  return seen;
}

/** Every row of every table, but those named, as one text per table. */
async function tablesText(except: readonly string[]): Promise<Map<string, string>> {
  const db = h.server.store.db;
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !except.includes(n));
  const out = new Map<string, string>();
  for (const name of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    out.set(
      name,
      JSON.stringify(rows.rows, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v)),
    );
  }
  return out;
}

async function prefill(): Promise<MinutesGetAnswer> {
  const got = await ask<MinutesGetAnswer>(r.secretary.socket, 'minutes:get', { meetingId: r.a });
  if (!got.ok) throw new Error(got.error.code);
  return got.data;
}

describe('what reaches whom', () => {
  it('tells an outsider delegate, the observer and the other meeting nothing of messages or minutes', async () => {
    const markers = {
      request: `YEUCAU-${uuidv7()}`,
      answer: `TRALOI-${uuidv7()}`,
      notice: `THONGBAO-${uuidv7()}`,
      minutes: `BIENBAN-${uuidv7()}`,
    };
    const outsiders = { d3: recordAll(r.d3.socket), observer: recordAll(r.observer.socket) };
    const d1Heard = recordAll(r.d1.socket);
    const chairHeard = recordAll(r.chair.socket);

    await must(r.chair.socket, 'session:start', { meetingId: r.a });
    const asked = await requestFloor(r.d1, r.a);
    await must(r.chair.socket, 'speaker:give-floor', { meetingId: r.a, requestId: asked, limitSeconds: 60 });
    const requestId = uuidv7();
    await must(r.d1.socket, 'message:request', {
      commandId: requestId,
      meetingId: r.a,
      topic: 'other',
      text: markers.request,
      chairMaySee: false,
    });
    await must(r.secretary.socket, 'message:answer', {
      meetingId: r.a,
      messageId: requestId,
      state: 'acknowledged',
      answer: markers.answer,
    });
    await must(r.chair.socket, 'message:notice', { meetingId: r.a, to: r.d1.userId, text: markers.notice });
    const { prefill: content } = await prefill();
    for (let v = 0; v < 3; v++)
      await must(r.secretary.socket, 'minutes:save', {
        meetingId: r.a,
        baseVersion: v,
        content: { ...content, agenda: content.agenda.map((i) => ({ ...i, discussion: `${markers.minutes} v${v}` })) },
      });
    await must(r.d1.socket, 'message:withdraw', { meetingId: r.a, messageId: requestId });
    await must(r.chair.socket, 'speaker:end', { meetingId: r.a });
    // The chair hears the minutes' versions; d1 its own messages.
    await waitFor(() => chairHeard.filter(([e]) => e === 'minutes:changed').length === 3, 5000, 'the chair told');
    await waitFor(() => d1Heard.filter(([e]) => e === 'message:changed').length >= 4, 5000, 'd1 told');
    await new Promise((resolve) => setTimeout(resolve, 300));

    for (const [who, heard] of Object.entries(outsiders)) {
      expect(heard.length, `${who} heard the queue`).toBeGreaterThan(0);
      expect(
        heard.map(([e]) => e).filter((e) => e.startsWith('minutes') || e.startsWith('message')),
        who,
      ).toEqual([]);
      const text = heard.map(([, args]) => args).join('\n');
      for (const marker of Object.values(markers)) expect(text, `${who}: ${marker}`).not.toContain(marker);
    }
    // The delegate reads its own messages, never the minutes, nor the chair the request it was not shown.
    expect(d1Heard.some(([e]) => e === 'minutes:changed')).toBe(false);
    expect(d1Heard.map(([, a]) => a).join('\n')).not.toContain(markers.minutes);
    expect(chairHeard.map(([, a]) => a).join('\n')).not.toContain(markers.request);
    expect(chairHeard.map(([, a]) => a).join('\n')).not.toContain(markers.minutes);

    // No table but the two that keep them holds a text: not the change log, the audit chain, the receipts.
    const tables = await tablesText(['meeting_minutes', 'meeting_messages']);
    expect([...tables.keys()]).toEqual(expect.arrayContaining(['meeting_changes', 'audit_log', 'commands']));
    for (const [name, text] of tables)
      for (const marker of Object.values(markers)) expect(text, `${name}: ${marker}`).not.toContain(marker);
  });
});

describe('messages across meetings', () => {
  it('lets the secretary of meeting B neither answer nor list a request of meeting A through B', async () => {
    const marker = `CHEO-${uuidv7()}`;
    const messageId = uuidv7();
    await must(r.d1.socket, 'message:request', {
      commandId: messageId,
      meetingId: r.a,
      topic: 'other',
      text: marker,
      chairMaySee: true,
    });
    const before = await db().selectFrom('meeting_messages').selectAll().where('id', '=', messageId).execute();
    // d2 is B's secretary and A's delegate; d3 is B's chair.
    for (const [who, meetingId, code] of [
      [r.d2, r.b, 'NOT_FOUND'],
      [r.d2, r.a, 'FORBIDDEN'],
      [r.d3, r.b, 'FORBIDDEN'],
    ] as const) {
      const answer = await ask(who.socket, 'message:answer', {
        commandId: uuidv7(),
        meetingId,
        messageId,
        state: 'declined',
        answer: 'Không',
      });
      expect(answer, `${who.username} via ${meetingId === r.a ? 'A' : 'B'}`).toMatchObject({
        ok: false,
        error: { code },
      });
    }
    // d1 sits in B too: withdrawing A's request through B is as for an id that is nobody's.
    expect(
      await ask(r.d1.socket, 'message:withdraw', { commandId: uuidv7(), meetingId: r.b, messageId }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    for (const who of [r.d2, r.d3]) {
      const list = await ask<{ messages: unknown[] }>(who.socket, 'message:list', { meetingId: r.b });
      expect(JSON.stringify(list)).not.toContain(marker);
    }
    expect(await db().selectFrom('meeting_messages').selectAll().where('id', '=', messageId).execute()).toEqual(before);
  });
});

describe('floods', () => {
  it('keeps one draft row however often a 60 KiB draft is saved, audit rows without its text, and others answered meanwhile', async () => {
    const { prefill: content } = await prefill();
    const line = 'Đại biểu phát biểu ý kiến về dự thảo nghị quyết. ';
    let n = 10;
    const padded = (k: number) => ({
      ...content,
      agenda: content.agenda.map((i) => ({ ...i, discussion: line.repeat(k) })),
    });
    while (minutesBytes(padded(n + 10)) <= MAX_MINUTES_BYTES && line.length * (n + 10) < 20_000) n += 10;
    const big = padded(n);
    expect(minutesBytes(big)).toBeGreaterThan(40 * 1024);
    await must(r.chair.socket, 'session:start', { meetingId: r.a });

    const saves = (async () => {
      for (let v = 0; v < 25; v++)
        await must(r.secretary.socket, 'minutes:save', { meetingId: r.a, baseVersion: v, content: big });
    })();
    const slowest: number[] = [];
    for (let i = 0; i < 5; i++) {
      const at = Date.now();
      const answer = await ask(r.d1.socket, 'message:list', { meetingId: r.a });
      slowest.push(Date.now() - at);
      expect(answer.ok).toBe(true);
      const asked = Date.now();
      const id = await requestFloor(r.d1, r.a);
      await must(r.d1.socket, 'speaker:withdraw', { meetingId: r.a, requestId: id });
      slowest.push(Date.now() - asked);
    }
    await saves;
    expect(Math.max(...slowest)).toBeLessThan(3000);

    const db = h.server.store.db;
    const drafts = await db.selectFrom('meeting_minutes').select(['meeting_id', 'version']).execute();
    expect(drafts).toEqual([{ meeting_id: r.a, version: 25 }]);
    const audit = await db.selectFrom('audit_log').select('detail').where('action', '=', 'minutes:save').execute();
    expect(audit).toHaveLength(25);
    for (const row of audit) expect(String(row.detail).length).toBeLessThan(300);
    const changes = await db
      .selectFrom('meeting_changes')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('type', 'like', 'minutes%')
      .executeTakeFirstOrThrow();
    expect(Number(changes.n)).toBe(0);
  });

  it('refuses set-time, move and give-floor payloads out of bounds, of the wrong type or with extra keys, and changes nothing', async () => {
    await must(r.chair.socket, 'session:start', { meetingId: r.a });
    const requestId = await requestFloor(r.d1, r.a);
    const seqBefore = (await db().selectFrom('meetings').select('seq').where('id', '=', r.a).executeTakeFirstOrThrow())
      .seq;
    const bad: Array<[string, Record<string, unknown>]> = [];
    // NaN and Infinity travel as null in JSON: for a time that is "no limit", checked below as the only null.
    for (const limitSeconds of [0, 9, -1, 3601, 1e308, 1.5, '60', true, [], {}])
      bad.push(['speaker:set-time', { limitSeconds }], ['speaker:give-floor', { requestId, limitSeconds }]);
    for (const index of [-1, 10_001, 1e308, 0.5, '0', null, Number.POSITIVE_INFINITY])
      bad.push(['speaker:move', { requestId, index }]);
    for (const requestId2 of ['', '../x', 'a'.repeat(10_000), 42, null, { $ne: null }])
      bad.push(['speaker:withdraw', { requestId: requestId2 }], ['speaker:remove', { requestId: requestId2 }]);
    bad.push(
      ['speaker:request', { requestId: uuidv7(), pointOfOrder: 'yes' }],
      ['speaker:request', { requestId: uuidv7(), pointOfOrder: false, userId: r.d2.userId }],
      ['speaker:request', JSON.parse(`{"requestId":"${uuidv7()}","pointOfOrder":false,"__proto__":{"isAdmin":true}}`)],
      ['session:start', { itemId: 'constructor' }],
      ['session:pause', { extra: 1 }],
      ['agenda:set-current', { itemId: null }],
      ['speaker:end', { requestId }],
      ['minutes:save', { baseVersion: -1, content: {} }],
      ['minutes:save', JSON.parse('{"baseVersion":0,"content":{"__proto__":{"x":1}}}')],
    );
    for (const [event, extra] of bad) {
      const who =
        event === 'speaker:request' || event === 'speaker:withdraw'
          ? r.d1
          : event === 'minutes:save'
            ? r.secretary
            : r.chair;
      const answer = await ask(who.socket, event, { commandId: uuidv7(), meetingId: r.a, ...extra });
      expect(answer, `${event} ${JSON.stringify(extra).slice(0, 80)}`).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    // Wrong types for the meeting itself, and no payload at all.
    for (const meetingId of [null, 1, r.a.toUpperCase().replace(/-/g, ''), `${r.a}/../x`])
      expect(await ask(r.chair.socket, 'session:pause', { commandId: uuidv7(), meetingId })).toMatchObject({
        ok: false,
      });
    expect(await ask(r.chair.socket, 'speaker:end', null)).toMatchObject({ ok: false });
    expect((await db().selectFrom('meetings').select('seq').where('id', '=', r.a).executeTakeFirstOrThrow()).seq).toBe(
      seqBefore,
    );
    const rows = await db()
      .selectFrom('speaker_requests')
      .select(['id', 'state', 'position', 'limit_seconds'])
      .execute();
    expect(rows).toEqual([{ id: requestId, state: 'waiting', position: 0, limit_seconds: null }]);
  });
});

function db() {
  return h.server.store.db;
}
