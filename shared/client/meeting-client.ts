import {
  protocolError,
  type Ack,
  type AskHit,
  type ActionItemsAnswer,
  type CommandName,
  type CommandReceipt,
  type DevicePlatform,
  type DocumentInfo,
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
import { fetchActionItems, fetchAssistantAnswer } from './assistant-ask.js';
import { DocumentSync } from './document-sync.js';
import { BriefSync } from './brief-sync.js';
import type { HttpFetch } from './http.js';
import { requestLogin, requestLogout } from './session-http.js';
import { SESSION_EXPIRED, SIGNED_OUT, deviceClaim, signsInAsSomeoneElse, storedSessionState } from './session-state.js';
import { SocketLink } from './socket-link.js';
import { pendingWork } from './outbox-sender.js';
import type { ClientStore, HeldBrief, StoredSession } from './store.js';
import { DocumentUploads } from './upload.js';
import { CommandQueue } from './command-queue.js';
import { MeetingSync } from './meeting-sync.js';
import { DeviceSigning } from './signing.js';
import { SigningFacade } from './signing-facade.js';
import type { MeetingClientOptions } from './client-options.js';

export type { MeetingClientOptions } from './client-options.js';

/**
 * The client core: the session, and the parts it holds together. It keeps the meetings the
 * user may see in step with the server through the change log (meeting-sync.ts), and queues
 * commands while offline (command-queue.ts).
 */
export class MeetingClient extends SigningFacade implements ClientApi {
  private readonly store: ClientStore;
  private readonly http: HttpFetch;
  private readonly ackTimeoutMs: number;
  private readonly now: () => Date;
  private state: ClientState;
  private readonly listeners = new Set<(state: ClientState) => void>();
  private readonly link: SocketLink;
  /** Stopped by `stop()` (the app quitting), until the next connection. */
  private stopped = false;
  private readonly documents: DocumentSync;
  private readonly uploads: DocumentUploads;
  protected readonly signing: DeviceSigning;
  private readonly approvals: ApprovalSync;
  private readonly annotations: AnnotationSync;
  private readonly messages: MessageSync;
  private readonly invitations: InvitationSync;
  private readonly briefs: BriefSync;
  private readonly meetingSync: MeetingSync;
  private readonly commands: CommandQueue;
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
          this.meetingSync.synced = false;
          void this.meetingSync.sync().then(() => this.commands.flush());
        },
        dropped: () => (this.meetingSync.synced = false),
        offline: () => this.update({ connection: 'offline' }),
        unauthenticated: () => this.sessionExpired(),
        deviceRevoked: (revokedAt) => void this.deviceRevoked(revokedAt),
        changes: (batch) => this.meetingSync.onChanges(batch),
        documentChanged: (change) => {
          this.documents.onChanged(change);
          this.annotations.documentsGone(change.removed.map((r) => r.id));
          this.briefs.changed(change.meetingId);
        },
        approvalRecorded: (event) => this.approvals.recorded(event),
        annotationChanged: (event) => this.annotations.changed(event),
        messageChanged: (event) => this.messages.changed(event),
        invitationChanged: (event) => this.invitations.changed(event),
        minutesChanged: (event) =>
          this.update({ minutesChanged: { ...this.state.minutesChanged, [event.meetingId]: event } }),
        refresh: () => void this.meetingSync.sync(),
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
    this.briefs = new BriefSync(this.store, host);
    this.meetingSync = new MeetingSync(this.store, this.link, {
      ...host,
      sessionExpired: () => this.sessionExpired(),
      syncAsked: () => [this.messages, this.invitations].forEach((part) => part.syncAsked()),
      synced: (meetingIds) => {
        for (const work of [
          this.commands.flush(),
          // The brief follows the lists of papers: a meeting without any is not asked about.
          this.documents.synced(meetingIds).then(() => this.briefs.synced(meetingIds)),
          this.approvals.synced(meetingIds),
          this.annotations.synced(meetingIds),
          this.messages.synced(meetingIds),
          this.invitations.synced(meetingIds),
          this.signing.checkRevocation(),
        ])
          void work.catch((error: unknown) => {
            // Stopped meanwhile (the app quitting closes the cache under an answer still on its
            // way): the next start syncs again. Anything else is a fault, and must show.
            if (!this.stopped) throw error;
          });
      },
      meetingChanged: (meeting) => {
        this.documents.meetingChanged(meeting);
        this.briefs.changed(meeting.meeting.id);
      },
    });
    this.commands = new CommandQueue(this.store, this.link, {
      ...host,
      synced: () => this.meetingSync.synced,
      queued: (name) => {
        if (name.startsWith('annotation:')) this.annotations.refresh();
        if (isMessageCommand(name)) this.messages.refresh();
      },
      settled: (entry, answer) => {
        this.annotations.settled(entry, answer);
        this.messages.settled(entry, answer);
        this.invitations.settled(entry, answer);
        if (entry.name === 'document:opened' && answer.ok) this.briefs.opened(answer.data.meetingId);
      },
      saveMeetingState: (meeting) => this.meetingSync.saveMeetingState(meeting),
    });
    this.state = {
      ...storedSessionState(this.store),
      ...this.documents.initialState(),
      ...this.signing.initialState(),
      ...this.briefs.initialState(),
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
    this.stopped = true;
    this.link.close();
    this.documents.pause();
    this.briefs.pause();
    this.meetingSync.synced = false;
    if (this.state.connection !== 'signed-out') this.update({ connection: 'offline' });
  }

  async login(input: LoginInput): Promise<Ack<User>> {
    const serverUrl = input.serverUrl.replace(/\/+$/, '');
    const parsed = await requestLogin(this.http, serverUrl, {
      username: input.username,
      password: input.password,
      device: deviceClaim(this.store, this.device),
    });
    if (!parsed.ok) {
      if (parsed.error.code === 'DEVICE_REVOKED') await this.deviceRevoked(null);
      return parsed;
    }
    const stored = this.store.loadSession();
    const someoneElse = signsInAsSomeoneElse(this.store, this.lastUser, serverUrl, parsed.data.user);
    if (someoneElse) {
      // The last person's token ends with their turn: one left in the device's storage, or
      // read from its files, must not still open their meetings.
      if (stored?.token) void requestLogout(this.http, stored);
      // Another person or another server: nothing cached for the last one may show, nor
      // what was refused for them, nor may their pending commands answer to this one. Their
      // link goes first: an event arriving while their copies are erased would land in the
      // cleared store and be shown to the next person.
      this.link.close();
      this.store.clear();
      this.commands.dropWaiters();
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
      pendingCommands: pendingWork(this.store.listOutbox()),
      documents: this.documents.initialState().documents,
      ...this.briefs.initialState(),
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
    return this.commands.send(name, payload);
  }

  async request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<Ack<RequestResult<N>>> {
    const answer = await this.link.emit<RequestResult<N>>(name, payload);
    return answer ?? { ok: false, error: protocolError('OFFLINE') };
  }

  dismissRejected(commandId: string): Promise<void> {
    return this.commands.dismissRejected(commandId);
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

  askAssistant(meetingId: string, q: string): Promise<Ack<AskHit[]>> {
    return fetchAssistantAnswer(this.http, this.store.loadSession(), meetingId, q);
  }

  actionItems(meetingId: string): Promise<Ack<ActionItemsAnswer>> {
    return fetchActionItems(this.http, this.store.loadSession(), meetingId);
  }

  refreshBrief(meetingId: string): Promise<Ack<HeldBrief>> {
    return this.briefs.refresh(meetingId);
  }

  private connect(session: StoredSession): void {
    this.stopped = false;
    this.link.connect(session.serverUrl, session.token, deviceClaim(this.store, this.device));
    this.update({ connection: 'connecting' });
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
    this.meetingSync.synced = false;
    this.store.clear();
    const files = this.documents.forgetAll();
    this.lastUser = null;
    this.commands.dropWaiters();
    this.signing.signedOut();
    this.messages.forget();
    this.invitations.forget();
    this.briefs.pause();
    this.update({
      ...SIGNED_OUT,
      annotations: {},
      messages: {},
      minutesChanged: {},
      invitations: {},
      briefs: {},
    });
    return files;
  }

  /**
   * The token expired or was revoked: ask the person to sign in again, but keep the cache
   * and the outbox, so that the same user signing in again loses no queued edit.
   */
  private sessionExpired(): void {
    this.link.close();
    this.meetingSync.synced = false;
    // The lists stay in the store (and the copies on disk) for the same user's next sign-in;
    // nothing opens them, and nothing is fetched with the dead token, until then.
    this.documents.pause();
    this.signing.signedOut();
    this.update(SESSION_EXPIRED);
  }

  private update(patch: Partial<ClientState>): void {
    this.state = { ...this.state, ...patch };
    // The notes shown follow the papers listed: one the user lost hides the notes on it.
    if (patch.documents && !patch.annotations && patch.user !== null)
      this.state = { ...this.state, annotations: this.annotations.view() };
    for (const listener of this.listeners) listener(this.state);
  }
}
