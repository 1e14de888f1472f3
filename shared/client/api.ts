import type {
  Ack,
  CommandName,
  CommandPayload,
  CommandReceipt,
  ProtocolError,
  RequestName,
  RequestPayload,
  RequestResult,
  User,
} from '../protocol/index.js';
import type { MeetingState } from './store.js';

export type ConnectionState = 'signed-out' | 'connecting' | 'online' | 'offline';

export interface RejectedCommand {
  commandId: string;
  name: CommandName;
  error: ProtocolError;
  /** What the command carried (a ballot without its key), so refused text can be put back. */
  payload?: Record<string, unknown>;
}

/** Everything the UI renders from. Replaced (never mutated) on every change. */
export interface ClientState {
  connection: ConnectionState;
  serverUrl: string | null;
  user: User | null;
  meetings: Readonly<Record<string, MeetingState>>;
  /** Commands made but not yet acknowledged (queued offline, or in flight). */
  pendingCommands: number;
  /** When the client last heard from the server: the age of what the UI shows. */
  lastSyncAt: string | null;
  /** Queued commands the server refused on replay; the UI tells the user. */
  rejected: readonly RejectedCommand[];
}

export interface LoginInput {
  serverUrl: string;
  username: string;
  password: string;
}

/**
 * The payload of a command as the UI writes it: the core adds the command id, and the
 * ballot key of a `vote:cast` (the UI never sees a ballot key).
 */
export type CommandInput<N extends CommandName> = Omit<CommandPayload<N>, 'commandId' | 'ballotKey'> & {
  commandId?: string;
};

/**
 * The one interface between the UI and the client core. In a browser tab it is the core
 * itself; in the desktop app the preload bridge implements it over IPC.
 */
export interface ClientApi {
  getState(): ClientState;
  subscribe(listener: (state: ClientState) => void): () => void;
  login(input: LoginInput): Promise<Ack<User>>;
  logout(): Promise<void>;
  send<N extends CommandName>(name: N, payload: CommandInput<N>): Promise<Ack<CommandReceipt>>;
  request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<Ack<RequestResult<N>>>;
  /** The user has read the notice of a refused command: drop it from `rejected`. */
  dismissRejected(commandId: string): Promise<void>;
}
