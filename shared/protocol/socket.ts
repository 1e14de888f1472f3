import { z } from 'zod';
import { ChangeSchema, type Change } from './changes.js';
import { ProtocolErrorSchema } from './errors.js';
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
  /** One change of a meeting the socket has joined, in sequence order. */
  'meeting:change': (change: Change) => void;
  /** What this user may see has changed (published, added, removed): sync again. */
  'session:refresh': (info: { reason: 'access-changed' }) => void;
  /** An error for an emit that had no acknowledgement to carry it (e.g. an unknown event). */
  'server:error': (error: ProtocolError & { event: string }) => void;
}

/** Schemas of what the server emits, for the generated reference and for outside clients. */
export const SERVER_EVENT_SCHEMAS = {
  'meeting:change': {
    schema: ChangeSchema,
    about:
      'One change of a meeting the socket has joined (by `session:sync`), in sequence order. A gap means: ask `meeting:catch-up`.',
  },
  'session:refresh': {
    schema: z.object({ reason: z.literal('access-changed') }),
    about: 'What this user may see has changed (published, added, removed): call `session:sync` again.',
  },
  'server:error': {
    schema: ProtocolErrorSchema.extend({ event: z.string() }),
    about: 'An error for an emit that had no acknowledgement callback (for example an unknown event).',
  },
} as const satisfies Record<keyof ServerToClientEvents, { schema: z.ZodType; about: string }>;

export interface SocketAuth {
  token: string;
}

/** Socket.IO's per-socket data on the server. */
export interface SocketData {
  userId: string;
  sessionId: string;
}

/** Inbound socket messages are small; documents travel over HTTP only. */
export const SOCKET_MAX_MESSAGE_BYTES = 64 * 1024;
