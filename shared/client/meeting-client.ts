import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import { uuidv7 } from 'uuidv7';
import {
  RETRYABLE_ERRORS,
  protocolError,
  type Ack,
  type ChangeBatch,
  type CommandName,
  type CommandReceipt,
  type DeviceClaim,
  type DevicePlatform,
  type DocumentInfo,
  type MeetingUpdate,
  type PersonImportResult,
  type RequestName,
  type RequestPayload,
  type RequestResult,
  type User,
} from '../protocol/index.js';
import { ApprovalSync } from './approval-sync.js';
import { AnnotationSync } from './annotation-sync.js';
import { MessageSync, isMessageCommand } from './message-sync.js';
import { InvitationSync } from './invitation-sync.js';
import type {
  AnnotatedExport,
  AnnotatedExportInput,
  ClientApi,
  ClientState,
  CommandInput,
  DocumentSource,
  LoginInput,
  MinutesExport,
  MinutesFormat,
  PeopleImportInput,
  UploadInput,
} from './api.js';
import { fetchAnnotatedExport } from './annotation-export.js';
import { fetchMinutesExport } from './minutes-export.js';
import { applyChanges, applySync, applyUpdate } from './apply-change.js';
import { ballotKeyFor, forgetSpentBallotKeys } from './ballot-keys.js';
import { CatchUps } from './catch-up.js';
import type { DocumentPlatform } from './document-platform.js';
import { DocumentSync } from './document-sync.js';
import { OutboxSender, RETRY_FIRST_MS, refusalOf } from './outbox-sender.js';
import { pause } from './pause.js';
import type { HttpFetch } from './http.js';
import { requestLogin, requestLogout } from './session-http.js';
import { SIGNED_OUT, storedSessionState } from './session-state.js';
import { SocketLink } from './socket-link.js';
import type { ClientStore, MeetingState, OutboxEntry, StoredSession } from './store.js';
import { DocumentUploads } from './upload.js';
import type { SigningPlatform } from './identity-vault.js';
import { DeviceSigning } from './signing.js';
import { clockOffset } from './server-clock.js';
import { SigningFacade } from './signing-facade.js';

export interface MeetingClientOptions {
  store: ClientStore;
  fetch: HttpFetch;
  /** How long to wait for an acknowledgement before treating the link as lost. */
  ackTimeoutMs?: number;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  now?: () => Date;
  /**
   * Moves and keeps documents' bytes (see document-platform.ts). Without it the core still
   * keeps the lists, and the reader loads documents from the server by URL.
   */
  documents?: DocumentPlatform;
  /** Keeps this device's signing identities (identity-vault.ts). Without it the device cannot sign. */
  signing?: SigningPlatform;
  /** How this device is named to the server (devices.ts); its id is the store's. */
  device?: { name: string; platform: DevicePlatform };
}

const MAX_REJECTED_KEPT = 20;

/**
 * The client core: session, sync engine and outbox. It keeps the meetings the user may see
 * in step with the server through the change log, and queues commands while offline.
 */
export class MeetingClient extends SigningFacade implements ClientApi {
  private readonly store: ClientStore;
  private readonly http: HttpFetch;
  private readonly ackTimeoutMs: number;
  private readonly now: () => Date;
  private state: ClientState;
  private readonly listeners = new Set<(state: ClientState) => void>();
  private readonly link: SocketLink;
  private readonly documents: DocumentSync;
  private readonly uploads: DocumentUploads;
  protected readonly signing: DeviceSigning;
  private readonly approvals: ApprovalSync;
  private readonly annotations: AnnotationSync;
  private readonly messages: MessageSync;
  private readonly invitations: InvitationSync;
  private readonly waiters = new Map<string, (answer: Ack<CommandReceipt>) => void>();
  private readonly catchUps = new CatchUps((meetingId) => this.catchUpOnce(meetingId));
  private synced = false;
  private readonly outbox: OutboxSender;
  private resyncWanted = false;
  private syncing = false;
  /** Who was signed in last, also after the session expired (the store keeps their data). */
  private lastUser: User | null;
  private readonly device: { name: string; platform: DevicePlatform };

  constructor(options: MeetingClientOptions) {
    super();
    this.device = {
      name: options.device?.name.trim().slice(0, 100) || 'Device',
      platform: options.device?.platform ?? 'browser',
    };
    this.store = options.store;
    this.http = options.fetch;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.now = options.now ?? (() => new Date());
    this.link = new SocketLink(
      { ackTimeoutMs: this.ackTimeoutMs, socketOptions: options.socketOptions ?? {} },
      {
        connected: () => {
          this.synced = false;
          void this.sync().then(() => this.flush());
        },
        dropped: () => (this.synced = false),
        offline: () => this.update({ connection: 'offline' }),
        unauthenticated: () => this.sessionExpired(),
        deviceRevoked: (revokedAt) => void this.deviceRevoked(revokedAt),
        changes: (batch) => this.onChanges(batch),
        documentChanged: (change) => {
          this.documents.onChanged(change);
          this.annotations.documentsGone(change.removed.map((r) => r.id));
        },
        approvalRecorded: (event) => this.approvals.recorded(event),
        annotationChanged: (event) => this.annotations.changed(event),
        messageChanged: (event) => this.messages.changed(event),
        invitationChanged: (event) => this.invitations.changed(event),
        minutesChanged: (event) =>
          this.update({ minutesChanged: { ...this.state.minutesChanged, [event.meetingId]: event } }),
        refresh: () => void this.sync(),
      },
    );
    const host = {
      state: () => this.state,
      update: (patch: Partial<ClientState>) => this.update(patch),
      session: () => this.store.loadSession(),
      ...{ http: this.http, now: this.now, emit: <T>(n: string, p: unknown) => this.link.emit<T>(n, p) },
    };
    this.documents = new DocumentSync(
      this.store,
      { ...host, request: (n, p) => this.link.emit(n, p) },
      options.documents ?? null,
    );
    this.uploads = new DocumentUploads(
      { ...host, uploaded: (d: DocumentInfo) => this.documents.uploaded(d) },
      options.documents?.transport ?? null,
    );
    const signingHost = { ...host, connected: () => this.link.connected, signOut: () => this.logout() };
    this.signing = new DeviceSigning(signingHost, options.signing ?? null);
    this.approvals = new ApprovalSync(host);
    this.annotations = new AnnotationSync(this.store, host);
    this.messages = new MessageSync({ ...host, outbox: () => this.store.listOutbox() });
    this.invitations = new InvitationSync(host);
    this.outbox = new OutboxSender(this.store, {
      connected: () => this.link.connected,
      emit: (name, payload) => this.link.emit<CommandReceipt>(name, payload),
      settled: (entry, answer) => this.settled(entry, answer),
    });
    this.state = {
      ...storedSessionState(this.store),
      ...this.documents.initialState(),
      ...this.signing.initialState(),
      annotations: {},
      messages: {},
    };
    this.lastUser = this.state.user;
    this.annotations.refresh();
    this.documents.plan();
    if (this.state.user) void this.signing.loadIdentity();
  }

  getState(): ClientState {
    return this.state;
  }

  subscribe(listener: (state: ClientState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connects with the stored session, if any (a desktop app starting up). */
  start(): void {
    const session = this.store.loadSession();
    if (session && !this.link.open) this.connect(session);
  }

  /** Settles once the document copies already on the device are known. */
  whenDocumentsLoaded(): Promise<void> {
    return this.documents.whenLoaded();
  }

  /** Drops the connection but keeps session, cache and outbox (app quitting, tests). */
  stop(): void {
    this.link.close();
    this.documents.pause();
    this.synced = false;
    if (this.state.connection !== 'signed-out') this.update({ connection: 'offline' });
  }

  async login(input: LoginInput): Promise<Ack<User>> {
    const serverUrl = input.serverUrl.replace(/\/+$/, '');
    const parsed = await requestLogin(this.http, serverUrl, {
      username: input.username,
      password: input.password,
      device: this.deviceClaim(),
    });
    if (!parsed.ok) {
      if (parsed.error.code === 'DEVICE_REVOKED') await this.deviceRevoked(null);
      return parsed;
    }
    const previous = this.store.loadSession() ?? (this.lastUser ? { user: this.lastUser, serverUrl } : null);
    const someoneElse = previous && (previous.user.id !== parsed.data.user.id || previous.serverUrl !== serverUrl);
    if (someoneElse) {
      // Another person or another server: nothing cached for the last one may show, nor
      // what was refused for them, nor may their pending commands answer to this one. Their
      // link goes first: an event arriving while their copies are erased would land in the
      // cleared store and be shown to the next person.
      this.link.close();
      this.store.clear();
      this.dropWaiters();
      this.update({ rejected: [] });
      await this.documents.forgetAll();
    }
    this.lastUser = parsed.data.user;
    this.link.close();
    this.documents.loadFromStore();
    const session: StoredSession = { serverUrl, token: parsed.data.token, user: parsed.data.user };
    this.store.saveSession(session);
    this.update({
      connection: 'connecting',
      serverUrl,
      user: session.user,
      meetings: Object.fromEntries(this.store.loadMeetings().map((m) => [m.meeting.id, m])),
      pendingCommands: this.store.listOutbox().length,
      documents: this.documents.initialState().documents,
      approvals: {},
    });
    this.annotations.refresh();
    void this.signing.loadIdentity();
    this.connect(session);
    return { ok: true, data: session.user };
  }

  async logout(): Promise<void> {
    const session = this.store.loadSession();
    this.stop();
    if (session) await requestLogout(this.http, session);
    await this.signOutLocally();
  }

  send<N extends CommandName>(name: N, payload: CommandInput<N>): Promise<Ack<CommandReceipt>> {
    const session = this.store.loadSession();
    if (!session) return Promise.resolve({ ok: false, error: protocolError('UNAUTHENTICATED') });
    const commandId = payload.commandId ?? uuidv7();
    const body: OutboxEntry['payload'] = { ...(payload as Record<string, unknown>), commandId };
    if (name === 'vote:cast') body.ballotKey = ballotKeyFor(this.store, session.user.id, String(body.voteId));
    const entry: OutboxEntry = { commandId, name, payload: body, createdAt: this.now().toISOString() };
    const answer = new Promise<Ack<CommandReceipt>>((resolve) => this.waiters.set(commandId, resolve));
    this.store.addToOutbox(entry);
    this.update({ pendingCommands: this.store.listOutbox().length });
    // Drawn or typed, it shows at once, online or not.
    if (name.startsWith('annotation:')) this.annotations.refresh();
    if (isMessageCommand(name)) this.messages.refresh();
    void this.flush();
    return answer;
  }

  async request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<Ack<RequestResult<N>>> {
    const answer = await this.link.emit<RequestResult<N>>(name, payload);
    return answer ?? { ok: false, error: protocolError('OFFLINE') };
  }

  async dismissRejected(commandId: string): Promise<void> {
    if (!this.state.rejected.some((r) => r.commandId === commandId)) return;
    this.update({ rejected: this.state.rejected.filter((r) => r.commandId !== commandId) });
  }

  uploadDocument(input: UploadInput): Promise<Ack<DocumentInfo>> {
    return this.uploads.upload(input);
  }

  importPeople(input: PeopleImportInput): Promise<Ack<PersonImportResult>> {
    return this.uploads.importPeople(input);
  }

  openDocument(documentId: string, version?: number): Promise<Ack<DocumentSource>> {
    return this.documents.open(documentId, version);
  }

  readDocumentRange(sha256: string, begin: number, end: number): Promise<Ack<Uint8Array>> {
    return this.documents.readRange(sha256, begin, end);
  }

  async dismissDocumentNotice(id: string): Promise<void> {
    this.documents.dismissNotice(id);
  }

  exportAnnotated(input: AnnotatedExportInput): Promise<Ack<AnnotatedExport>> {
    return fetchAnnotatedExport(this.http, this.store.loadSession(), input);
  }

  exportMinutes(meetingId: string, format: MinutesFormat): Promise<Ack<MinutesExport>> {
    return fetchMinutesExport(this.http, this.store.loadSession(), meetingId, format);
  }

  private connect(session: StoredSession): void {
    this.link.connect(session.serverUrl, session.token, this.deviceClaim());
    this.update({ connection: 'connecting' });
  }

  private dropWaiters(): void {
    for (const resolve of this.waiters.values()) resolve({ ok: false, error: protocolError('UNAUTHENTICATED') });
    this.waiters.clear();
  }

  /** This device's id, made the first time it is asked for and kept in the store. */
  private deviceClaim(): DeviceClaim {
    let id = this.store.loadDeviceId();
    if (!id) {
      id = uuidv7();
      this.store.saveDeviceId(id);
    }
    return { id, ...this.device };
  }

  /**
   * An admin revoked this device: everything it holds for every person who used it goes
   * (meetings, outbox, documents and their files, annotations, messages, ballot keys,
   * identities, the session), and the sign-in screen says why. The id stays: still revoked.
   */
  private async deviceRevoked(revokedAt: string | null): Promise<void> {
    const files = this.signOutLocally();
    await Promise.all([files, this.signing.eraseEveryIdentity()]);
    this.update({
      revokedNotice: { revokedAt: revokedAt ?? this.now().toISOString(), reason: null, scope: 'device' },
    });
  }

  /** Settles once the copies of documents are deleted too. */
  private signOutLocally(): Promise<void> {
    this.link.close();
    this.synced = false;
    this.store.clear();
    const files = this.documents.forgetAll();
    this.lastUser = null;
    this.dropWaiters();
    this.signing.signedOut();
    this.messages.forget();
    this.invitations.forget();
    this.update({ ...SIGNED_OUT, annotations: {}, messages: {}, minutesChanged: {}, invitations: {} });
    return files;
  }

  /**
   * The token expired or was revoked: ask the person to sign in again, but keep the cache
   * and the outbox, so that the same user signing in again loses no queued edit.
   */
  private sessionExpired(): void {
    this.link.close();
    this.synced = false;
    // The lists stay in the store (and the copies on disk) for the same user's next sign-in;
    // nothing opens them, and nothing is fetched with the dead token, until then.
    this.documents.pause();
    this.signing.signedOut();
    this.update({
      connection: 'signed-out',
      user: null,
      meetings: {},
      lastSyncAt: null,
      documents: {},
      annotations: {},
      messages: {},
      minutesChanged: {},
      invitations: {},
    });
  }

  /** Brings every visible meeting up to date in one round trip; drops those no longer visible. */
  private async sync(): Promise<void> {
    if (this.syncing) {
      this.resyncWanted = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.resyncWanted = false;
        const cursors = Object.fromEntries(Object.values(this.state.meetings).map((m) => [m.meeting.id, m.seq]));
        const asked = this.now().getTime();
        const answer = await this.link.emit<RequestResult<'session:sync'>>('session:sync', { cursors });
        if (!answer) {
          // No answer in time on a live link (a busy server, a stalled network): ask again,
          // or the socket would stay connected and never synced, and nothing queued be sent.
          if (!this.link.connected) return;
          await pause(RETRY_FIRST_MS);
          this.resyncWanted = true;
          continue;
        }
        if (!answer.ok) {
          if (answer.error.code === 'UNAUTHENTICATED') this.sessionExpired();
          // A snapshot costs the budget of many events: after a burst of them, wait and ask
          // again, or the outbox (which waits for the sync) would never be sent.
          else if (RETRYABLE_ERRORS.has(answer.error.code) && this.link.connected) {
            await pause(RETRY_FIRST_MS);
            this.resyncWanted = true;
            continue;
          }
          return;
        }
        const meetings = applySync(this.state.meetings, answer.data, this.state.user?.id);
        for (const id of Object.keys(this.state.meetings)) {
          if (!meetings[id]) this.store.deleteMeeting(id);
        }
        for (const m of Object.values(meetings)) this.store.saveMeeting(m);
        this.synced = true;
        const answered = this.now();
        this.update({
          meetings,
          connection: 'online',
          lastSyncAt: answered.toISOString(),
          clockOffsetMs: clockOffset(answer.data.serverTime, asked, answered.getTime()),
        });
        forgetSpentBallotKeys(this.store, Object.values(this.state.meetings));
        void this.flush();
        void this.documents.synced(Object.keys(meetings));
        void this.approvals.synced(Object.keys(meetings));
        void this.annotations.synced(Object.keys(meetings));
        void this.messages.synced(Object.keys(meetings));
        void this.invitations.synced(Object.keys(meetings));
        void this.signing.checkRevocation();
      } while (this.resyncWanted);
    } finally {
      this.syncing = false;
    }
  }

  private onChanges(batch: ChangeBatch): void {
    const held = this.state.meetings[batch.meetingId];
    if (!held) {
      void this.sync();
      return;
    }
    const next = applyChanges(held, batch.sinceSeq, batch.changes, this.state.user?.id);
    if (!next) void this.catchUps.run(batch.meetingId);
    else if (next !== held) this.saveMeetingState(next);
  }

  /** One catch-up of a meeting; false when it could not be asked or answered. */
  private async catchUpOnce(meetingId: string): Promise<boolean> {
    const held = this.state.meetings[meetingId];
    if (!held) return false;
    const answer = await this.link.emit<MeetingUpdate>('meeting:catch-up', { meetingId, sinceSeq: held.seq });
    if (!answer?.ok) return false;
    const current = this.state.meetings[meetingId];
    const next = applyUpdate(current, answer.data, false, this.state.user?.id);
    if (next && next !== current) this.saveMeetingState(next);
    return true;
  }

  private saveMeetingState(meeting: MeetingState): void {
    this.store.saveMeeting(meeting);
    this.update({
      meetings: { ...this.state.meetings, [meeting.meeting.id]: meeting },
      lastSyncAt: this.now().toISOString(),
    });
    forgetSpentBallotKeys(this.store, Object.values(this.state.meetings));
    this.documents.meetingChanged(meeting);
  }

  private flush(): Promise<void> {
    return this.synced ? this.outbox.flush() : Promise.resolve();
  }

  /** The server's verdict on a queued command: tell the UI and whoever awaits it. */
  private settled(entry: OutboxEntry, answer: Ack<CommandReceipt>): void {
    if (answer.ok && entry.name === 'vote:cast')
      this.recordOwnBallot(answer.data.meetingId, String(entry.payload.voteId));
    const rejected = answer.ok
      ? this.state.rejected
      : [...this.state.rejected, { ...refusalOf(entry), error: answer.error }].slice(-MAX_REJECTED_KEPT);
    this.update({ pendingCommands: this.store.listOutbox().length, rejected });
    this.annotations.settled(entry, answer);
    this.messages.settled(entry, answer);
    this.invitations.settled(entry, answer);
    const resolve = this.waiters.get(entry.commandId);
    this.waiters.delete(entry.commandId);
    resolve?.(answer);
    if (entry.name === 'vote:cast') forgetSpentBallotKeys(this.store, Object.values(this.state.meetings));
  }

  /** A secret ballot is never announced with its voter, so the voter's own ack says it. */
  private recordOwnBallot(meetingId: string, voteId: string): void {
    const held = this.state.meetings[meetingId];
    if (!held || held.myBallots.includes(voteId)) return;
    this.saveMeetingState({ ...held, myBallots: [...held.myBallots, voteId] });
  }

  private update(patch: Partial<ClientState>): void {
    this.state = { ...this.state, ...patch };
    // The notes shown follow the papers listed: one the user lost hides the notes on it.
    if (patch.documents && !patch.annotations && patch.user !== null)
      this.state = { ...this.state, annotations: this.annotations.view() };
    for (const listener of this.listeners) listener(this.state);
  }
}
