import { z } from 'zod';
import { ChangeBatchSchema, type ChangeBatch } from './changes.js';
import { DocumentChangedSchema, type DocumentChanged } from './documents.js';
import { ApprovalRecordedSchema, type ApprovalRecorded } from './certificates.js';
import { ProtocolErrorSchema } from './errors.js';
import { AnnotationChangedSchema, type AnnotationChanged } from './annotations.js';
import { MinutesChangedSchema, type MinutesChanged } from './minutes-draft.js';
import { MessageChangedSchema, type MessageChanged } from './messages.js';
import { DeviceRevokedEventSchema, type DeviceClaim, type DeviceRevokedEvent } from './devices.js';
import { InvitationChangedSchema, type InvitationChanged } from './invitations.js';
import type { CommandName, CommandPayload, CommandReceipt } from './commands.js';
import type { ProtocolError } from './errors.js';
import type { RequestName, RequestPayload, RequestResult } from './requests.js';

/** Every acknowledgement has this shape, so a client handles errors in one place. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

type CommandEvents = {
  [N in CommandName]: (payload: CommandPayload<N>, ack: (answer: Ack<CommandReceipt>) => void) => void;
};
type RequestEvents = {
  [N in RequestName]: (payload: RequestPayload<N>, ack: (answer: Ack<RequestResult<N>>) => void) => void;
};

export type ClientToServerEvents = CommandEvents & RequestEvents;

export interface ServerToClientEvents {
  /** The latest changes of a meeting the socket has joined, in sequence order. */
  'meeting:changes': (batch: ChangeBatch) => void;
  /** Documents this user may now see, as they are now, and those they may no longer see. */
  'document:changed': (change: DocumentChanged) => void;
  /** A signed approval or rejection of a document this user may see was checked and recorded. */
  'approval:recorded': (event: ApprovalRecorded) => void;
  /** Annotations written by this user on another device, or shared ones changed by others. */
  'annotation:changed': (event: AnnotationChanged) => void;
  /** The minutes' draft was saved (to the secretaries and the chair): ask `minutes:get` for it. */
  'minutes:changed': (event: MinutesChanged) => void;
  /** Requests and notices this user may see, made or changed. */
  'message:changed': (event: MessageChanged) => void;
  /** Invitations this user may see, sent or answered. */
  'invitation:changed': (event: InvitationChanged) => void;
  /** What this user may see has changed (published, added, removed): sync again. */
  'session:refresh': (info: { reason: 'access-changed' }) => void;
  /** An admin revoked this device: erase everything it holds, for every person; its sockets are cut next. */
  'device:revoked': (event: DeviceRevokedEvent) => void;
  /** An error for an emit that had no acknowledgement to carry it (e.g. an unknown event). */
  'server:error': (error: ProtocolError & { event: string }) => void;
}

/** Schemas of what the server emits, for the generated reference and for outside clients. */
export const SERVER_EVENT_SCHEMAS = {
  'meeting:changes': {
    schema: ChangeBatchSchema,
    about:
      'The changes of a meeting the socket has joined (by `session:sync`) committed since the last batch, in sequence order, a batch per meeting every few milliseconds. `sinceSeq` above the seq held means a gap: ask `meeting:catch-up`. Superseded ballot counts may be left out (see `vote:ballot-counted`).',
  },
  'document:changed': {
    schema: DocumentChangedSchema,
    about:
      "Sent only to users who may see the documents it names (a restricted document's own list): documents added or changed, as they are now, and documents this user may no longer see, with the reason (`access`, `removed`, `recalled`): delete their cached copies. Not part of the meeting's sequence: after a reconnect, ask `document:list`.",
  },
  'approval:recorded': {
    schema: ApprovalRecordedSchema,
    about:
      'Sent to the users who may see the document (as `document:changed` is): an approval or rejection, signed on its device and checked by the server (signature, chain, validity, revocation, signer, version). After a reconnect, ask `approval:list`.',
  },
  'annotation:changed': {
    schema: AnnotationChangedSchema,
    about:
      "A user's own annotations go to that user's devices only (their own room, never the meeting's), on every node: private ones never reach anyone else. A shared one, as it changes, goes to those who may see its document, with its author; withdrawn or deleted, they get it as a tombstone (`deleted: true` or `shared: false`): drop it. Not part of the meeting's sequence: after a reconnect, ask `annotation:sync` and `annotation:list-shared`.",
  },
  'minutes:changed': {
    schema: MinutesChangedSchema,
    about:
      "Sent to the meeting's secretaries and its chair only (their own rooms), after `minutes:save`: the new version and who saved it, never the text. Ask `minutes:get` for the text. Also after `minutes:finalize` and `minutes:sign` (and a save that abandoned a round of signing), with `signing`, the state the round is in now: ask `minutes:get` for the rest.",
  },
  'message:changed': {
    schema: MessageChangedSchema,
    about:
      "A request goes to its sender's devices, the meeting's secretaries and, if the sender chose, the chair (each to their own room, never the meeting's); a notice to one person to that person, its sender, the chair and the secretaries; a notice to all to the meeting's room. Not part of the meeting's sequence: after a reconnect, ask `message:list`.",
  },
  'invitation:changed': {
    schema: InvitationChangedSchema,
    about:
      "Invitations sent (`meeting:publish`, a participant added later) or answered (`invitation:reply`): each goes to its person and to the meeting's secretaries and chair, in their own rooms, never the meeting's (a reason for an absence is private). Not part of the meeting's sequence: after a reconnect, ask `invitation:list`.",
  },
  'session:refresh': {
    schema: z.object({ reason: z.literal('access-changed') }),
    about: 'What this user may see has changed (published, added, removed): call `session:sync` again.',
  },
  'device:revoked': {
    schema: DeviceRevokedEventSchema,
    about:
      "Sent to a device's sockets when an admin revokes it (by `device:revoke`), just before they are cut; a later connection naming the device is refused with `DEVICE_REVOKED` (connect_error) and a sign-in with it answered `DEVICE_REVOKED`. The client erases everything it holds for every person on the device: meetings, outbox, documents, annotations, messages, identities, session.",
  },
  'server:error': {
    schema: ProtocolErrorSchema.extend({ event: z.string() }),
    about: 'An error for an emit that had no acknowledgement callback (for example an unknown event).',
  },
} as const satisfies Record<keyof ServerToClientEvents, { schema: z.ZodType; about: string }>;

export interface SocketAuth {
  token: string;
  /** The device connecting (devices.ts): a revoked one is refused with DEVICE_REVOKED. */
  device?: DeviceClaim;
}

/** Socket.IO's per-socket data on the server. */
export interface SocketData {
  userId: string;
  sessionId: string;
  /** The device the socket named (or its session was signed in from); null when neither says. */
  deviceId: string | null;
}

export { SOCKET_MAX_MESSAGE_BYTES } from './primitives.js';

/**
 * Each user's event budget, over all their sockets: a burst, then a steady rate. A tablet
 * replaying a long outbox is slowed (told RATE_LIMITED), a flooding client cannot starve the
 * others. The server may be started with other figures (benchmarks raise them).
 */
export const EVENT_BUDGET = { burst: 300, perSecond: 150 } as const;

/**
 * What an event costs from the budget, in cheap events. A snapshot of a large meeting is
 * tens of KiB built from every table: answered at the rate of a ballot, a script asking for
 * it in a loop slows everyone's ballots; at this price it gets a few per second. A catch-up
 * answers a whole snapshot to a cursor out of range, so it is priced as one.
 */
export const EVENT_COSTS: Readonly<Record<string, number>> = {
  'session:sync': 25,
  'meeting:catch-up': 25,
  'directory:list-users': 5,
  'vote:result': 5,
  'document:list': 2,
  'document:versions': 2,
  'document:search': 10,
  'approval:list': 2,
  'annotation:sync': 5,
  'annotation:list-shared': 2,
  'message:list': 2,
  'device:list': 5,
  'invitation:list': 2,
  // The first page walks the hash chains it covers.
  'audit:list': 25,
  // Two password hashes at the full cost (half a second of the threads every sign-in waits
  // for): three at once (a mistyped current password, then the right one), then one and a
  // half a second, over all of a person's sockets.
  'account:change-password': 100,
  // A file read whole (up to 8 MiB of workbook XML); a node also reads one at a time.
  'people:import': 25,
  // A password hashed at the low cost of a generated one.
  'people:create': 5,
  'people:reset-password': 5,
};

export function eventCost(event: string): number {
  return Object.hasOwn(EVENT_COSTS, event) ? (EVENT_COSTS[event] ?? 1) : 1;
}

/**
 * A tablet or the desktop app needs one socket per sign-in; a browser shares its sign-in
 * across tabs, so a few. Past 8 it is a script, not a person.
 */
export const MAX_SOCKETS_PER_SESSION = 8;
/** Room for a person's tablet, laptop and phone with some tabs, and little more. */
export const MAX_SOCKETS_PER_USER = 24;
