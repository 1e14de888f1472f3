import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  DeviceRevokedEventSchema,
  DocumentChangedSchema,
  MinutesChangedSchema,
  type Ack,
  type ChangeBatch,
  type ClientToServerEvents,
  type DeviceClaim,
  type DocumentChanged,
  type MinutesChanged,
  type ServerToClientEvents,
} from '../protocol/index.js';
import { RETRY_FIRST_MS, RETRY_MAX_MS } from './outbox-sender.js';
import { pause } from './pause.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** Emit by name at run time; the core's public methods keep the typing. */
type LooseEmitter = { timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> } };

export interface SocketLinkEvents {
  /** Connected (again): sync before anything else. */
  connected(): void;
  /** Any socket of the link went down (also one already replaced). */
  dropped(): void;
  /** The current socket is down or refused: the UI shows offline. */
  offline(): void;
  /** The server refused the token: the session is over. */
  unauthenticated(): void;
  /** An admin revoked this device (told by event or by the refusal of a connection): wipe it. */
  deviceRevoked(revokedAt: string | null): void;
  changes(batch: ChangeBatch): void;
  documentChanged(change: DocumentChanged): void;
  /** Checked by the receiver (approval-sync.ts). */
  approvalRecorded(event: unknown): void;
  /** Checked by the receiver (annotation-sync.ts). */
  annotationChanged(event: unknown): void;
  /** Checked by the receiver (message-sync.ts). */
  messageChanged(event: unknown): void;
  /** Checked by the receiver (invitation-sync.ts). */
  invitationChanged(event: unknown): void;
  minutesChanged(event: MinutesChanged): void;
  refresh(): void;
}

export interface SocketLinkOptions {
  ackTimeoutMs: number;
  socketOptions: Partial<ManagerOptions & SocketOptions>;
}

/**
 * The one Socket.IO link of a signed-in session: connects with the token, keeps trying after
 * a refusal, and turns acknowledgements that never come into "no answer" (null).
 */
export class SocketLink {
  private socket: ClientSocket | null = null;

  constructor(
    private readonly options: SocketLinkOptions,
    private readonly events: SocketLinkEvents,
  ) {}

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  get open(): boolean {
    return this.socket !== null;
  }

  close(): void {
    this.socket?.disconnect();
    this.socket = null;
  }

  async emit<T>(name: string, payload: unknown): Promise<Ack<T> | null> {
    const socket = this.socket;
    if (!socket?.connected) return null;
    try {
      const answer = await (socket as unknown as LooseEmitter)
        .timeout(this.options.ackTimeoutMs)
        .emitWithAck(name, payload);
      return answer as Ack<T>;
    } catch {
      return null; // no acknowledgement in time: the link is treated as lost
    }
  }

  connect(serverUrl: string, token: string, device: DeviceClaim): void {
    this.close();
    const socket: ClientSocket = io(serverUrl, {
      auth: { token, device },
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      ...this.options.socketOptions,
    });
    this.socket = socket;
    let refusedMs = RETRY_FIRST_MS;
    socket.on('connect', () => {
      refusedMs = RETRY_FIRST_MS;
      this.events.connected();
    });
    socket.on('disconnect', (reason) => {
      this.events.dropped();
      if (this.socket !== socket) return;
      this.events.offline();
      // Socket.IO does not retry after a server-side disconnect; we do, and a revoked
      // session then answers UNAUTHENTICATED, which is handled like an expired one.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (err: Error) => {
      if (err.message === 'UNAUTHENTICATED') {
        this.events.unauthenticated();
        return;
      }
      if (err.message === 'DEVICE_REVOKED') {
        if (this.socket === socket) this.events.deviceRevoked(null);
        return;
      }
      if (this.socket !== socket) return;
      this.events.offline();
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
    socket.on('meeting:changes', (batch) => this.events.changes(batch));
    // Checked like every answer: a broken or hostile server's event must not reach the cache's plan.
    socket.on('document:changed', (change) => {
      const parsed = DocumentChangedSchema.safeParse(change);
      if (parsed.success) this.events.documentChanged(parsed.data);
    });
    socket.on('approval:recorded', (event) => this.events.approvalRecorded(event));
    socket.on('annotation:changed', (event) => this.events.annotationChanged(event));
    socket.on('message:changed', (event) => this.events.messageChanged(event));
    socket.on('invitation:changed', (event) => this.events.invitationChanged(event));
    socket.on('minutes:changed', (event) => {
      const parsed = MinutesChangedSchema.safeParse(event);
      if (parsed.success) this.events.minutesChanged(parsed.data);
    });
    socket.on('session:refresh', () => this.events.refresh());
    socket.on('device:revoked', (event) => {
      const parsed = DeviceRevokedEventSchema.safeParse(event);
      if (parsed.success && this.socket === socket) this.events.deviceRevoked(parsed.data.revokedAt);
    });
  }
}
