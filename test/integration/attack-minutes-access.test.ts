import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MinutesGetAnswer } from '../../shared/protocol/index.js';
import { ask, startHarness, type Harness } from '../support/server-harness.js';
import { attackRoom, type AttackRoom } from '../support/attack-session.js';
import { must, type Member } from '../support/vote-fixtures.js';

/**
 * Attacks on who reads the minutes, on both engines: over the socket (`minutes:get`,
 * `minutes:save`) and over HTTP (`minutes.pdf`, `minutes.docx`), by every role of the
 * meeting, by the secretary and the chair of another meeting, by a participant removed or
 * a chair demoted after the fact, on ids that are no meeting, and ten downloads at once.
 */
let h: Harness;
let r: AttackRoom;
const tokens = new Map<string, string>();

beforeEach(async () => {
  h = await startHarness();
  r = await attackRoom(h);
  tokens.clear();
});
afterEach(async () => {
  await h.cleanup();
});

async function token(username: string): Promise<string> {
  const known = tokens.get(username);
  if (known) return known;
  const { token: fresh } = await h.login(username);
  tokens.set(username, fresh);
  return fresh;
}

async function download(username: string, meetingId: string, extension: 'pdf' | 'docx'): Promise<Response> {
  return fetch(`${h.server.url}/api/meetings/${meetingId}/minutes.${extension}`, {
    headers: { authorization: `Bearer ${await token(username)}` },
  });
}

async function expectHidden(username: string, meetingId: string): Promise<void> {
  for (const extension of ['pdf', 'docx'] as const) {
    const res = await download(username, meetingId, extension);
    expect(res.status, `${username} ${extension}`).toBe(404);
    const body = await res.text();
    expect(body).not.toContain('%PDF');
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  }
}

async function saveDraft(by: Member, meetingId: string, marker: string, baseVersion = 0): Promise<void> {
  const got = await ask<MinutesGetAnswer>(by.socket, 'minutes:get', { meetingId });
  if (!got.ok) throw new Error(`minutes:get ${got.error.code}`);
  const { prefill } = got.data;
  const content = { ...prefill, agenda: prefill.agenda.map((i) => ({ ...i, discussion: marker })) };
  await must(by.socket, 'minutes:save', { meetingId, baseVersion, content });
}

describe('reading the minutes', () => {
  it('hides them from delegates, the observer and the people of another meeting, over the socket and HTTP', async () => {
    const markerA = `Bí mật biên bản A ${uuidv7()}`;
    const markerB = `Bí mật biên bản B ${uuidv7()}`;
    await saveDraft(r.secretary, r.a, markerA);
    await saveDraft(r.d2, r.b, markerB);
    // d2 is B's secretary and A's delegate; d3 is B's chair and A's delegate; d1 a delegate of both.
    for (const [who, meetingId] of [
      [r.d1, r.a],
      [r.d2, r.a],
      [r.d3, r.a],
      [r.observer, r.a],
      [r.d1, r.b],
    ] as const) {
      const answer = await ask(who.socket, 'minutes:get', { meetingId });
      expect(answer, `${who.username} on ${meetingId === r.a ? 'A' : 'B'}`).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(JSON.stringify(answer)).not.toMatch(/Bí mật biên bản/);
      await expectHidden(who.username, meetingId);
    }
    // A's chair and secretary are nobody in B: as for a meeting that does not exist.
    for (const who of [r.chair, r.secretary]) {
      expect(await ask(who.socket, 'minutes:get', { meetingId: r.b })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      await expectHidden(who.username, r.b);
    }
    // The readers read their own meeting's only.
    const own = await ask<MinutesGetAnswer>(r.d2.socket, 'minutes:get', { meetingId: r.b });
    expect(own.ok && own.data.draft?.content.agenda[0]?.discussion).toBe(markerB);
    expect((await download('daibieu2', r.b, 'docx')).status).toBe(200);
    // Nobody writes another meeting's minutes, however they hold a role there.
    for (const [who, meetingId, code] of [
      [r.d2, r.a, 'FORBIDDEN'],
      [r.secretary, r.b, 'NOT_FOUND'],
    ] as const) {
      const got = await ask<MinutesGetAnswer>(r.admin.socket, 'minutes:get', { meetingId });
      if (!got.ok) throw new Error('admin reads');
      const answer = await ask(who.socket, 'minutes:save', {
        commandId: uuidv7(),
        meetingId,
        baseVersion: got.data.draft?.version ?? 0,
        content: got.data.prefill,
      });
      expect(answer).toMatchObject({ ok: false, error: { code } });
    }
    const a = await ask<MinutesGetAnswer>(r.chair.socket, 'minutes:get', { meetingId: r.a });
    expect(a.ok && a.data.draft?.version).toBe(1);
    expect(a.ok && a.data.draft?.content.agenda[0]?.discussion).toBe(markerA);
  });

  it('stops reading once the reader is removed or demoted, and answers a draft meeting to nobody', async () => {
    await saveDraft(r.secretary, r.a, 'Nội dung nháp');
    expect((await download('chutoa', r.a, 'pdf')).status).toBe(200);
    await must(r.admin.socket, 'participant:set', { meetingId: r.a, userId: r.chair.userId, role: 'delegate' });
    expect(await ask(r.chair.socket, 'minutes:get', { meetingId: r.a })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expectHidden('chutoa', r.a);
    // B's chair removed from B: B is nobody's business of theirs any more.
    expect((await download('daibieu3', r.b, 'pdf')).status).toBe(200);
    await must(r.admin.socket, 'participant:remove', { meetingId: r.b, userId: r.d3.userId });
    expect(await ask(r.d3.socket, 'minutes:get', { meetingId: r.b })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await expectHidden('daibieu3', r.b);
    // A draft meeting has no minutes, not even for its secretary or an admin.
    const c = uuidv7();
    await must(r.admin.socket, 'meeting:create', {
      meetingId: c,
      title: 'Nháp',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      place: 'P',
      organisation: 'O',
    });
    await must(r.admin.socket, 'participant:set', { meetingId: c, userId: r.secretary.userId, role: 'secretary' });
    for (const username of ['thuky', 'admin']) await expectHidden(username, c);
  });

  it('answers 404 to ids that are no meeting, 401 without a session, and never a file outside', async () => {
    for (const id of [
      '..%2F..%2F..%2Fetc%2Fpasswd',
      '..',
      '%2e%2e',
      'not-a-uuid',
      uuidv7().toUpperCase(),
      `${r.a}%00`,
      `${r.a}%2F..`,
      uuidv7(),
    ]) {
      const res = await fetch(`${h.server.url}/api/meetings/${id}/minutes.pdf`, {
        headers: { authorization: `Bearer ${await token('thuky')}` },
      });
      expect([404, 400], id).toContain(res.status);
      expect(await res.text()).not.toContain('%PDF');
    }
    const anonymous = await fetch(`${h.server.url}/api/meetings/${r.a}/minutes.pdf`);
    expect(anonymous.status).toBe(401);
    const forged = await fetch(`${h.server.url}/api/meetings/${r.a}/minutes.docx`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(forged.status).toBe(401);
  });

  it('renders one file at a time per person: ten at once are answered or RATE_LIMITED, others are served meanwhile', async () => {
    await saveDraft(r.secretary, r.a, 'Ý kiến thảo luận. '.repeat(100));
    const thuky = await token('thuky');
    const chutoa = await token('chutoa');
    const all = Array.from({ length: 10 }, (_, i) =>
      fetch(`${h.server.url}/api/meetings/${r.a}/minutes.${i % 2 ? 'pdf' : 'docx'}`, {
        headers: { authorization: `Bearer ${thuky}` },
      }),
    );
    const chair = fetch(`${h.server.url}/api/meetings/${r.a}/minutes.pdf`, {
      headers: { authorization: `Bearer ${chutoa}` },
    });
    const asked = Date.now();
    const request = await ask(r.d1.socket, 'speaker:request', {
      commandId: uuidv7(),
      meetingId: r.a,
      requestId: uuidv7(),
      pointOfOrder: false,
    });
    const answeredIn = Date.now() - asked;
    const statuses = (await Promise.all(all)).map((res) => res.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect((await chair).status).toBe(200);
    // The session is not started, so the request is refused; what counts is that it was answered promptly.
    expect(request.ok === true || request.ok === false).toBe(true);
    expect(answeredIn).toBeLessThan(3000);
  });

  it('keeps one version when one secretary’s two devices save the same version at once', async () => {
    const second = (await h.connect('thuky')).socket;
    const got = await ask<MinutesGetAnswer>(r.secretary.socket, 'minutes:get', { meetingId: r.a });
    if (!got.ok) throw new Error(got.error.code);
    for (let round = 0; round < 3; round++) {
      const saves = await Promise.all(
        [r.secretary.socket, second, r.secretary.socket, second].map((socket, i) =>
          ask(socket, 'minutes:save', {
            commandId: uuidv7(),
            meetingId: r.a,
            baseVersion: round,
            content: {
              ...got.data.prefill,
              agenda: got.data.prefill.agenda.map((a) => ({ ...a, discussion: `v${round}-${i}` })),
            },
          }),
        ),
      );
      expect(saves.filter((a) => a.ok)).toHaveLength(1);
      for (const refused of saves.filter((a) => !a.ok))
        expect(refused).toMatchObject({ error: { code: 'STALE_EDIT' } });
    }
    const rows = await h.server.store.db.selectFrom('meeting_minutes').select(['meeting_id', 'version']).execute();
    expect(rows).toEqual([{ meeting_id: r.a, version: 3 }]);
  });
});
