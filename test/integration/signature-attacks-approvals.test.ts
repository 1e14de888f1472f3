import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { ApprovalRecorded, DocumentInfo } from '../../shared/protocol/index.js';
import { approvalRoomForFile, approvalsSeen, approvalVerdict, type Approver } from '../support/approval-room.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { withEmbeddedContent, withTwoSigners } from '../support/cms-tamper.js';
import { ask, collect, type Harness, type TestSocket } from '../support/server-harness.js';
import { signedApproval, type SigningDevice } from '../support/signing-device.js';
import { statementBytes } from '../../shared/domain/index.js';

/**
 * Forged, borrowed and bent approvals through the real server: each is refused with nothing
 * recorded, and a restricted paper's approvals reach nobody outside its list.
 */
let h: Harness;
let secretaryToken: string;
let d1: Approver;
let d2: Approver;
let d3: Approver;
let device1: SigningDevice;
let device2: SigningDevice;
let meetingId: string;
let paper: DocumentInfo;
approvalRoomForFile(
  { title: 'Nghị quyết "số 7" \\ về ngân sách\u2028dòng hai' },
  (room) => {
    ({ h, secretaryToken, d1, d2, device1, device2, meetingId, paper } = room);
    d3 = room.others[0]!;
  },
  ['daibieu3'],
);

const verdict = approvalVerdict;
const approvalsOf = (socket: TestSocket) => approvalsSeen(socket, meetingId);

describe('forged approvals', () => {
  it('a CMS with two signer infos is refused, even when both are the same good signature', async () => {
    const { payload } = await signedApproval(paper, d1.id, device1.signer);
    expect(await verdict(d1.socket, { ...payload, signature: withTwoSigners(payload.signature) })).toBe(
      'SIGNATURE_INVALID',
    );
    // d1's good signature beside d2's signature of the same paper: still one signature too many.
    const other = await signedApproval(paper, d2.id, device2.signer);
    expect(
      await verdict(d1.socket, { ...payload, signature: withTwoSigners(payload.signature, other.payload.signature) }),
    ).toBe('SIGNATURE_INVALID');
    expect(await approvalsOf(d1.socket)).toHaveLength(0);
  });

  it('a CMS that embeds the statement as well is refused (only detached signatures)', async () => {
    const { payload, statement } = await signedApproval(paper, d1.id, device1.signer);
    const attached = withEmbeddedContent(payload.signature, statementBytes(statement));
    expect(await verdict(d1.socket, { ...payload, signature: attached })).toBe('SIGNATURE_INVALID');
  });

  it("d1 cannot sign for d2 with d1's key, nor send d2's signature as d1", async () => {
    // Signed by d1's key over a statement naming d2 as the signer, sent by d2.
    const asOther = await signedApproval(paper, d2.id, device1.signer);
    expect(await verdict(d2.socket, asOther.payload)).toBe('CERTIFICATE_NOT_YOURS');
    // The same, sent by d1: the server rebuilds the statement with d1 as signer.
    expect(await verdict(d1.socket, { ...asOther.payload, commandId: uuidv7() })).toBe('SIGNATURE_INVALID');
    // d2's own good signature, sent over d1's socket.
    const stolen = await signedApproval(paper, d2.id, device2.signer);
    expect(await verdict(d1.socket, stolen.payload)).toBe('SIGNATURE_INVALID');
    expect(await approvalsOf(d1.socket)).toHaveLength(0);
  });

  it('the title with quotes, backslashes and U+2028 is rebuilt byte for byte (an honest signature passes)', async () => {
    const { payload, statement } = await signedApproval(paper, d1.id, device1.signer);
    expect(statement).toContain('\\"số 7\\"');
    expect(await verdict(d1.socket, payload)).toBe('accepted');
  });

  it('a reason is never silently changed under a signature: control characters are refused outright', async () => {
    for (const reason of ['Không\u0000đồng ý', 'Không\u001bđồng ý', 'x'.repeat(1001)]) {
      const { payload } = await signedApproval(paper, d1.id, device1.signer, { decision: 'reject', reason });
      expect(await verdict(d1.socket, payload), JSON.stringify(reason.slice(0, 20))).toBe('VALIDATION_FAILED');
    }
    // A reason the schema trims is no longer what was signed: refused, not recorded as something else.
    const padded = await signedApproval(paper, d1.id, device1.signer, { decision: 'reject', reason: ' Sai số liệu ' });
    expect(await verdict(d1.socket, padded.payload)).toBe('SIGNATURE_INVALID');
    // NFD and NFC of the same words are different statements: the one signed is the one recorded.
    const nfd = 'Sai số liệu'.normalize('NFD');
    const signed = await signedApproval(paper, d1.id, device1.signer, { decision: 'reject', reason: nfd });
    expect(await verdict(d1.socket, signed.payload)).toBe('accepted');
    const recorded = (await approvalsOf(d1.socket)).at(-1)!;
    expect(recorded.reason).toBe(nfd);
  });

  it('an approval by someone who may not see the paper is NOT_FOUND, and its approvals reach only its list', async () => {
    const restricted = await mustUpload(h.server.url, secretaryToken, meetingId, await makePdf({ pages: ['Mật'] }), {
      title: 'Hồ sơ mật',
      visibleTo: { users: [d2.id], roles: [] },
    });
    const heardBy1 = collect<ApprovalRecorded>(d1.socket, 'approval:recorded');
    const heardBy3 = collect<ApprovalRecorded>(d3.socket, 'approval:recorded');
    // d1 has a certificate and guesses the paper's id and hash: NOT_FOUND, like a paper that does not exist.
    const guessed = await signedApproval(restricted, d1.id, device1.signer);
    expect(await verdict(d1.socket, guessed.payload)).toBe('NOT_FOUND');
    const { payload } = await signedApproval(restricted, d2.id, device2.signer);
    expect(await verdict(d2.socket, payload)).toBe('accepted');
    await new Promise((r) => setTimeout(r, 300));
    expect(heardBy1.filter((e) => e.approval.documentId === restricted.id)).toHaveLength(0);
    expect(heardBy3.filter((e) => e.approval.documentId === restricted.id)).toHaveLength(0);
    expect((await approvalsOf(d1.socket)).some((a) => a.documentId === restricted.id)).toBe(false);
    expect((await approvalsOf(d2.socket)).some((a) => a.documentId === restricted.id)).toBe(true);
    // A delegate cannot export, a listed or not.
    const res = await fetch(`${h.server.url}/api/meetings/${meetingId}/approvals/export`, {
      headers: { authorization: `Bearer ${d1.token}` },
    });
    expect(res.status).toBe(403);
    // Another person's certificate status is not theirs to learn.
    const status = await ask<{ status: string }>(d1.socket, 'certificate:status', { fingerprint: device2.fingerprint });
    expect(status.ok && status.data.status).toBe('unknown');
  });

  it('an approval of a stale version or a paper of another meeting is refused', async () => {
    const { payload } = await signedApproval(paper, d1.id, device1.signer);
    expect(await verdict(d1.socket, { ...payload, version: 2 })).toBe('STALE_DOCUMENT_VERSION');
    expect(await verdict(d1.socket, { ...payload, meetingId: uuidv7() })).not.toBe('accepted');
  });

  it('a flood of approvals with 24 KB signatures is answered and refused, each within the event budget; the server stays up', async () => {
    const { payload } = await signedApproval(paper, d3.id, device1.signer);
    const junk = Buffer.alloc(17_900, 0x30).toString('base64');
    expect(junk.length).toBeLessThanOrEqual(24_000);
    const began = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 400 }, () =>
        ask(d3.socket, 'document:approve', { ...payload, commandId: uuidv7(), signature: junk }, 15_000).catch(
          () => null,
        ),
      ),
    );
    const codes = answers.map((a) => (a === null ? 'timeout' : a.ok ? 'accepted' : a.error.code));
    expect(codes).not.toContain('accepted');
    // 300 at once and 150 a second after that (EVENT_BUDGET): each answered, quickly, refused.
    expect(
      codes.every((c) => c === 'SIGNATURE_INVALID' || c === 'RATE_LIMITED'),
      [...new Set(codes)].join(),
    ).toBe(true);
    expect(Date.now() - began).toBeLessThan(15_000);
    expect((await fetch(`${h.server.url}/api/health`)).status).toBe(200);
  }, 40_000);
});
