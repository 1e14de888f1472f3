import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import {
  MAX_MINUTES_BYTES,
  minutesBytes,
  type MinutesChanged,
  type MinutesGetAnswer,
} from '../../shared/protocol/index.js';
import { runTool } from '../support/outside-tools.js';
import { ask, collect, startHarness, waitFor, type Harness } from '../support/server-harness.js';
import { joinMeeting, must, yesNoVote, type Member } from '../support/vote-fixtures.js';

/**
 * The minutes through the real path: the meeting's record as the server stored it (check-ins,
 * speeches, a published named vote), the draft's readers and its versions, and the PDF the
 * HTTP route answers, read back with poppler.
 */
let h: Harness;
let dir: string;
let chair: Member;
let secretary: Member;
let d1: Member;
let d2: Member;
let meetingId: string;

beforeEach(async () => {
  h = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'cabinet-minutes-'));
  const joined = await joinMeeting(h, 'chutoa');
  chair = joined;
  meetingId = joined.meeting.id;
  secretary = await joinMeeting(h, 'thuky');
  d1 = await joinMeeting(h, 'daibieu1');
  d2 = await joinMeeting(h, 'daibieu2');
});
afterEach(async () => {
  await h.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function minutesOf(who: Member): Promise<MinutesGetAnswer> {
  const answer = await ask<MinutesGetAnswer>(who.socket, 'minutes:get', { meetingId });
  if (!answer.ok) throw new Error(`minutes:get ${answer.error.code}`);
  return answer.data;
}

async function fetchMinutes(username: string, extension: 'pdf' | 'docx'): Promise<Response> {
  const { token } = await h.login(username);
  return fetch(`${h.server.url}/api/meetings/${meetingId}/minutes.${extension}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

/** A session with something to record: check-ins, a speech, a named vote published. */
async function holdSession(): Promise<void> {
  for (const m of [chair, d1]) await must(m.socket, 'attendance:check-in', { meetingId, userId: m.userId });
  await must(chair.socket, 'session:start', { meetingId });
  const requestId = uuidv7();
  await must(d1.socket, 'speaker:request', { meetingId, requestId, pointOfOrder: false });
  await must(chair.socket, 'speaker:give-floor', { meetingId, requestId, limitSeconds: 120 });
  await must(chair.socket, 'speaker:end', { meetingId });
  const vote = yesNoVote({ question: 'Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027?', base: 'members' });
  await must(chair.socket, 'vote:create', { meetingId, ...vote });
  await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
  await must(chair.socket, 'vote:cast', {
    meetingId,
    voteId: vote.voteId,
    choices: ['yes'],
    ballotKey: makeBallotKey(),
  });
  await must(d1.socket, 'vote:cast', { meetingId, voteId: vote.voteId, choices: ['no'], ballotKey: makeBallotKey() });
  await must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });
  await must(chair.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
}

describe('the minutes', () => {
  it('are read by the secretary, the chair and admins only; the pre-fill comes from the record', async () => {
    await holdSession();
    const mine = await minutesOf(secretary);
    expect(mine.draft).toBeNull();
    const rows = mine.prefill.attendance.map((r) => [r.name, r.status]);
    expect(rows).toContainEqual(['Trần Văn Minh (Chủ tọa)', 'present']);
    expect(rows).toContainEqual(['Lê Hoàng Nam', 'present']);
    expect(rows).toContainEqual(['Phạm Thị Lan', 'absent']);
    const item = mine.prefill.agenda.find((i) => i.speakers.length > 0);
    expect(item?.speakers.map((s) => s.name)).toEqual(['Lê Hoàng Nam']);
    const vote = mine.prefill.agenda.flatMap((i) => i.votes)[0];
    expect(vote?.namedChoices.map((c) => c.name).sort()).toEqual(['Lê Hoàng Nam', 'Trần Văn Minh (Chủ tọa)']);
    expect((await minutesOf(chair)).prefill).toEqual(mine.prefill);
    for (const who of [d1, d2, await joinMeeting(h, 'phonghop')]) {
      const answer = await ask(who.socket, 'minutes:get', { meetingId });
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await fetchMinutes('admin', 'pdf')).status).toBe(200);
    expect((await fetchMinutes('chutoa', 'docx')).status).toBe(200);
    for (const username of ['daibieu1', 'phonghop']) {
      const res = await fetchMinutes(username, 'pdf');
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('keeps the secretary’s draft by version, tells the chair and not the delegates, and never logs it in the meeting', async () => {
    const { prefill } = await minutesOf(secretary);
    const heard = collect<MinutesChanged>(chair.socket, 'minutes:changed');
    const overheard = collect<MinutesChanged>(d1.socket, 'minutes:changed');
    const seqBefore = (
      await h.server.store.db.selectFrom('meetings').select('seq').where('id', '=', meetingId).executeTakeFirstOrThrow()
    ).seq;
    const decision = 'Giao Văn phòng hoàn thiện hồ sơ trình Thường trực HĐND trước ngày 31/12/2026.';
    const edited = { ...prefill, agenda: prefill.agenda.map((i, n) => (n === 0 ? { ...i, decisions: decision } : i)) };
    await must(secretary.socket, 'minutes:save', { meetingId, baseVersion: 0, content: edited });
    await waitFor(() => heard.length === 1, 5000, 'the chair told');
    expect(heard[0]).toMatchObject({ meetingId, version: 1, updatedBy: secretary.userId });
    const stale = await ask(secretary.socket, 'minutes:save', {
      commandId: uuidv7(),
      meetingId,
      baseVersion: 0,
      content: prefill,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'STALE_EDIT' } });
    for (const who of [chair, d1]) {
      const refused = await ask(who.socket, 'minutes:save', {
        commandId: uuidv7(),
        meetingId,
        baseVersion: 1,
        content: prefill,
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const draft = (await minutesOf(chair)).draft;
    expect(draft).toMatchObject({ version: 1, updatedBy: secretary.userId });
    expect(draft?.content.agenda[0]?.decisions).toBe(decision);
    expect(overheard).toEqual([]);
    // Neither the change log every tablet receives nor the audit chain holds its text.
    const seqAfter = (
      await h.server.store.db.selectFrom('meetings').select('seq').where('id', '=', meetingId).executeTakeFirstOrThrow()
    ).seq;
    expect(seqAfter).toBe(seqBefore);
    const audit = await h.server.store.db
      .selectFrom('audit_log')
      .select('detail')
      .where('meeting_id', '=', meetingId)
      .execute();
    expect(audit.map((a) => a.detail).join('\n')).not.toContain('Văn phòng hoàn thiện');
  });

  it('refuses malformed and oversized drafts and changes nothing', async () => {
    const { prefill } = await minutesOf(secretary);
    // Past the whole draft's bound yet within one socket message (a bigger one closes the socket).
    const pad = (n: number) => ({
      ...prefill,
      agenda: prefill.agenda.map((i) => ({ ...i, discussion: 'Ý kiến. '.repeat(n) })),
    });
    let n = 100;
    while (minutesBytes(pad(n)) <= MAX_MINUTES_BYTES + 512) n += 2;
    const huge = pad(n);
    expect(minutesBytes(huge)).toBeLessThan(MAX_MINUTES_BYTES + 2048);
    for (const content of [huge, { ...prefill, extra: 1 }, { ...prefill, attendance: 'nobody' }]) {
      const answer = await ask(secretary.socket, 'minutes:save', {
        commandId: uuidv7(),
        meetingId,
        baseVersion: 0,
        content,
      });
      expect(answer.ok).toBe(false);
    }
    expect((await minutesOf(secretary)).draft).toBeNull();
  });

  it('answers the draft as a Decree 30 PDF that poppler reads: Quốc hiệu, BIÊN BẢN, names with attendance, the vote, fonts embedded', async () => {
    await holdSession();
    const { prefill } = await minutesOf(secretary);
    await must(secretary.socket, 'minutes:save', { meetingId, baseVersion: 0, content: prefill });
    const res = await fetchMinutes('thuky', 'pdf');
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('Biên bản');
    const file = join(dir, 'minutes.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = (await runTool('pdftotext', ['-layout', file, '-'])).stdout.replace(/\s+/g, ' ');
    for (const phrase of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BIÊN BẢN',
      prefill.header.title,
      'Lê Hoàng Nam',
      'Phạm Thị Lan',
      'Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027?',
    ])
      expect(text).toContain(phrase);
    // Every participant who has attendance, with it; the room display (an observer) has none and is not listed.
    for (const [name, status] of [
      ['Lê Hoàng Nam', 'Có mặt'],
      ['Trần Văn Minh (Chủ tọa)', 'Có mặt'],
      ['Phạm Thị Lan', 'Vắng mặt'],
      ['Võ Quốc Bảo', 'Vắng mặt'],
      ['Nguyễn Thị Thu (Thư ký)', 'Vắng mặt'],
    ] as const)
      expect(text).toMatch(new RegExp(`${name.replace(/[()]/g, '\\$&')} (Đại biểu|Chủ tọa|Thư ký) ${status}`));
    expect(text).not.toContain('Màn hình phòng họp');
    // The vote: each option's count and share of all members, and the outcome.
    expect(text).toContain('Tán thành 1 25%');
    expect(text).toContain('Không tán thành 1 25%');
    expect(text).toContain('Kết quả: Không thông qua (số phiếu ngang nhau)');
    const fonts = (await runTool('pdffonts', [file])).stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const row of fonts) expect(row).toMatch(/\syes\s+yes\s+yes\s+\d+\s+\d+$/);
  });
});
