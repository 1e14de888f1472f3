import type {
  Ack,
  Annotation,
  AskHit,
  ActionItemsAnswer,
  Invitation,
  Message,
  MinutesChanged,
  DocumentGoneReason,
  DocumentInfo,
  PersonImportResult,
  VisibleTo,
  CommandName,
  CommandPayload,
  CommandReceipt,
  ProtocolError,
  RequestName,
  RequestPayload,
  RequestResult,
  User,
} from '../protocol/index.js';
import type { SigningApi, SigningState } from './signing-api.js';
import type { HeldBrief, MeetingState } from './store.js';

export type ConnectionState = 'signed-out' | 'connecting' | 'online' | 'offline';

export interface RejectedCommand {
  commandId: string;
  name: CommandName;
  error: ProtocolError;
  /** What the command carried (a ballot without its key), so refused text can be put back. */
  payload?: Record<string, unknown>;
}

/** Everything the UI renders from. Replaced (never mutated) on every change. */
export interface ClientState extends SigningState {
  connection: ConnectionState;
  serverUrl: string | null;
  user: User | null;
  meetings: Readonly<Record<string, MeetingState>>;
  /** Commands made but not yet acknowledged (queued offline, or in flight). */
  pendingCommands: number;
  /** When the client last heard from the server: the age of what the UI shows. */
  lastSyncAt: string | null;
  /**
   * How far the server's clock is ahead of this device's (ms, from the last sync): the room's
   * clocks and countdowns are the server's, and a tablet's own clock on a closed LAN drifts.
   */
  clockOffsetMs?: number;
  /** Queued commands the server refused on replay; the UI tells the user. */
  rejected: readonly RejectedCommand[];
  /** Per meeting, the documents this user may see (current versions), as the server last listed them. */
  documents: Readonly<Record<string, readonly DocumentInfo[]>>;
  /** Per meeting, how far the device has fetched its documents into its cache. */
  documentProgress: Readonly<Record<string, DocumentProgress>>;
  /** Uploads of this session, newest last: the UI shows their progress and outcome. */
  uploads: readonly UploadProgress[];
  /** Documents that left this device (recalled, access withdrawn, removed): the UI tells the user. */
  documentNotices: readonly DocumentNotice[];
  /**
   * Per document, the annotations the reader shows: the user's own (their unsent edits
   * applied) and those others shared with them; never deleted ones. Filter by `version`.
   */
  annotations: Readonly<Record<string, readonly HeldAnnotation[]>>;
  /**
   * Per meeting, newest first, the requests and notices this user may see (message-sync.ts):
   * their own requests (every request for a secretary), notices to all and to them; what is
   * still in the outbox is there too, `pending`. Sent with `send('message:…')`.
   */
  messages: Readonly<Record<string, readonly HeldMessage[]>>;
  /**
   * Per meeting, the last `minutes:changed` heard this session (secretaries and the chair
   * only): the minutes editor tells its user that someone saved a newer draft.
   */
  minutesChanged?: Readonly<Record<string, MinutesChanged>>;
  /**
   * Per meeting, the invitations this user may see (invitation-sync.ts): their own; every
   * one, with its reply and reason, for a secretary or the chair. Answered with
   * `send('invitation:reply', …)`.
   */
  invitations?: Readonly<Record<string, readonly Invitation[]>>;
  /**
   * Per meeting, the user's brief as last fetched (brief-sync.ts), kept offline with the
   * meeting: automatic extracts of the papers they may see.
   */
  briefs?: Readonly<Record<string, HeldBrief>>;
}

/** A message as the device holds it: `pending` while its last command waits in the outbox. */
export interface HeldMessage extends Message {
  pending: boolean;
}

/**
 * An annotation as the device holds it. `pending` until the server has acknowledged the
 * last edit (then `rev` is 0 for one the server has never seen).
 */
export interface HeldAnnotation extends Annotation {
  pending: boolean;
}

export interface AnnotatedExportInput {
  documentId: string;
  version: number;
  /** Others' shared annotations too, not only the user's own. */
  withShared: boolean;
  /** The language of the list of notes appended to the file. */
  language: 'vi' | 'en';
}

export interface AnnotatedExport {
  bytes: Uint8Array;
  fileName: string;
  /**
   * The file was rewritten, not appended to: the original's digital signatures no longer
   * hold in it (the UI says so).
   */
  unsignedCopy: boolean;
}

export type MinutesFormat = 'pdf' | 'docx';

/** The minutes as a file, as the server renders them (the draft, or the pre-fill before the first save). */
export interface MinutesExport {
  bytes: Uint8Array;
  fileName: string;
}

/** "12/30 tài liệu, 48 MB": what the device holds of a meeting's documents. */
export interface DocumentProgress {
  meetingId: string;
  total: number;
  cached: number;
  bytesTotal: number;
  bytesCached: number;
  /** Documents that failed to download (hash mismatch, server error); retried later. */
  failed: number;
  /** Downloading now. */
  active: boolean;
}

export interface UploadProgress {
  uploadId: string;
  meetingId: string;
  title: string;
  fileName: string;
  /** Bytes sent so far, of `total`. */
  loaded: number;
  total: number;
  /** `sending` the bytes, `checking` (all sent: the server validates and indexes), then done or failed. */
  phase: 'sending' | 'checking' | 'done' | 'failed';
  error?: ProtocolError;
  document?: DocumentInfo;
}

export interface DocumentNotice {
  id: string;
  meetingId: string;
  documentId: string;
  title: string;
  reason: DocumentGoneReason;
}

/**
 * A file the UI picked. In a browser tab `body` is the `File` itself (sent as it is, never
 * read whole); over the desktop's IPC it is the bytes.
 */
export interface UploadFile {
  name: string;
  size: number;
  body: Uint8Array | { readonly size: number; readonly type: string };
}

export interface PeopleImportInput {
  file: UploadFile;
  /** Only read and check the file: the preview. */
  dryRun: boolean;
}

export interface UploadInput {
  meetingId: string;
  title: string;
  agendaItemId?: string;
  /** The document this file is a new version of. */
  replaces?: string;
  /** Absent: every participant. */
  visibleTo?: VisibleTo;
  file: UploadFile;
}

/**
 * Where the reader gets a document's bytes. `cached`: the device holds a verified copy, read
 * by ranges through `readDocumentRange` (page 1 of a long paper without reading the whole
 * file, nor copying it across IPC). `bytes`: the whole file in hand (an earlier version, or
 * the previous version offline, whose copy goes as soon as the new one is in). `url`: a
 * browser that has not fetched it yet loads it from the server by range requests.
 */
export type DocumentSource =
  | { kind: 'cached'; sha256: string; length: number }
  | { kind: 'bytes'; data: Uint8Array; sha256: string }
  | { kind: 'url'; url: string; httpHeaders: Record<string, string>; sha256: string };

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
export interface ClientApi extends SigningApi {
  getState(): ClientState;
  subscribe(listener: (state: ClientState) => void): () => void;
  login(input: LoginInput): Promise<Ack<User>>;
  logout(): Promise<void>;
  send<N extends CommandName>(name: N, payload: CommandInput<N>): Promise<Ack<CommandReceipt>>;
  request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<Ack<RequestResult<N>>>;
  /** The user has read the notice of a refused command: drop it from `rejected`. */
  dismissRejected(commandId: string): Promise<void>;
  /** Uploads a PDF over HTTP; progress shows in `uploads`. */
  uploadDocument(input: UploadInput): Promise<Ack<DocumentInfo>>;
  /** A list of people from a CSV or .xlsx file over HTTP: the preview (dryRun) or the import. */
  importPeople(input: PeopleImportInput): Promise<Ack<PersonImportResult>>;
  /** The bytes of a document this user may see (the current version, or an earlier one). */
  openDocument(documentId: string, version?: number): Promise<Ack<DocumentSource>>;
  /**
   * Bytes `begin` to `end` (excluded) of a `cached` source, only while the signed-in user may
   * still open it: at most `MAX_RANGE_BYTES` at a time, within the copy.
   */
  readDocumentRange(sha256: string, begin: number, end: number): Promise<Ack<Uint8Array>>;
  dismissDocumentNotice(id: string): Promise<void>;
  /** A document version with the user's annotations as real PDF annotations, and a list of them. */
  exportAnnotated(input: AnnotatedExportInput): Promise<Ack<AnnotatedExport>>;
  /** The meeting's minutes as a PDF or a Word file (secretaries, the chair and admins). */
  exportMinutes(meetingId: string, format: MinutesFormat): Promise<Ack<MinutesExport>>;
  /**
   * Asks the meeting assistant (on the server, so OFFLINE without it): passages of the papers
   * and notes the user may see, best first. Extracts, never written answers.
   */
  askAssistant(meetingId: string, q: string): Promise<Ack<AskHit[]>>;
  /** The meeting's action items for this user (server only, so OFFLINE without it). */
  actionItems(meetingId: string): Promise<Ack<ActionItemsAnswer>>;
  /**
   * Fetches the meeting's brief again now (also done after a sync and on changes) and keeps
   * it in `briefs`; OFFLINE without the server, the kept one still shown.
   */
  refreshBrief(meetingId: string): Promise<Ack<HeldBrief>>;
}
