import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../test/support/test-store.js';
import { verifyAuditChain } from '../../audit/audit-log.js';
import type { Store } from '../store.js';
import { MIGRATIONS } from './index.js';

/**
 * Each migration on the engine of this test run (the `postgres` project runs this file
 * against PostgreSQL): a database made by the version before it, with rows in it, is
 * brought up, and the rows are still there, in the shape the new version reads.
 */
const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);

let database: TestDatabase;
afterEach(async () => {
  await database.cleanup();
});

async function at(version: number): Promise<Store> {
  database = await testDatabase();
  return database.open(upTo(version));
}

async function rows(store: Store, query: string): Promise<unknown[]> {
  return (await sql.raw(query).execute(store.db)).rows;
}

const USER = `INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES ('u', 'Lan', 'Lan', 'h', 't')`;
const MEETING = `INSERT INTO meetings (id, title, starts_at, place, organisation, status, created_by, created_at)
  VALUES ('m', 'Kỳ họp', 't', 'p', 'o', 'published', 'u', 't')`;

describe('migrations', () => {
  it('10 initial: user names are unique whatever their case; history refuses edits', async () => {
    const store = await at(10);
    await database.exec(store, [USER, MEETING]);
    await expect(database.exec(store, [USER.replace("'u', 'Lan'", "'u2', 'LAN'")])).rejects.toThrow();
    await database.exec(store, [
      `INSERT INTO meeting_changes (meeting_id, seq, type, data, actor_id, command_id, at) VALUES ('m', 1, 'x', '{}', 'u', 'c', 't')`,
      `INSERT INTO audit_log (at, actor_id, action, meeting_id, detail, prev_hash, hash) VALUES ('t', NULL, 'a', NULL, '{}', 'p', 'h')`,
    ]);
    for (const statement of [
      'UPDATE meeting_changes SET seq = 2',
      'DELETE FROM meeting_changes',
      "UPDATE audit_log SET action = 'x'",
      'DELETE FROM audit_log',
    ]) {
      await expect(database.exec(store, [statement])).rejects.toThrow(/append-only/);
    }
  });

  it('20 votes and attendance: participants of an older meeting start absent', async () => {
    const store = await at(10);
    await database.exec(store, [
      USER,
      MEETING,
      `INSERT INTO participants (meeting_id, user_id, role) VALUES ('m', 'u', 'delegate')`,
    ]);
    await store.close();
    const next = await database.open(upTo(20));
    expect(await rows(next, 'SELECT user_id, role, present FROM participants')).toEqual([
      { user_id: 'u', role: 'delegate', present: 0 },
    ]);
    expect(await rows(next, 'SELECT COUNT(*) AS n FROM votes')).toEqual([{ n: 0 }]);
  });

  it('30 vote managers: an older meeting keeps its chair as the one who runs votes', async () => {
    const store = await at(20);
    await database.exec(store, [USER, MEETING]);
    await store.close();
    const next = await database.open(upTo(30));
    expect(await rows(next, 'SELECT vote_managers FROM meetings')).toEqual([{ vote_managers: '["chair"]' }]);
  });

  it('40 vote integrity: keeps the ballots, voters, meetings and agenda of a version 30 database', async () => {
    const store = await at(30);
    await database.exec(store, [
      USER,
      MEETING,
      `INSERT INTO agenda_items (id, meeting_id, parent_id, position, title, presenter, planned_minutes)
        VALUES ('a', 'm', NULL, 0, 'Mục 1', '', 5)`,
      `INSERT INTO participants (meeting_id, user_id, role, present) VALUES ('m', 'u', 'delegate', 1)`,
      `INSERT INTO votes (id, meeting_id, question, kind, options, rule, base, quorum, allow_change, status,
        created_by, created_at) VALUES ('v', 'm', 'Q', 'secret', '{"type":"yes-no-abstain"}', 'simple', 'yes-no',
        'none', 1, 'open', 'u', 't')`,
      `INSERT INTO vote_voters (vote_id, user_id) VALUES ('v', 'u')`,
      `INSERT INTO vote_ballots (vote_id, ballot_hash, voter_id, choices) VALUES ('v', 'abc', NULL, '["yes"]')`,
    ]);
    await store.close();
    const next = await database.open(upTo(40));
    expect(await rows(next, 'SELECT vote_id, ballot_id, choices FROM vote_ballots')).toEqual([
      { vote_id: 'v', ballot_id: 'abc', choices: '["yes"]' },
    ]);
    // A voter of an older server has no ownership proof: their ballot can no longer be changed.
    expect(await rows(next, 'SELECT user_id, owner_proof, ballot_changes FROM vote_voters')).toEqual([
      { user_id: 'u', owner_proof: null, ballot_changes: 0 },
    ]);
    expect(await rows(next, 'SELECT version, vote_defaults FROM meetings')).toEqual([
      { version: 0, vote_defaults: '{"rule":"absolute","base":"members","quorum":"none"}' },
    ]);
    expect(await rows(next, 'SELECT version FROM agenda_items')).toEqual([{ version: 0 }]);
    expect(await rows(next, 'SELECT closed_by, cancelled_at, cancelled_by, cancel_reason, version FROM votes')).toEqual(
      [{ closed_by: null, cancelled_at: null, cancelled_by: null, cancel_reason: null, version: 0 }],
    );
    expect(
      await rows(next, 'SELECT attendance_window_start, attendance_changes, staff_changes FROM participants'),
    ).toEqual([{ attendance_window_start: null, attendance_changes: 0, staff_changes: 0 }]);
  });

  it('50 audit chains: rows of the single old chain become the global chain, still verifiable', async () => {
    const store = await at(40);
    // Two rows hashed as the version 40 server did (one chain over everything).
    const { createHash } = await import('node:crypto');
    const hash = (prev: string, at: string, action: string, meetingId: string | null) =>
      createHash('sha256')
        .update(JSON.stringify([prev, at, null, action, meetingId, {}]))
        .digest('hex');
    const genesis = '0'.repeat(64);
    const h1 = hash(genesis, 't1', 'login', null);
    const h2 = hash(h1, 't2', 'meeting:create', 'm');
    await database.exec(store, [
      `INSERT INTO audit_log (at, actor_id, action, meeting_id, detail, prev_hash, hash) VALUES ('t1', NULL, 'login', NULL, '{}', '${genesis}', '${h1}')`,
      `INSERT INTO audit_log (at, actor_id, action, meeting_id, detail, prev_hash, hash) VALUES ('t2', NULL, 'meeting:create', 'm', '{}', '${h1}', '${h2}')`,
    ]);
    await store.close();
    const next = await database.open(upTo(50));
    expect(await rows(next, 'SELECT chain FROM audit_log ORDER BY id')).toEqual([
      { chain: 'global' },
      { chain: 'global' },
    ]);
    expect(await rows(next, 'SELECT chain, hash FROM audit_heads')).toEqual([{ chain: 'global', hash: h2 }]);
    expect(await verifyAuditChain(next.db)).toBeNull();
  });

  it('60 documents: meetings read as open with nothing shown; a document goes with its versions and pages', async () => {
    const store = await at(50);
    await database.exec(store, [USER, MEETING]);
    await store.close();
    const next = await database.open(upTo(60));
    expect(await rows(next, 'SELECT closed_at, documents_recalled_at, presentation FROM meetings')).toEqual([
      { closed_at: null, documents_recalled_at: null, presentation: null },
    ]);
    const sha = 'a'.repeat(64);
    await database.exec(next, [
      `INSERT INTO document_blobs (sha256, size, created_at) VALUES ('${sha}', 10, 't')`,
      `INSERT INTO documents (id, meeting_id, title, current_version, revision, created_at, created_by) VALUES ('d', 'm', 'Tờ trình', 1, 1, 't', 'u')`,
      `INSERT INTO document_versions (document_id, version, sha256, size, pages, textless_pages, uploaded_at, uploaded_by) VALUES ('d', 1, '${sha}', 10, 1, '[]', 't', 'u')`,
    ]);
    // A version naming no stored blob is refused.
    await expect(
      database.exec(next, [
        `INSERT INTO document_versions (document_id, version, sha256, size, pages, textless_pages, uploaded_at, uploaded_by) VALUES ('d', 2, '${'b'.repeat(64)}', 10, 1, '[]', 't', 'u')`,
      ]),
    ).rejects.toThrow();
    await database.exec(next, ['DELETE FROM documents']);
    expect(await rows(next, 'SELECT document_id FROM document_versions')).toEqual([]);
  });

  it('70 meeting CA: one row at most, with a SHA-256 fingerprint', async () => {
    const store = await at(60);
    await database.exec(store, [USER, MEETING]);
    await store.close();
    const next = await database.open(upTo(70));
    expect(await rows(next, 'SELECT id FROM meeting_ca')).toEqual([]);
    const fingerprint = 'c'.repeat(64);
    await database.exec(next, [
      `INSERT INTO meeting_ca (id, certificate_pem, encrypted_key, fingerprint, created_at) VALUES (1, 'pem', 'key', '${fingerprint}', 't')`,
    ]);
    await expect(
      database.exec(next, [
        `INSERT INTO meeting_ca (id, certificate_pem, encrypted_key, fingerprint, created_at) VALUES (2, 'pem', 'key', '${fingerprint}', 't')`,
      ]),
    ).rejects.toThrow();
    await expect(
      database.exec(next, [
        `INSERT INTO meeting_ca (id, certificate_pem, encrypted_key, fingerprint, created_at) VALUES (1, 'pem', 'key', '${fingerprint}', 't')`,
      ]),
    ).rejects.toThrow();
    expect(await rows(next, 'SELECT COUNT(*) AS n FROM meetings')).toEqual([{ n: 1 }]);
  });

  it('90 annotations: one per author rev, a version taking its annotations with it, documents of 80 kept', async () => {
    const sha = 'a'.repeat(64);
    const store = await at(80);
    await database.exec(store, [
      USER,
      MEETING,
      `INSERT INTO document_blobs (sha256, size, created_at) VALUES ('${sha}', 10, 't')`,
      `INSERT INTO documents (id, meeting_id, title, current_version, revision, created_at, created_by) VALUES ('d', 'm', 'Tờ trình', 1, 1, 't', 'u')`,
      `INSERT INTO document_versions (document_id, version, sha256, size, pages, textless_pages, uploaded_at, uploaded_by) VALUES ('d', 1, '${sha}', 10, 1, '[]', 't', 'u')`,
    ]);
    await store.close();
    const next = await database.open(upTo(90));
    const annotation = (id: string, rev: number, version = 1) =>
      `INSERT INTO annotations (id, author_id, meeting_id, document_id, version, page, kind, geometry, color, opacity, body, quote, folded, shared, carried_from, created_at, updated_at, rev, edits, deleted)
       VALUES ('${id}', 'u', 'm', 'd', ${version}, 1, 'note', '{}', '#ffcc00', 0.5, 'Ghi chú', '', 'ghi chu', 0, NULL, 't', 't', ${rev}, 1, 0)`;
    await database.exec(next, [annotation('a1', 1), `INSERT INTO annotation_heads (user_id, rev) VALUES ('u', 1)`]);
    expect(await rows(next, 'SELECT id, opacity, body FROM annotations')).toEqual([
      { id: 'a1', opacity: 0.5, body: 'Ghi chú' },
    ]);
    // Two writes of one author never share a rev; an annotation names a version that exists.
    await expect(database.exec(next, [annotation('a2', 1)])).rejects.toThrow();
    await expect(database.exec(next, [annotation('a3', 2, 7)])).rejects.toThrow();
    await database.exec(next, ['DELETE FROM documents']);
    expect(await rows(next, 'SELECT id FROM annotations')).toEqual([]);
  });

  it('100 meeting session: one live request to speak per person, finished ones kept; meetings of 90 kept', async () => {
    const store = await at(90);
    await database.exec(store, [USER, MEETING]);
    await store.close();
    const next = await database.open(upTo(100));
    expect(await rows(next, 'SELECT id, session FROM meetings')).toEqual([{ id: 'm', session: null }]);
    const request = (id: string, state: string) =>
      `INSERT INTO speaker_requests (id, meeting_id, user_id, agenda_item_id, point_of_order, state, position, requested_at)
       VALUES ('${id}', 'm', 'u', NULL, 0, '${state}', 0, 't')`;
    await database.exec(next, [request('r1', 'done'), request('r2', 'withdrawn'), request('r3', 'waiting')]);
    // A second live one of the same person is refused by the database itself.
    await expect(database.exec(next, [request('r4', 'speaking')])).rejects.toThrow();
    await expect(database.exec(next, [request('r5', 'talking')])).rejects.toThrow();
    expect(await rows(next, 'SELECT COUNT(*) AS n FROM speaker_requests')).toEqual([{ n: 3 }]);
  });

  it('120 minutes: one draft per meeting, of a meeting and a user that exist', async () => {
    const store = await at(100);
    await database.exec(store, [USER, MEETING]);
    await store.close();
    const next = await database.open(upTo(120));
    const draft = (meeting: string) =>
      `INSERT INTO meeting_minutes (meeting_id, content, version, updated_at, updated_by) VALUES ('${meeting}', '{}', 1, 't', 'u')`;
    await database.exec(next, [draft('m')]);
    await expect(database.exec(next, [draft('m')])).rejects.toThrow();
    expect(await rows(next, 'SELECT meeting_id, version FROM meeting_minutes')).toEqual([
      { meeting_id: 'm', version: 1 },
    ]);
  });

  it('110 messages: a request has a topic and a state, a notice to one person names them; annotations of 90 kept', async () => {
    const store = await at(90);
    await database.exec(store, [USER, MEETING]);
    await store.close();
    const next = await database.open(upTo(110));
    const message = (id: string, kind: string, topic: string | null, state: string | null, recipient: string | null) =>
      `INSERT INTO meeting_messages (id, meeting_id, kind, sender_id, recipient_id, chair_may_see, topic, body, state, answer, answered_by, created_at, updated_at, rev)
       VALUES ('${id}', 'm', '${kind}', 'u', ${recipient ? `'${recipient}'` : 'NULL'}, 0, ${topic ? `'${topic}'` : 'NULL'}, 'Cần bản in', ${state ? `'${state}'` : 'NULL'}, '', NULL, 't', 't', 1)`;
    await database.exec(next, [
      message('r1', 'request', 'print', 'open', null),
      message('n1', 'notice', null, null, 'u'),
    ]);
    expect(await rows(next, 'SELECT id, body FROM meeting_messages ORDER BY id')).toEqual([
      { id: 'n1', body: 'Cần bản in' },
      { id: 'r1', body: 'Cần bản in' },
    ]);
    await expect(database.exec(next, [message('r2', 'request', null, 'open', null)])).rejects.toThrow();
    await expect(database.exec(next, [message('r3', 'request', 'print', 'lost', null)])).rejects.toThrow();
    await expect(database.exec(next, [message('r4', 'request', 'print', 'open', 'u')])).rejects.toThrow();
    await expect(database.exec(next, [message('n2', 'notice', 'print', null, null)])).rejects.toThrow();
    await expect(database.exec(next, [message('n3', 'notice', null, null, 'nobody')])).rejects.toThrow();
  });

  it('130 minutes signing: one open round per meeting, pending bytes only with a pending id', async () => {
    const store = await at(120);
    await database.exec(store, [USER, MEETING]);
    await store.close();
    const next = await database.open(upTo(130));
    const round = (id: string, state: string) =>
      sql
        .raw(
          `INSERT INTO minutes_signings (id, meeting_id, draft_version, state, pdf, created_by, created_at, updated_at)
            VALUES ('${id}', 'm', 1, '${state}', ${next.dialect === 'postgres' ? "'\\x255044462d'::bytea" : "X'255044462D'"}, 'u', 't', 't')`,
        )
        .execute(next.db);
    for (const [id, state] of [
      ['r1', 'awaiting-chair'],
      ['r0', 'abandoned'],
      ['r00', 'signed'],
    ] as const)
      await round(id, state);
    await expect(round('r2', 'awaiting-secretary')).rejects.toThrow();
    await expect(round('r3', 'nonsense')).rejects.toThrow();
    await expect(
      database.exec(next, ["UPDATE minutes_signings SET pending_id = 'p' WHERE id = 'r1'"]),
    ).rejects.toThrow();
    expect(await rows(next, 'SELECT id, state FROM minutes_signings ORDER BY id')).toEqual([
      { id: 'r0', state: 'abandoned' },
      { id: 'r00', state: 'signed' },
      { id: 'r1', state: 'awaiting-chair' },
    ]);
  });

  it('140 people and groups: accounts of 130 keep their names with empty details; a group takes its members with it', async () => {
    const store = await at(130);
    await database.exec(store, [USER]);
    await store.close();
    const next = await database.open(upTo(140));
    expect(
      await rows(next, 'SELECT username, title, unit, seat, email, manages_people, must_change_password FROM users'),
    ).toEqual([
      { username: 'Lan', title: '', unit: '', seat: '', email: '', manages_people: 0, must_change_password: 0 },
    ]);
    await database.exec(next, [
      `INSERT INTO groups (id, name, created_at, updated_at) VALUES ('g', 'Thường trực HĐND', 't', 't')`,
      `INSERT INTO group_members (group_id, user_id) VALUES ('g', 'u')`,
    ]);
    await expect(
      database.exec(next, [`INSERT INTO group_members (group_id, user_id) VALUES ('g', 'u')`]),
    ).rejects.toThrow();
    await expect(database.exec(next, ['UPDATE users SET manages_people = 2'])).rejects.toThrow();
    await database.exec(next, [`DELETE FROM groups WHERE id = 'g'`]);
    expect(await rows(next, 'SELECT COUNT(*) AS n FROM group_members')).toEqual([{ n: 0 }]);
  });

  it('150 lifecycle: meetings of 130 read as neither cancelled, postponed nor archived; one reply per invitation', async () => {
    const store = await at(130);
    await database.exec(store, [USER, MEETING]);
    await store.close();
    const next = await database.open(upTo(150));
    expect(await rows(next, 'SELECT id, cancellation, postponement, archived_at FROM meetings')).toEqual([
      { id: 'm', cancellation: null, postponement: null, archived_at: null },
    ]);
    const invitation = (user: string, reply: string, reason: string, repliedAt: string | null) =>
      `INSERT INTO meeting_invitations (meeting_id, user_id, sent_at, reply, reason, replied_at, rev)
       VALUES ('m', '${user}', 't', '${reply}', '${reason}', ${repliedAt ? `'${repliedAt}'` : 'NULL'}, 1)`;
    await database.exec(next, [invitation('u', 'absent', 'Đi công tác', 't')]);
    await expect(database.exec(next, [invitation('u', 'attend', '', 't')])).rejects.toThrow();
    await database.exec(next, ['DELETE FROM meeting_invitations']);
    // An absence without its reason, a reply without its time, a pending one with a time, another word.
    await expect(database.exec(next, [invitation('u', 'absent', '', 't')])).rejects.toThrow();
    await expect(database.exec(next, [invitation('u', 'attend', '', null)])).rejects.toThrow();
    await expect(database.exec(next, [invitation('u', 'pending', '', 't')])).rejects.toThrow();
    await expect(database.exec(next, [invitation('u', 'maybe', '', 't')])).rejects.toThrow();
    await expect(database.exec(next, [invitation('nobody', 'pending', '', null)])).rejects.toThrow();
    await database.exec(next, [invitation('u', 'pending', '', null)]);
    expect(await rows(next, 'SELECT user_id, reply FROM meeting_invitations')).toEqual([
      { user_id: 'u', reply: 'pending' },
    ]);
  });

  it('160 devices: one row per device and person, revoked with who revoked it; sessions of 130 kept', async () => {
    const store = await at(130);
    await database.exec(store, [
      USER,
      "INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ('s', 'u', 't', 'e')",
    ]);
    await store.close();
    const next = await database.open(upTo(160));
    const device = (id: string, revoked: string | null, by: string | null) =>
      `INSERT INTO devices (id, user_id, name, platform, first_seen_at, last_seen_at, revoked_at, revoked_by)
       VALUES ('${id}', 'u', 'Máy tính bảng', 'desktop', 't', 't', ${revoked ? `'${revoked}'` : 'NULL'}, ${by ? `'${by}'` : 'NULL'})`;
    await database.exec(next, [device('d1', null, null), device('d2', 't2', 'u')]);
    await expect(database.exec(next, [device('d1', null, null)])).rejects.toThrow();
    await expect(database.exec(next, [device('d3', 't3', null)])).rejects.toThrow();
    await expect(database.exec(next, [device('d4', 't4', 'nobody')])).rejects.toThrow();
    expect(await rows(next, 'SELECT id, device_id FROM sessions')).toEqual([{ id: 's', device_id: null }]);
    expect(await rows(next, 'SELECT id, revoked_by FROM devices ORDER BY id')).toEqual([
      { id: 'd1', revoked_by: null },
      { id: 'd2', revoked_by: 'u' },
    ]);
  });

  it('170 document opens: one row per person and document, the version they opened', async () => {
    const store = await at(160);
    await store.close();
    const next = await database.open(upTo(170));
    const open = (user: string, doc: string, version: number) =>
      `INSERT INTO document_opens (user_id, document_id, version, opened_at) VALUES ('${user}', '${doc}', ${version}, 't')`;
    await database.exec(next, [open('u', 'd', 1), open('u', 'e', 2), open('v', 'd', 3)]);
    await expect(database.exec(next, [open('u', 'd', 4)])).rejects.toThrow();
    expect(
      await rows(next, "SELECT document_id, version FROM document_opens WHERE user_id = 'u' ORDER BY document_id"),
    ).toEqual([
      { document_id: 'd', version: 1 },
      { document_id: 'e', version: 2 },
    ]);
  });

  it('180 action items: one decision per meeting and sentence, a paper decision names its document', async () => {
    const store = await at(170);
    await database.exec(store, [USER, MEETING]);
    await store.close();
    const next = await database.open(upTo(180));
    const decide = (key: string, kind: string, doc: string | null, status: string) =>
      `INSERT INTO action_item_decisions (meeting_id, item_key, source_kind, document_id, version, page, sentence, who, what, status, decided_by, decided_at)
       VALUES ('m', '${key}', '${kind}', ${doc ? `'${doc}'` : 'NULL'}, 1, 2, 'Giao Sở Tài chính chủ trì.', 'Sở Tài chính', 'chủ trì', '${status}', 'u', 't')`;
    await database.exec(next, [decide('k1', 'document', 'd', 'confirmed'), decide('k2', 'minutes', null, 'dropped')]);
    await expect(database.exec(next, [decide('k1', 'document', 'd', 'dropped')])).rejects.toThrow();
    await expect(database.exec(next, [decide('k3', 'document', null, 'confirmed')])).rejects.toThrow();
    await expect(database.exec(next, [decide('k4', 'document', 'd', 'maybe')])).rejects.toThrow();
    expect(await rows(next, 'SELECT item_key, status FROM action_item_decisions ORDER BY item_key')).toEqual([
      { item_key: 'k1', status: 'confirmed' },
      { item_key: 'k2', status: 'dropped' },
    ]);
  });

  it('refuses a database written by a newer server, and migrations whose numbers do not rise', async () => {
    const store = await at(70);
    await store.close();
    const newer = { version: 9990, name: 'future', sqlite: () => undefined, postgres: 'SELECT 1' };
    const future = await database.open([...MIGRATIONS, newer]);
    await future.close();
    await expect(database.open(MIGRATIONS)).rejects.toThrow(/newer version of the server/);
    const noop = { name: 'x', sqlite: () => undefined, postgres: 'SELECT 1' };
    await expect(
      database.open([
        { version: 20, ...noop },
        { version: 10, ...noop },
      ]),
    ).rejects.toThrow(/does not rise/);
  });
});
