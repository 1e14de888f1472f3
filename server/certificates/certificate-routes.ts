import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import {
  CreateEnrollmentCodeRequestSchema,
  EnrollRequestSchema,
  RegisterOutsideCertificateRequestSchema,
  RevokeCertificateRequestSchema,
  protocolError,
  validationError,
} from '../../shared/protocol/index.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Db } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { authenticate, sendCode, sendError } from '../http/http-errors.js';
import { CertificateRequestError, issueDeviceCertificate } from '../pki/issue-certificates.js';
import { userRoom } from '../realtime/rooms.js';
import type { MeetingSocketServer } from '../realtime/socket-server.js';
import { findUserById } from '../users/user-queries.js';
import {
  findCertificateByFingerprint,
  insertCertificate,
  listCertificates,
  publicCertificate,
} from './certificate-records.js';
import { CertificateRevocationList } from './revocation-list.js';
import {
  ENROLLMENT_CODE_LIFETIME_MS,
  EnrollmentGuesses,
  enrollmentCodeHash,
  newEnrollmentCode,
  enrollmentCodeUsable,
  redeemEnrollmentCode,
} from './enrollment-codes.js';
import { registerOutsideCertificate } from './outside-identities.js';
import type { SignatureServices } from './signature-services.js';

/** Unused, unexpired codes one person may have waiting at once. */
const MAX_WAITING_CODES = 10;

export interface CertificateRouteDeps {
  store: Store;
  io: MeetingSocketServer;
  signatures: SignatureServices;
  now: () => Date;
  /** The address devices reach the web UI at, for the enrolment link (the request's own origin when absent). */
  publicUrl?: string | undefined;
  /** Shared with the socket layer, which revokes a device's certificates too. */
  crl?: CertificateRevocationList;
}

/** Whether the actor may hand out a code for this person: an admin, or a secretary of a meeting they share. */
async function mayHandOutCode(store: Store, actor: { id: string; isAdmin: boolean }, userId: string): Promise<boolean> {
  if (actor.isAdmin) return true;
  const shared = await store.db
    .selectFrom('participants as mine')
    .innerJoin('participants as theirs', 'theirs.meeting_id', 'mine.meeting_id')
    .select('mine.meeting_id')
    .where('mine.user_id', '=', actor.id)
    .where('mine.role', '=', 'secretary')
    .where('theirs.user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return shared !== undefined;
}

export function registerCertificateRoutes(app: FastifyInstance, deps: CertificateRouteDeps): void {
  const { store, signatures, now } = deps;
  const ca = signatures.ca;
  const guesses = new EnrollmentGuesses();
  const crl = deps.crl ?? new CertificateRevocationList(store, ca);

  app.get('/api/pki/crl', async (_request, reply) => {
    const der = await crl.current(now());
    return reply.type('application/pkix-crl').header('cache-control', 'no-cache').send(Buffer.from(der));
  });

  app.post('/api/pki/enrollment-codes', async (request, reply) => {
    const auth = await authenticate(store.db, request, reply, now());
    if (!auth) return reply;
    const parsed = CreateEnrollmentCodeRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, validationError(parsed.error));
    const holder = await findUserById(store.db, parsed.data.userId);
    if (!(await mayHandOutCode(store, auth.user, parsed.data.userId))) return sendCode(reply, 'FORBIDDEN');
    if (!holder || holder.disabled) return sendCode(reply, 'NOT_FOUND');
    const at = now();
    const waiting = await store.db
      .selectFrom('enrollment_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', holder.id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at.toISOString())
      .executeTakeFirstOrThrow();
    // A person enrols a few devices; codes piling up unused are a script, not a person.
    if (Number(waiting.n) >= MAX_WAITING_CODES) return sendCode(reply, 'RATE_LIMITED');
    const code = newEnrollmentCode();
    const expiresAt = new Date(at.getTime() + ENROLLMENT_CODE_LIFETIME_MS).toISOString();
    await store.transaction(async (tx) => {
      await tx
        .insertInto('enrollment_codes')
        .values({
          code_hash: enrollmentCodeHash(code),
          user_id: holder.id,
          created_by: auth.user.id,
          created_at: at.toISOString(),
          expires_at: expiresAt,
          used_at: null,
          certificate_serial: null,
        })
        .execute();
      await appendAudit(tx, store, {
        at: at.toISOString(),
        actorId: auth.user.id,
        action: 'enrollment-code:create',
        meetingId: null,
        detail: { userId: holder.id, expiresAt },
      });
    });
    const origin = deps.publicUrl ?? `${request.protocol}://${request.headers.host ?? request.hostname}`;
    const link = `${origin}/#/enroll?code=${encodeURIComponent(code)}&ca=${ca.fingerprint}`;
    return reply.code(201).send({
      code,
      userId: holder.id,
      displayName: holder.displayName,
      expiresAt,
      caFingerprint: ca.fingerprint,
      link,
    });
  });

  app.post('/api/pki/enroll', async (request, reply) => {
    const auth = await authenticate(store.db, request, reply, now());
    if (!auth) return reply;
    const parsed = EnrollRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, validationError(parsed.error));
    const at = now();
    const attempt = guesses.begin(auth.user.id, at);
    if (attempt === null) return sendCode(reply, 'RATE_LIMITED');
    // The code first: the CA signs nothing for someone who holds no code.
    if (!(await enrollmentCodeUsable(store.db, parsed.data.code, auth.user.id, at)))
      return sendCode(reply, 'ENROLLMENT_CODE_INVALID');
    // The device the session was signed in from, so revoking that device revokes this too.
    const deviceId = auth.session.deviceId ?? uuidv7();
    let issued;
    try {
      issued = issueDeviceCertificate(
        ca,
        Buffer.from(parsed.data.csr, 'base64'),
        { userId: auth.user.id, deviceId, displayName: auth.user.displayName },
        at,
      );
    } catch (error) {
      if (error instanceof CertificateRequestError)
        return sendError(reply, protocolError('CSR_INVALID', [{ path: 'csr', message: error.message }]));
      throw error;
    }
    const row = {
      serial: issued.serialHex,
      fingerprint: issued.fingerprint,
      user_id: auth.user.id,
      device_id: deviceId,
      device_name: parsed.data.deviceName,
      common_name: auth.user.displayName,
      issuer_name: ca.forgeCertificate.subject.getField('CN')?.value ?? 'Meeting CA',
      outside: 0,
      certificate_pem: issued.pem,
      not_before: issued.notBefore.toISOString(),
      not_after: issued.notAfter.toISOString(),
      issued_at: at.toISOString(),
      revoked_at: null,
      revoked_by: null,
      revocation_reason: null,
    };
    const redeemed = await store.transaction(async (tx) => {
      // A revocation of the device (or a sign-out) that committed since the session was read
      // must not leave a fresh certificate behind: both are checked again here, the device's
      // row locked on PostgreSQL so that a revocation under way is waited for.
      if (await deviceRevokedSince(tx, store.dialect, auth.session.deviceId)) return 'revoked';
      const session = await tx.selectFrom('sessions').select('id').where('id', '=', auth.session.id).executeTakeFirst();
      if (!session) return 'revoked';
      if (!(await redeemEnrollmentCode(tx, parsed.data.code, auth.user.id, at, issued.serialHex))) return false;
      await insertCertificate(tx, row);
      await appendAudit(tx, store, {
        at: at.toISOString(),
        actorId: auth.user.id,
        action: 'certificate:issue',
        meetingId: null,
        detail: { serial: issued.serialHex, fingerprint: issued.fingerprint, deviceId, deviceName: row.device_name },
      });
      return true;
    });
    if (redeemed === 'revoked') return sendCode(reply, 'UNAUTHENTICATED');
    if (!redeemed) return sendCode(reply, 'ENROLLMENT_CODE_INVALID');
    guesses.forgive(auth.user.id, attempt);
    return reply
      .code(201)
      .send({ certificate: issued.pem, caCertificate: ca.certificatePem, info: publicCertificate(row) });
  });

  app.get('/api/pki/certificates', async (request, reply) => {
    const auth = await authenticate(store.db, request, reply, now());
    if (!auth) return reply;
    const rows = await listCertificates(store.db, auth.user.isAdmin ? undefined : auth.user.id);
    return { certificates: rows.map(publicCertificate) };
  });

  app.post<{ Params: { fingerprint: string } }>('/api/pki/certificates/:fingerprint/revoke', async (request, reply) => {
    const auth = await authenticate(store.db, request, reply, now());
    if (!auth) return reply;
    if (!auth.user.isAdmin) return sendCode(reply, 'FORBIDDEN');
    const parsed = RevokeCertificateRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, validationError(parsed.error));
    const at = now().toISOString();
    const outcome = await store.transaction(async (tx) => {
      const row = await findCertificateByFingerprint(tx, request.params.fingerprint.toLowerCase());
      if (!row) return 'NOT_FOUND' as const;
      if (row.revoked_at !== null) return 'CONFLICT' as const;
      await tx
        .updateTable('certificates')
        .set({ revoked_at: at, revoked_by: auth.user.id, revocation_reason: parsed.data.reason })
        .where('fingerprint', '=', row.fingerprint)
        .execute();
      await appendAudit(tx, store, {
        at,
        actorId: auth.user.id,
        action: 'certificate:revoke',
        meetingId: null,
        detail: { serial: row.serial, fingerprint: row.fingerprint, userId: row.user_id, reason: parsed.data.reason },
      });
      return { ...row, revoked_at: at, revoked_by: auth.user.id, revocation_reason: parsed.data.reason };
    });
    if (typeof outcome === 'string') return sendCode(reply, outcome);
    crl.invalidate();
    // The holder's connected devices sync again, and on it ask after their certificate.
    deps.io.to(userRoom(outcome.user_id)).emit('session:refresh', { reason: 'access-changed' });
    return publicCertificate(outcome);
  });

  app.post('/api/pki/outside-certificates', async (request, reply) => {
    const auth = await authenticate(store.db, request, reply, now());
    if (!auth) return reply;
    const parsed = RegisterOutsideCertificateRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, validationError(parsed.error));
    const answer = await registerOutsideCertificate(store, signatures, auth.user, parsed.data, now());
    if (!answer.ok) return sendError(reply, protocolError(answer.code));
    return reply.code(201).send(answer.certificate);
  });
}

async function deviceRevokedSince(tx: Db, dialect: Store['dialect'], deviceId: string | null): Promise<boolean> {
  if (deviceId === null) return false;
  let query = tx.selectFrom('devices').select('revoked_at').where('id', '=', deviceId);
  if (dialect === 'postgres') query = query.forUpdate();
  const rows = await query.execute();
  return rows.some((r) => r.revoked_at !== null);
}
