import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { uuidv7 } from 'uuidv7';
import {
  RETRYABLE_ERRORS,
  protocolError,
  type Ack,
  type Change,
  type ClientToServerEvents,
  type CommandName,
  type CommandReceipt,
  type MeetingUpdate,
  type RequestName,
  type RequestPayload,
  type RequestResult,
  type ServerToClientEvents,
  type User,
} from '../protocol/index.js';
import type { ClientApi, ClientState, CommandInput, LoginInput } from './api.js';
import { applyChange } from './apply-change.js';
import { ballotKeysToForget, makeBallotKey } from './ballot-keys.js';
import { OutboxSender, RETRY_FIRST_MS, RETRY_MAX_MS, refusalOf } from './outbox-sender.js';
import { pause } from './pause.js';
import type { HttpFetch } from './http.js';
import { requestLogin, requestLogout } from './session-http.js';
import type { ClientStore, MeetingState, OutboxEntry, StoredSession } from './store.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** Emit by name at run time; the public methods keep the typing. */
type LooseEmitter = { timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> } };

export interface MeetingClientOptions {
  store: ClientStore;
  fetch: HttpFetch;
  /** How long to wait for an acknowledgement before treating the link as lost. */
  ackTimeoutMs?: number;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  now?: () => Date;
}

const MAX_REJECTED_KEPT = 20;

/**
 * The client core: session, sync engine and outbox. It keeps the meetings the user may see
 * in step with the server through the change log, and queues commands while offline.
 */
export class MeetingClient implements ClientApi {
  private readonly store: ClientStore;
  private readonly http: HttpFetch;
  private readonly ackTimeoutMs: number;
  private readonly now: () => Date;
  private readonly socketOptions: Partial<ManagerOptions & SocketOptions>;
  private state: ClientState;
  private readonly listeners = new Set<(state: ClientState) => void>();
  private socket: ClientSocket | null = null;
  private readonly waiters = new Map<string, (answer: Ack<CommandReceipt>) => void>();
  private readonly catchingUp = new Set<string>();
  private synced = false;
  private readonly outbox: OutboxSender;
  private resyncWanted = false;
  private syncing = false;
  /** Who was signed in last, also after the session expired (the store keeps their data). */
  private lastUser: User | null = null;

  constructor(options: MeetingClientOptions) {
    this.store = options.store;
    this.http = options.fetch;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.now = options.now ?? (() => new Date());
    this.socketOptions = options.socketOptions ?? {};
    this.outbox = new OutboxSender(this.store, {
      connected: () => this.socket?.connected ?? false,
      emit: (name, payload) => this.emit<CommandReceipt>(name, payload),
      settled: (entry, answer) => this.settled(entry, answer),
    });
    const session = this.store.loadSession();
    this.lastUser = session?.user ?? null;
    this.state = {
      connection: session ? 'offline' : 'signed-out',
      serverUrl: session?.serverUrl ?? null,
      user: session?.user ?? null,
      meetings: Object.fromEntries(this.store.loadMeetings().map((m) => [m.meeting.id, m])),
      pendingCommands: this.store.listOutbox().length,
      lastSyncAt: null,
      rejected: [],
    };
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
    if (session && !this.socket) this.connect(session);
  }

  /** Drops the connection but keeps session, cache and outbox (app quitting, tests). */
  stop(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.synced = false;
    if (this.state.connection !== 'signed-out') this.update({ connection: 'offline' });
  }

  async login(input: LoginInput): Promise<Ack<User>> {
    const serverUrl = input.serverUrl.replace(/\/+$/, '');
    const parsed = await requestLogin(this.http, serverUrl, { username: input.username, password: input.password });
    if (!parsed.ok) return parsed;
    const previous = this.store.loadSession() ?? (this.lastUser ? { user: this.lastUser, serverUrl } : null);
    const someoneElse = previous && (previous.user.id !== parsed.data.user.id || previous.serverUrl !== serverUrl);
    if (someoneElse) {
      // Another person or another server: nothing cached for the last one may show, nor
      // what was refused for them, nor may their pending commands answer to this one.
      this.store.clear();
      this.dropWaiters();
      this.update({ rejected: [] });
    }
    this.lastUser = parsed.data.user;
    this.socket?.disconnect();
    this.socket = null;
    const session: StoredSession = { serverUrl, token: parsed.data.token, user: parsed.data.user };
    this.store.saveSession(session);
    this.update({
      connection: 'connecting',
      serverUrl,
      user: session.user,
      meetings: Object.fromEntries(this.store.loadMeetings().map((m) => [m.meeting.id, m])),
      pendingCommands: this.store.listOutbox().length,
    });
    this.connect(session);
    return { ok: true, data: session.user };
  }

  async logout(): Promise<void> {
    const session = this.store.loadSession();
    this.stop();
    if (session) await requestLogout(this.http, session);
    this.signOutLocally();
  }

  send<N extends CommandName>(name: N, payload: CommandInput<N>): Promise<Ack<CommandReceipt>> {
    const session = this.store.loadSession();
    if (!session) return Promise.resolve({ ok: false, error: protocolError('UNAUTHENTICATED') });
    const commandId = payload.commandId ?? uuidv7();
    const body: OutboxEntry['payload'] = { ...(payload as Record<string, unknown>), commandId };
    if (name === 'vote:cast') body.ballotKey = this.ballotKeyFor(session.user.id, String(body.voteId));
    const entry: OutboxEntry = { commandId, name, payload: body, createdAt: this.now().toISOString() };
    const answer = new Promise<Ack<CommandReceipt>>((resolve) => this.waiters.set(commandId, resolve));
    this.store.addToOutbox(entry);
    this.update({ pendingCommands: this.store.listOutbox().length });
    void this.flush();
    return answer;
  }

  /**
   * The key of this user's ballot in a vote: made at the first cast and kept while the vote
   * is open, so that casting again changes that ballot. The core owns it, never the UI.
   */
  private ballotKeyFor(userId: string, voteId: string): string {
    const held = this.store.loadBallotKey(userId, voteId);
    if (held) return held;
    const key = makeBallotKey();
    this.store.saveBallotKey(userId, voteId, key);
    return key;
  }

  /** Drops the keys of votes that have ended (and whose ballots are no longer queued). */
  private forgetSpentBallotKeys(): void {
    const spent = ballotKeysToForget(
      this.store.listBallotKeyVotes(),
      Object.values(this.state.meetings),
      this.store.listOutbox(),
    );
    if (spent.length > 0) this.store.forgetBallotKeys(spent);
  }

  async request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<Ack<RequestResult<N>>> {
    const answer = await this.emit<RequestResult<N>>(name, payload);
    return answer ?? { ok: false, error: protocolError('OFFLINE') };
  }

  async dismissRejected(commandId: string): Promise<void> {
    if (!this.state.rejected.some((r) => r.commandId === commandId)) return;
    this.update({ rejected: this.state.rejected.filter((r) => r.commandId !== commandId) });
  }

  private async emit<T>(name: string, payload: unknown): Promise<Ack<T> | null> {
    const socket = this.socket;
    if (!socket?.connected) return null;
    try {
      const answer = await (socket as unknown as LooseEmitter).timeout(this.ackTimeoutMs).emitWithAck(name, payload);
      return answer as Ack<T>;
    } catch {
      return null; // no acknowledgement in time: the link is treated as lost
    }
  }

  private connect(session: StoredSession): void {
    const socket: ClientSocket = io(session.serverUrl, {
      auth: { token: session.token },
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      ...this.socketOptions,
    });
    this.socket = socket;
    this.update({ connection: 'connecting' });
    let refusedMs = RETRY_FIRST_MS;
    socket.on('connect', () => {
      refusedMs = RETRY_FIRST_MS;
      this.synced = false;
      void this.sync().then(() => this.flush());
    });
    socket.on('disconnect', (reason) => {
      this.synced = false;
      if (this.socket !== socket) return;
      this.update({ connection: 'offline' });
      // Socket.IO does not retry after a server-side disconnect; we do, and a revoked
      // session then answers UNAUTHENTICATED, which is handled like an expired one.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (err: Error) => {
      if (err.message === 'UNAUTHENTICATED') {
        this.sessionExpired();
        return;
      }
      if (this.socket !== socket) return;
      this.update({ connection: 'offline' });
      // Refused by the server (too many sockets for this sign-in): Socket.IO does not retry a
      // refusal by itself, so try again later, less often each time.
      if (!socket.active) {
        const wait = refusedMs * (0.75 + Math.random() / 2);
        refusedMs = Math.min(refusedMs * 2, RETRY_MAX_MS);
        void pause(wait).then(() => {
          if (this.socket === socket && !socket.connected) socket.connect();
        });
      }
    });
    socket.on('meeting:change', (change) => this.onChange(change));
    socket.on('session:refresh', () => void this.sync());
  }

  private dropWaiters(): void {
    for (const resolve of this.waiters.values()) resolve({ ok: false, error: protocolError('UNAUTHENTICATED') });
    this.waiters.clear();
  }

  private signOutLocally(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.synced = false;
    this.store.clear();
    this.lastUser = null;
    this.dropWaiters();
    this.update({
      connection: 'signed-out',
      serverUrl: null,
      user: null,
      meetings: {},
      pendingCommands: 0,
      lastSyncAt: null,
      rejected: [],
    });
  }

  /**
   * The token expired or was revoked: ask the person to sign in again, but keep the cache
   * and the outbox, so that the same user signing in again loses no queued edit.
   */
  private sessionExpired(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.synced = false;
    this.update({ connection: 'signed-out', user: null, meetings: {}, lastSyncAt: null });
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
        const answer = await this.emit<RequestResult<'session:sync'>>('session:sync', { cursors });
        if (!answer) {
          // No answer in time on a live link (a busy server, a stalled network): ask again,
          // or the socket would stay connected and never synced, and nothing queued be sent.
          if (!this.socket?.connected) return;
          await pause(RETRY_FIRST_MS);
          this.resyncWanted = true;
          continue;
        }
        if (!answer.ok) {
          if (answer.error.code === 'UNAUTHENTICATED') this.sessionExpired();
          // A snapshot costs the budget of many events: after a burst of them, wait and ask
          // again, or the outbox (which waits for the sync) would never be sent.
          else if (RETRYABLE_ERRORS.has(answer.error.code) && this.socket?.connected) {
            await pause(RETRY_FIRST_MS);
            this.resyncWanted = true;
            continue;
          }
          return;
        }
        const meetings: Record<string, MeetingState> = {};
        const updates = new Map(answer.data.updates.map((u) => [u.meetingId, u]));
        for (const summary of answer.data.meetings) {
          const held = this.state.meetings[summary.id];
          const update = updates.get(summary.id);
          const next = update ? this.applyUpdate(held, update, true) : held;
          if (next) meetings[summary.id] = { ...next, myRole: summary.myRole };
        }
        for (const id of Object.keys(this.state.meetings)) {
          if (!meetings[id]) this.store.deleteMeeting(id);
        }
        for (const m of Object.values(meetings)) this.store.saveMeeting(m);
        this.synced = true;
        this.update({ meetings, connection: 'online', lastSyncAt: this.now().toISOString() });
        this.forgetSpentBallotKeys();
        void this.flush();
      } while (this.resyncWanted);
    } finally {
      this.syncing = false;
    }
  }

  private applyUpdate(
    held: MeetingState | undefined,
    update: MeetingUpdate,
    fromSync: boolean,
  ): MeetingState | undefined {
    if (update.kind === 'snapshot') {
      // A sync snapshot is authoritative (it may even be older: a restored server).
      if (!fromSync && held && update.snapshot.seq <= held.seq) return held;
      return { ...update.snapshot, myRole: held?.myRole ?? null };
    }
    let state = held;
    for (const change of update.changes) {
      if (!state || change.seq !== state.seq + 1) continue;
      state = this.withMyRole(applyChange(state, change, this.state.user?.id));
    }
    return state;
  }

  private withMyRole(state: MeetingState): MeetingState {
    const me = this.state.user?.id;
    const role = state.participants.find((p) => p.userId === me)?.role ?? null;
    return role === state.myRole ? state : { ...state, myRole: role };
  }

  private onChange(change: Change): void {
    const held = this.state.meetings[change.meetingId];
    if (!held) {
      void this.sync();
      return;
    }
    if (change.seq <= held.seq) return;
    if (change.seq > held.seq + 1) {
      void this.catchUp(change.meetingId);
      return;
    }
    this.saveMeetingState(this.withMyRole(applyChange(held, change, this.state.user?.id)));
  }

  private async catchUp(meetingId: string): Promise<void> {
    if (this.catchingUp.has(meetingId)) return;
    this.catchingUp.add(meetingId);
    try {
      const held = this.state.meetings[meetingId];
      if (!held) return;
      const answer = await this.emit<MeetingUpdate>('meeting:catch-up', { meetingId, sinceSeq: held.seq });
      if (!answer?.ok) return;
      const current = this.state.meetings[meetingId];
      const next = this.applyUpdate(current, answer.data, false);
      if (next && next !== current) this.saveMeetingState(next);
    } finally {
      this.catchingUp.delete(meetingId);
    }
  }

  private saveMeetingState(meeting: MeetingState): void {
    this.store.saveMeeting(meeting);
    this.update({
      meetings: { ...this.state.meetings, [meeting.meeting.id]: meeting },
      lastSyncAt: this.now().toISOString(),
    });
    this.forgetSpentBallotKeys();
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
    const resolve = this.waiters.get(entry.commandId);
    this.waiters.delete(entry.commandId);
    resolve?.(answer);
    if (entry.name === 'vote:cast') this.forgetSpentBallotKeys();
  }

  /** A secret ballot is never announced with its voter, so the voter's own ack says it. */
  private recordOwnBallot(meetingId: string, voteId: string): void {
    const held = this.state.meetings[meetingId];
    if (!held || held.myBallots.includes(voteId)) return;
    this.saveMeetingState({ ...held, myBallots: [...held.myBallots, voteId] });
  }

  private update(patch: Partial<ClientState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}
