import { chmodSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { createAdapter } from '@socket.io/postgres-adapter';
import Fastify from 'fastify';
import {
  DEFAULT_MAX_DOCUMENT_BYTES,
  PROTOCOL_VERSION,
  SOCKET_MAX_MESSAGE_BYTES,
  type HealthResponse,
} from '../shared/protocol/index.js';
import { registerAuthRoutes } from './auth/auth-routes.js';
import { generatePassword } from './auth/passwords.js';
import { deleteExpiredSessions } from './auth/sessions.js';
import { DATABASE_FILE, openStore } from './db/open-store.js';
import type { PostgresStore } from './db/postgres-store.js';
import {
  FIRST_START_LOCK,
  readDemoAccounts,
  removeStaleDemoAccounts,
  seedDemo,
  type DemoAccount,
} from './demo/seed-demo.js';
import { MALFORMED_REQUEST_OPTIONS, refuseBodiesThatAreNotUtf8 } from './http/client-errors.js';
import { registerPkiRoutes } from './pki/pki-routes.js';
import { startTls } from './pki/tls-front.js';
import { openBlobStore } from './documents/open-blob-store.js';
import { publishDocumentNotices, type DocumentNotice } from './documents/document-notices.js';
import { registerDocumentRoutes } from './documents/document-routes.js';
import { publishAnnotationNotices } from './annotations/annotation-notices.js';
import { publishMessageNotices } from './messages/message-notices.js';
import { publishInvitationNotices } from './invitations/invitation-notices.js';
import { registerAnnotationRoutes } from './annotations/annotation-routes.js';
import { registerAssistantRoutes } from './assistant/assistant-routes.js';
import { warmMeeting } from './assistant/ask.js';
import { PassageIndex } from './assistant/passage-index.js';
import { publishMinutesNotice } from './minutes/minutes-notices.js';
import { registerMinutesRoutes } from './minutes/minutes-routes.js';
import { registerMinutesSigningRoutes } from './minutes/minutes-signing-routes.js';
import { recordSignedMinutes } from './minutes/signed-minutes-document.js';
import { installErrorHandler } from './http/http-errors.js';
import { installSecurityHeaders } from './http/security-headers.js';
import { registerWebUi } from './http/web-ui.js';
import { productVersion, webUiDir } from './project-files.js';
import { sessionRoom } from './realtime/rooms.js';
import { repeatEvery } from './realtime/repeat.js';
import { startSessionSweep } from './realtime/session-sweep.js';
import { attachMeetingHandlers, createSocketServer, changePublisher } from './realtime/socket-server.js';
import { COMMAND_HANDLERS } from './sync/command-handlers.js';
import { loadMeetingCa } from './pki/meeting-ca.js';
import { defaultKeyFile, keyFileModeWarning } from './pki/key-encryption.js';
import { issueResultsSigner } from './pki/issue-certificates.js';
import { SignatureServices, serverSignerOf } from './certificates/signature-services.js';
import { CertificateRevocationList } from './certificates/revocation-list.js';
import { registerCertificateRoutes } from './certificates/certificate-routes.js';
import { registerApprovalExportRoute } from './certificates/approval-export-route.js';
import { publishApprovalNotices } from './certificates/approval-notices.js';
import { CommandRunner } from './sync/command-runner.js';
import { insertUserAccount, prepareUserAccount } from './users/user-accounts.js';
import { registerUserRoutes } from './users/user-routes.js';
import { closeVoteAtDeadline } from './votes/close-at-deadline.js';
import { settleBallotBoxErasures } from './votes/ballot-box-erasure.js';
import { startDueVoteSweep } from './votes/due-vote-sweep.js';
import { VoteDeadlines } from './votes/vote-deadlines.js';
import { listOpenVotesWithDeadline } from './votes/vote-queries.js';
import { startBackupService } from './backup/backup-service.js';
import type { RunningServer, StartServerOptions } from './server-options.js';

export type { DemoAccount };
export type { RunningServer, StartServerOptions } from './server-options.js';

export { DATABASE_FILE };

/** Every certificate of a PEM text, DER. */
function pemCertificates(pem: string): Uint8Array[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g)].map(
    (m) => new Uint8Array(Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64')),
  );
}

/** Starts the meeting server: one port for HTTP and Socket.IO, one SQLite file or a PostgreSQL database. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  // Ballots, sessions and audit rows live here: nobody but the server's OS user may read them.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(options.dataDir, 0o700);
  const store = await openStore({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  const db = store.db;
  const now = () => new Date();
  const version = productVersion();
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    bodyLimit: SOCKET_MAX_MESSAGE_BYTES,
    // A stop cuts downloads in flight (clients resume them with Range) rather than waiting on them.
    forceCloseConnections: true,
    // Only the named proxies are believed: from anyone else X-Forwarded-For is a forgery.
    trustProxy: options.trustProxy?.length ? options.trustProxy : false,
    ...MALFORMED_REQUEST_OPTIONS,
  });
  installErrorHandler(app);
  installSecurityHeaders(app);
  refuseBodiesThatAreNotUtf8(app);

  const io = createSocketServer(app.server);
  // With PostgreSQL the nodes share the database, and broadcasts go to every node's sockets
  // through LISTEN/NOTIFY on it: no other service to run.
  const clustered = store.dialect === 'postgres';
  if (clustered && !options.trustProxy?.length) {
    app.log.warn(
      'On PostgreSQL (several nodes) without --trust-proxy (CABINET_TRUST_PROXY): behind a load balancer every ' +
        "client has the balancer's address, and the sign-in throttle counts them all as one (a few wrong " +
        'passwords lock a name out for everyone). Run the balancer in HTTP mode, have it set X-Forwarded-For, ' +
        'and give its addresses to --trust-proxy.',
    );
  }
  if (clustered) {
    io.adapter(
      createAdapter((store as PostgresStore).pool, {
        errorHandler: (err) => app.log.warn({ err }, 'Socket.IO adapter'),
      }),
    );
  }
  const closeAtDeadline = (meetingId: string, voteId: string) =>
    closeVoteAtDeadline(store, runner, app.log, meetingId, voteId);
  const deadlines = new VoteDeadlines(closeAtDeadline);
  const blobs = await openBlobStore(store, options.dataDir);
  const ca = await loadMeetingCa(store, {
    dataDir: options.dataDir,
    keyFile: options.caKeyFile,
    organization: options.caOrganization,
    now: now(),
  }).catch(async (error: unknown) => {
    io.close();
    await store.close();
    throw error;
  });
  const keyFileWarning = keyFileModeWarning(options.caKeyFile ?? defaultKeyFile(options.dataDir));
  if (keyFileWarning) app.log.warn(keyFileWarning);
  const host = options.host ?? '0.0.0.0';
  // HTTPS and WSS on the same port; plain HTTP only from loopback peers (server/pki/tls-front.ts).
  const tls = startTls(
    ca,
    app.server,
    { host, tls: options.tls, tlsNames: options.tlsNames, plainFrom: options.trustProxy },
    now(),
  );
  const resultsSigner = await issueResultsSigner(ca, hostname(), now());
  const signatures = new SignatureServices(
    ca,
    (options.trustedCaPems ?? []).flatMap(pemCertificates),
    await serverSignerOf({
      certificate: resultsSigner.certificateDer,
      chain: [ca.certificateDer],
      privateKey: resultsSigner.privateKey,
    }),
  );
  // The meeting assistant's passages on this node: built after an upload, in the background.
  const assistantIndex = new PassageIndex();
  const publishNotices = async (notices: DocumentNotice[]) => {
    if (notices.length === 0) return;
    await publishDocumentNotices(io, db, notices).catch((err: unknown) => app.log.warn({ err }, 'document notices'));
    for (const meetingId of new Set(notices.map((n) => n.meetingId)))
      void warmMeeting(store, assistantIndex, meetingId).catch((err: unknown) =>
        app.log.warn({ err }, 'building the assistant index'),
      );
  };
  const changes = changePublisher(io);
  const signedMinutes = { store, blobs: blobs.store, incomingDir: blobs.incomingDir, published: publishNotices };
  const runner = new CommandRunner(
    store,
    COMMAND_HANDLERS,
    {
      published: async (committed, accessChanged, meetingId, effect) => {
        changes.publish(committed, accessChanged, meetingId);
        deadlines.observe(committed);
        await publishNotices(effect.documentNotices ?? []);
        if (effect.approvalNotices?.length)
          await publishApprovalNotices(io, db, effect.approvalNotices).catch((err: unknown) =>
            app.log.warn({ err }, 'approval notices'),
          );
        if (effect.annotationNotices?.length)
          await publishAnnotationNotices(io, db, effect.annotationNotices).catch((err: unknown) =>
            app.log.warn({ err }, 'annotation notices'),
          );
        if (effect.minutesNotice)
          await publishMinutesNotice(io, db, effect.minutesNotice).catch((err: unknown) =>
            app.log.warn({ err }, 'minutes notice'),
          );
        if (effect.minutesSigned)
          await recordSignedMinutes(signedMinutes, effect.minutesSigned.meetingId).catch((err: unknown) =>
            app.log.error({ err }, 'recording the signed minutes as a document'),
          );
        if (effect.messageNotices?.length)
          await publishMessageNotices(io, db, effect.messageNotices).catch((err: unknown) =>
            app.log.warn({ err }, 'message notices'),
          );
        if (effect.invitationNotices?.length)
          await publishInvitationNotices(io, db, effect.invitationNotices).catch((err: unknown) =>
            app.log.warn({ err }, 'invitation notices'),
          );
        const discard = effect.discardBlobs;
        // A backup copying documents keeps them until it is done.
        if (discard?.length)
          backups.gate.afterBackups(() =>
            blobs.store.discard(discard).catch((err: unknown) => app.log.warn({ err }, 'discarding blobs')),
          );
      },
    },
    app.log,
    now,
    signatures,
  );
  for (const v of await listOpenVotesWithDeadline(db)) deadlines.schedule(v.meetingId, v.id, v.closesAt);
  const stopDueVotes = startDueVoteSweep(db, now, closeAtDeadline, options.dueVoteSweepMs);
  // PostgreSQL: sealed secret ballot boxes are erased in the background, by whichever node
  // gets there first (a node that died after a seal leaves its debt to the others).
  const stopErasure = clustered
    ? repeatEvery(
        1000,
        async () => {
          await settleBallotBoxErasures((store as PostgresStore).pool, app.log);
        },
        (err) => app.log.warn({ err }, 'erasing sealed ballot boxes'),
      )
    : () => undefined;
  const crl = new CertificateRevocationList(store, signatures.ca);
  const sockets = attachMeetingHandlers(io, {
    store,
    runner,
    logger: app.log,
    now,
    limits: options.socketLimits,
    clustered,
    certificatesRevoked: () => crl.invalidate(),
  });
  const stopSweep = startSessionSweep(io, db, now, options.sessionSweepMs);
  const backups = await startBackupService({
    store,
    dataDir: options.dataDir,
    log: app.log,
    now,
    schedule: options.backup,
  });

  app.get('/api/health', async (): Promise<HealthResponse> => ({
    status: 'ok',
    version,
    protocol: PROTOCOL_VERSION,
  }));
  registerAuthRoutes(app, {
    store,
    now,
    onLogout: (sessionId) => {
      sockets.forget({ sessionId });
      io.in(sessionRoom(sessionId)).disconnectSockets(true);
    },
    // Asked of every node: a tablet may be connected to another one.
    sessionInUse: (sessionId) => sockets.sessionInUse(sessionId),
  });
  registerUserRoutes(app, { store, now });
  registerPkiRoutes(app, { ca });
  registerDocumentRoutes(app, {
    store,
    blobs: blobs.store,
    incomingDir: blobs.incomingDir,
    maxBytes: options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    now,
    published: publishNotices,
    changed: (committed, meetingId) => changes.publish(committed, [], meetingId),
  });
  registerCertificateRoutes(app, { store, io, signatures, now, crl });
  registerApprovalExportRoute(app, { store, signatures, now });
  registerAnnotationRoutes(app, { store, blobs: blobs.store, now });
  registerAssistantRoutes(app, {
    store,
    now,
    asksPerMinute: options.assistantAsksPerMinute,
    index: assistantIndex,
  });
  registerMinutesRoutes(app, { store, now });
  registerMinutesSigningRoutes(app, { store, now });
  // Signed minutes a stop cut off before they became a document (minutes-signing.ts).
  await recordSignedMinutes(signedMinutes).catch((err: unknown) =>
    app.log.error({ err }, 'recording signed minutes left from an earlier run'),
  );
  await registerWebUi(app, webUiDir());

  const hasUsers = (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
  // With no users, an accounts file is what a start killed before its commit left behind.
  let demoAccounts = hasUsers ? readDemoAccounts(options.dataDir) : null;
  let firstAdminPassword: string | null = null;
  if (!hasUsers && options.seedDemo !== false) {
    demoAccounts = (await seedDemo(store, runner, options.dataDir, now())) ?? readDemoAccounts(options.dataDir);
  } else if (!hasUsers) {
    const password = generatePassword(18);
    const account = await prepareUserAccount({
      username: 'admin',
      displayName: 'Administrator',
      password,
      isAdmin: true,
    });
    // Several nodes may start on one empty PostgreSQL: one of them makes the admin.
    const made = await store.transaction(async (tx) => {
      await store.lockName(tx, FIRST_START_LOCK);
      if (await tx.selectFrom('users').select('id').limit(1).executeTakeFirst()) return false;
      removeStaleDemoAccounts(options.dataDir);
      await insertUserAccount(tx, account, now());
      // Shown before the commit: once the admin exists, no later start will show a password.
      options.onFirstAdminPassword?.(password);
      return true;
    });
    if (made) firstAdminPassword = password;
  }
  await deleteExpiredSessions(db, now());

  try {
    await app.listen({ port: options.port ?? 8080, host });
  } catch (error) {
    io.close();
    await backups.close();
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8080);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

  let closed = false;
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    tls: tls !== null,
    caFingerprint: ca.fingerprintDisplay,
    caCertificatePem: ca.certificatePem,
    demoAccounts,
    firstAdminPassword,
    store,
    io,
    backups,
    async close() {
      if (closed) return;
      closed = true;
      await backups.close();
      deadlines.stop();
      stopDueVotes();
      stopErasure();
      stopSweep();
      changes.close();
      // Closing the transports (not a Socket.IO "disconnect") lets clients reconnect by themselves.
      // Socket.IO then closes the HTTP server, which would wait for every connection to end: a
      // download or upload in flight would hold the stop. Fastify's close cuts them (clients
      // resume downloads with Range), and only then is the HTTP server's close awaited.
      const transportsClosed = new Promise<void>((resolve) => io.close(() => resolve()));
      app.server.closeAllConnections();
      await app.close().catch(() => undefined);
      await transportsClosed;
      await store.close();
    },
  };
}
