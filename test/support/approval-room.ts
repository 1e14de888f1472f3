import { afterAll, beforeAll } from 'vitest';
import type { ApprovalList, DocumentInfo, ErrorCode } from '../../shared/protocol/index.js';
import { mustUpload, type UploadOptions } from './document-http.js';
import { makePdf } from './pdf-fixtures.js';
import { ask, startHarness, syncAll, type Harness, type TestSocket } from './server-harness.js';
import { enrollDevice, type SigningDevice } from './signing-device.js';

/** A delegate signed in on a socket of their own, synced: who sends approvals. */
export interface Approver {
  socket: TestSocket;
  token: string;
  id: string;
}

export async function approver(h: Pick<Harness, 'connect'>, username: string): Promise<Approver> {
  const c = await h.connect(username);
  await syncAll(c.socket);
  return { socket: c.socket, token: c.login.token, id: c.login.user.id };
}

/** What the server makes of an approval: 'accepted', or its refusal's code. */
export async function approvalVerdict(socket: TestSocket, payload: unknown): Promise<ErrorCode | 'accepted'> {
  const answer = await ask(socket, 'document:approve', payload);
  return answer.ok ? 'accepted' : answer.error.code;
}

/** The meeting's approvals as the socket's user is shown them. */
export async function approvalsSeen(socket: TestSocket, meetingId: string) {
  const list = await ask<ApprovalList>(socket, 'approval:list', { meetingId });
  if (!list.ok) throw new Error(list.error.code);
  return list.data.approvals;
}

export interface ApprovalRoom {
  h: Harness;
  secretaryToken: string;
  adminToken: string;
  d1: Approver;
  d2: Approver;
  /** The delegates asked for besides d1 and d2, in the order asked. */
  others: Approver[];
  meetingId: string;
  /** A paper of the demo meeting, uploaded by the secretary, to approve. */
  paper: DocumentInfo;
  /** d1's device, enrolled by the secretary. */
  device1: SigningDevice;
  /** d2's device, enrolled by the admin. */
  device2: SigningDevice;
}

/**
 * One server for the whole file (a sign-in costs a password hash, an enrolment a key), with
 * two delegates whose devices are enrolled and a paper for them to approve, handed to
 * `seated`; `others` sign in too.
 */
export function approvalRoomForFile(
  paperOptions: UploadOptions,
  seated: (room: ApprovalRoom) => void,
  others: string[] = [],
): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness();
    const started = h;
    const secretaryToken = (await started.login('thuky')).token;
    const adminToken = (await started.login('admin')).token;
    const d1 = await approver(started, 'daibieu1');
    const d2 = await approver(started, 'daibieu2');
    const signedIn: Approver[] = [];
    for (const username of others) signedIn.push(await approver(started, username));
    const meetingId = (await syncAll(d1.socket)).meetings[0]!.id;
    const pdf = await makePdf({ pages: ['Nghị quyết'] });
    const paper = await mustUpload(started.server.url, secretaryToken, meetingId, pdf, paperOptions);
    const device1 = await enrollDevice(started.server.url, secretaryToken, d1);
    const device2 = await enrollDevice(started.server.url, adminToken, d2);
    seated({ h: started, secretaryToken, adminToken, d1, d2, others: signedIn, meetingId, paper, device1, device2 });
  });
  afterAll(async () => {
    await h?.cleanup();
  });
}
