import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBallotKey } from '../../shared/client/index.js';
import type { Change, Vote } from '../../shared/protocol/index.js';
import { verifyDetachedCms } from '../../shared/signatures/index.js';
import { ask, collectChanges, startHarness, waitFor, type Harness } from '../support/server-harness.js';
import { pemToDer } from '../support/signing-device.js';
import { opensslAcceptsCms } from '../support/test-pki.js';
import { joinMeeting, must, yesNoVote, type Member } from '../support/vote-fixtures.js';

/**
 * A published result comes signed by the server with a certificate of the meeting CA: every
 * tablet receives the statement and the signature, OpenSSL accepts it (also as CAdES), and
 * the statement says what the room decided.
 */
let h: Harness;
let chair: Member & { meeting: { id: string } };
let delegates: Member[];
let work: string;
let caPem: string;

beforeAll(async () => {
  h = await startHarness();
  work = mkdtempSync(join(tmpdir(), 'cabinet-results-'));
  chair = await joinMeeting(h, 'chutoa');
  delegates = await Promise.all(['daibieu1', 'daibieu2', 'daibieu3'].map((u) => joinMeeting(h, u)));
  caPem = await (await fetch(`${h.server.url}/api/pki/ca`)).text();
});
afterAll(async () => {
  await h?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
});

const opensslVerify = (statement: string, signatureB64: string, extra: string[]) =>
  opensslAcceptsCms(work, statement, signatureB64, caPem, extra);

describe('signed vote results', () => {
  it('signs the published result; OpenSSL and our verifier accept it; a changed tally fails', async () => {
    const meetingId = chair.meeting.id;
    for (const m of [chair, ...delegates]) await must(m.socket, 'attendance:check-in', { meetingId, userId: m.userId });
    const vote = yesNoVote({ question: 'Thông qua Nghị quyết về quy hoạch đô thị?' });
    await must(chair.socket, 'vote:create', { meetingId, ...vote });
    await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
    const choices = ['yes', 'yes', 'no'];
    for (const [i, d] of delegates.entries())
      await must(d.socket, 'vote:cast', {
        meetingId,
        voteId: vote.voteId,
        ballotKey: makeBallotKey(),
        choices: [choices[i]],
      });
    await must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });
    const seen = collectChanges(delegates[0]!.socket);
    await must(chair.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
    await waitFor(() => seen.some((c) => c.type === 'vote:published'));
    const published = seen.find((c) => c.type === 'vote:published') as Extract<Change, { type: 'vote:published' }>;
    const signed = published.data.vote.resultSignature;
    expect(signed).not.toBeNull();
    const statement = JSON.parse(signed!.statement) as { type: string; voteId: string; result: Vote['result'] };
    expect(statement).toMatchObject({ type: 'cabinet/vote-result/v1', voteId: vote.voteId });
    expect(statement.result?.tally).toEqual(published.data.vote.result?.tally);
    expect(statement.result?.tally).toMatchObject({ yes: 2, no: 1 });

    expect(opensslVerify(signed!.statement, signed!.signature, [])).toBe(true);
    expect(opensslVerify(signed!.statement, signed!.signature, ['-cades'])).toBe(true);
    const forged = signed!.statement.replace('"yes":2', '"yes":3');
    expect(forged).not.toBe(signed!.statement);
    expect(opensslVerify(forged, signed!.signature, [])).toBe(false);

    const ours = await verifyDetachedCms(Buffer.from(signed!.signature, 'base64'), Buffer.from(signed!.statement), {
      anchors: [pemToDer(caPem)],
    });
    expect(ours.ok).toBe(true);
    expect(ours.ok && ours.signer.fingerprint).toBe(signed!.signer.fingerprint);

    // A tablet that syncs later gets the same signature in its snapshot.
    const late = await joinMeeting(h, 'thuky');
    const snapshot = await ask<{ updates: { kind: string; snapshot?: { votes: Vote[] } }[] }>(
      late.socket,
      'session:sync',
      {
        cursors: {},
      },
    );
    const votes = snapshot.ok ? snapshot.data.updates[0]?.snapshot?.votes : undefined;
    expect(votes?.find((v) => v.id === vote.voteId)?.resultSignature?.signature).toBe(signed!.signature);
  });
});
