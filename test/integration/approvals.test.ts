import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Approval,
  ApprovalList,
  ApprovalRecorded,
  DocumentInfo,
  SignedRecord,
} from '../../shared/protocol/index.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import {
  ask,
  collect,
  startHarness,
  syncAll,
  waitFor,
  type Harness,
  type TestSocket,
} from '../support/server-harness.js';
import { enrollDevice, signedApproval, type SigningDevice } from '../support/signing-device.js';
import { opensslAcceptsCms } from '../support/test-pki.js';

/**
 * A delegate's device enrols and signs approvals through the real server: each approval is
 * checked, recorded, shown to those who may see the paper, exported as a record the server
 * signs, and every signature in it passes OpenSSL's own CMS verifier (with -cades).
 */
let h: Harness;
let secretary: { socket: TestSocket; token: string };
let delegate: { socket: TestSocket; token: string; id: string };
let device: SigningDevice;
let meetingId: string;
let paper: DocumentInfo;
let work: string;

beforeAll(async () => {
  h = await startHarness();
  work = mkdtempSync(join(tmpdir(), 'cabinet-approvals-'));
  const s = await h.connect('thuky');
  secretary = { socket: s.socket, token: s.login.token };
  const d = await h.connect('daibieu1');
  delegate = { socket: d.socket, token: d.login.token, id: d.login.user.id };
  meetingId = (await syncAll(secretary.socket)).meetings[0]!.id;
  await syncAll(delegate.socket);
  paper = await mustUpload(h.server.url, secretary.token, meetingId, await makePdf({ pages: ['Tờ trình phê duyệt'] }), {
    title: 'Tờ trình số 12',
  });
  device = await enrollDevice(h.server.url, secretary.token, { id: delegate.id, token: delegate.token });
});
afterAll(async () => {
  await h?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
});

const opensslVerifies = (content: string, signatureB64: string, caPem: string, cades: boolean) =>
  opensslAcceptsCms(work, content, signatureB64, caPem, cades ? ['-cades'] : []);

describe('signed approvals', () => {
  it('records a verified approval and tells those who may see the paper', async () => {
    const heard = collect<ApprovalRecorded>(secretary.socket, 'approval:recorded');
    const { payload } = await signedApproval(paper, delegate.id, device.signer);
    const answer = await ask(delegate.socket, 'document:approve', payload);
    expect(answer.ok).toBe(true);
    await waitFor(() => heard.length === 1, 5000, 'approval:recorded at the secretary');
    const approval = heard[0]!.approval;
    expect(approval).toMatchObject({
      documentId: paper.id,
      version: 1,
      sha256: paper.sha256,
      decision: 'approve',
      verification: 'verified',
      signer: { id: delegate.id },
      certificate: { fingerprint: device.fingerprint, outside: false, deviceName: 'Máy tính bảng thử' },
    });
    const list = await ask<ApprovalList>(secretary.socket, 'approval:list', { meetingId });
    expect(list.ok && list.data.approvals.map((a) => a.id)).toEqual([approval.id]);
  });

  it('records a rejection with its reason, and refuses a rejection without one', async () => {
    const bare = await signedApproval(paper, delegate.id, device.signer, { decision: 'reject' });
    const refused = await ask(delegate.socket, 'document:approve', bare.payload);
    expect(refused.ok ? 'accepted' : refused.error.code).toBe('VALIDATION_FAILED');
    const { payload } = await signedApproval(paper, delegate.id, device.signer, {
      decision: 'reject',
      reason: 'Số liệu mục 3 chưa khớp với báo cáo tài chính',
    });
    const answer = await ask(delegate.socket, 'document:approve', payload);
    expect(answer.ok).toBe(true);
    const list = await ask<ApprovalList>(delegate.socket, 'approval:list', { meetingId });
    const last = list.ok ? list.data.approvals.at(-1) : undefined;
    expect(last).toMatchObject({ decision: 'reject', reason: 'Số liệu mục 3 chưa khớp với báo cáo tài chính' });
  });

  it('exports a record the server signs, whose every signature OpenSSL accepts as CAdES', async () => {
    const res = await fetch(`${h.server.url}/api/meetings/${meetingId}/approvals/export`, {
      headers: { authorization: `Bearer ${secretary.token}` },
    });
    expect(res.status).toBe(200);
    const exported = (await res.json()) as SignedRecord;
    expect(opensslVerifies(exported.record, exported.signature, exported.caCertificate, true)).toBe(true);
    // One character of the record changed: the server's signature no longer holds.
    const forged = exported.record.replace('"approve"', '"reject "');
    expect(opensslVerifies(forged, exported.signature, exported.caCertificate, false)).toBe(false);
    const record = JSON.parse(exported.record) as {
      approvals: (Approval & { statement: string; signature: string })[];
    };
    expect(record.approvals).toHaveLength(2);
    for (const a of record.approvals) {
      expect(opensslVerifies(a.statement, a.signature, exported.caCertificate, true)).toBe(true);
      const statement = JSON.parse(a.statement) as { documentId: string; sha256: string; signerId: string };
      expect(statement).toMatchObject({ documentId: paper.id, sha256: paper.sha256, signerId: delegate.id });
    }
    // A delegate may see the approvals but not export the meeting's record.
    const forbidden = await fetch(`${h.server.url}/api/meetings/${meetingId}/approvals/export`, {
      headers: { authorization: `Bearer ${delegate.token}` },
    });
    expect(forbidden.status).toBe(403);
  });

  it('keeps a restricted paper and its approvals from those outside its list', async () => {
    const restricted = await mustUpload(h.server.url, secretary.token, meetingId, await makePdf({ pages: ['Mật'] }), {
      title: 'Hồ sơ nhân sự',
      visibleTo: { users: [delegate.id], roles: [] },
    });
    const other = await h.connect('daibieu2');
    await syncAll(other.socket);
    const heardByOther = collect<ApprovalRecorded>(other.socket, 'approval:recorded');
    const heardBySecretary = collect<ApprovalRecorded>(secretary.socket, 'approval:recorded');
    const { payload } = await signedApproval(restricted, delegate.id, device.signer);
    expect((await ask(delegate.socket, 'document:approve', payload)).ok).toBe(true);
    await waitFor(() => heardBySecretary.length === 1, 5000, 'the secretary hears of it');
    await new Promise((r) => setTimeout(r, 200));
    expect(heardByOther).toHaveLength(0);
    const list = await ask<ApprovalList>(other.socket, 'approval:list', { meetingId });
    expect(list.ok && list.data.approvals.some((a) => a.documentId === restricted.id)).toBe(false);
    // Someone outside the list cannot approve it either: it does not exist for them.
    const answer = await ask(other.socket, 'document:approve', { ...payload, commandId: crypto.randomUUID() });
    expect(answer.ok ? 'accepted' : answer.error.code).toBe('NOT_FOUND');
  });
});
