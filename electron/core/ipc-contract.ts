import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { ClientApi, CommandInput } from '../../shared/client/index.js';
import type { ServerTrustApi } from '../../shared/client/server-trust.js';
import {
  COMMAND_SCHEMAS,
  IdSchema,
  REQUEST_SCHEMAS,
  isCommandName,
  isRequestName,
  protocolError,
  validationError,
  type RequestPayload,
} from '../../shared/protocol/index.js';
import {
  ApproveInputSchema,
  EnrollInputSchema,
  ImportIdentityInputSchema,
  RevokeArgsSchema,
  SignMinutesInputSchema,
  StatementArgsSchema,
} from '../identity/signing-ipc-schemas.js';
import {
  AnnotatedExportInputSchema,
  AskAssistantArgsSchema,
  DocumentRangeArgsSchema,
  LoginInputSchema,
  MinutesFormatSchema,
  NoticeIdSchema,
  PeopleImportInputSchema,
  TrustServerArgsSchema,
  UploadInputSchema,
} from './ipc-schemas.js';

// Where the tests and the preload's checks have always found them.
export {
  DocumentRangeArgsSchema,
  LoginInputSchema,
  MAX_IPC_UPLOAD_BYTES,
  PeopleImportInputSchema,
  TrustServerArgsSchema,
  UploadInputSchema,
} from './ipc-schemas.js';

/**
 * The one contract between the preload bridge and the main process. The preload cannot import
 * this file at run time (a sandboxed preload may only require 'electron'), so it declares its
 * own copy typed as `typeof IPC_CHANNELS`: a renamed channel is a compile error on both sides.
 */
export const IPC_CHANNELS = {
  login: 'cabinet:login',
  logout: 'cabinet:logout',
  send: 'cabinet:send',
  request: 'cabinet:request',
  dismissRejected: 'cabinet:dismiss-rejected',
  uploadDocument: 'cabinet:upload-document',
  importPeople: 'cabinet:import-people',
  openDocument: 'cabinet:open-document',
  readDocumentRange: 'cabinet:read-document-range',
  dismissDocumentNotice: 'cabinet:dismiss-document-notice',
  exportAnnotated: 'cabinet:export-annotated',
  exportMinutes: 'cabinet:export-minutes',
  askAssistant: 'cabinet:ask-assistant',
  actionItems: 'cabinet:action-items',
  refreshBrief: 'cabinet:refresh-brief',
  enrollDevice: 'cabinet:enroll-device',
  importOutsideIdentity: 'cabinet:import-outside-identity',
  approveDocument: 'cabinet:approve-document',
  signMinutes: 'cabinet:sign-minutes',
  forgetIdentity: 'cabinet:forget-identity',
  dismissRevokedNotice: 'cabinet:dismiss-revoked-notice',
  createEnrollmentCode: 'cabinet:create-enrollment-code',
  listCertificates: 'cabinet:list-certificates',
  revokeCertificate: 'cabinet:revoke-certificate',
  checkServerStatement: 'cabinet:check-server-statement',
  exportApprovals: 'cabinet:export-approvals',
  /** The desktop's trust in an https server (its pinned meeting CA); no part of ClientApi. */
  trustServer: 'cabinet:trust-server',
  serverTrust: 'cabinet:server-trust',
  /** Synchronous, once, when the preload loads: the state to render first. */
  getState: 'cabinet:get-state',
  /** Main to renderer: the new state after every change. */
  state: 'cabinet:state',
} as const;

type InvokeMethod =
  | 'login'
  | 'logout'
  | 'send'
  | 'request'
  | 'dismissRejected'
  | 'uploadDocument'
  | 'importPeople'
  | 'openDocument'
  | 'readDocumentRange'
  | 'dismissDocumentNotice'
  | 'exportAnnotated'
  | 'exportMinutes'
  | 'askAssistant'
  | 'actionItems'
  | 'refreshBrief'
  | SigningMethod;
/** The signing half: every signature is made here, in the main process; the key never crosses. */
type SigningMethod =
  | 'enrollDevice'
  | 'importOutsideIdentity'
  | 'approveDocument'
  | 'signMinutes'
  | 'forgetIdentity'
  | 'dismissRevokedNotice'
  | 'createEnrollmentCode'
  | 'listCertificates'
  | 'revokeCertificate'
  | 'checkServerStatement'
  | 'exportApprovals';
export type InvokeChannel = (typeof IPC_CHANNELS)[InvokeMethod];
export const INVOKE_CHANNELS: readonly InvokeChannel[] = [
  IPC_CHANNELS.login,
  IPC_CHANNELS.logout,
  IPC_CHANNELS.send,
  IPC_CHANNELS.request,
  IPC_CHANNELS.dismissRejected,
  IPC_CHANNELS.uploadDocument,
  IPC_CHANNELS.importPeople,
  IPC_CHANNELS.openDocument,
  IPC_CHANNELS.readDocumentRange,
  IPC_CHANNELS.dismissDocumentNotice,
  IPC_CHANNELS.exportAnnotated,
  IPC_CHANNELS.exportMinutes,
  IPC_CHANNELS.askAssistant,
  IPC_CHANNELS.actionItems,
  IPC_CHANNELS.refreshBrief,
  IPC_CHANNELS.enrollDevice,
  IPC_CHANNELS.importOutsideIdentity,
  IPC_CHANNELS.approveDocument,
  IPC_CHANNELS.signMinutes,
  IPC_CHANNELS.forgetIdentity,
  IPC_CHANNELS.dismissRevokedNotice,
  IPC_CHANNELS.createEnrollmentCode,
  IPC_CHANNELS.listCertificates,
  IPC_CHANNELS.revokeCertificate,
  IPC_CHANNELS.checkServerStatement,
  IPC_CHANNELS.exportApprovals,
];

/** What of the core the IPC layer reaches; a test passes a fake. */
export type IpcCore = Pick<ClientApi, InvokeMethod>;

/** The desktop's own channels, beside the client core's: the pinned CA per server. */
export type TrustChannel = (typeof IPC_CHANNELS)['trustServer' | 'serverTrust'];
export const TRUST_CHANNELS: readonly TrustChannel[] = [IPC_CHANNELS.trustServer, IPC_CHANNELS.serverTrust];
export type IpcTrust = ServerTrustApi;

export function isTrustChannel(channel: string): channel is TrustChannel {
  return (TRUST_CHANNELS as readonly string[]).includes(channel);
}

/** Validates a call of a trust channel; what reaches the trust is a URL and a fingerprint, never a path. */
export async function handleTrustInvoke(trust: IpcTrust, channel: string, args: readonly unknown[]): Promise<unknown> {
  if (!isTrustChannel(channel)) throw new IpcRefusedError(`unknown channel ${JSON.stringify(channel)}`);
  switch (channel) {
    case IPC_CHANNELS.trustServer: {
      expectArity(channel, args, 2);
      const parsed = TrustServerArgsSchema.safeParse(args);
      return parsed.success ? trust.trustServer(...parsed.data) : { ok: false, error: validationError(parsed.error) };
    }
    case IPC_CHANNELS.serverTrust: {
      expectArity(channel, args, 1);
      const url = z
        .url({ protocol: /^https?$/ })
        .max(2000)
        .safeParse(args[0]);
      return url.success ? trust.serverTrust(url.data) : null;
    }
  }
}

/** A call that is not part of the contract at all: wrong channel, wrong arity, wrong types. */
export class IpcRefusedError extends Error {
  constructor(reason: string) {
    super(`IPC call refused: ${reason}`);
    this.name = 'IpcRefusedError';
  }
}

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return (INVOKE_CHANNELS as readonly string[]).includes(channel);
}

/**
 * Validates one call from the renderer and only then hands it to the core. Calls outside the
 * contract throw (the renderer's invoke rejects); a well-formed call with bad content answers
 * an Ack with the protocol's error, as the server would, so the UI handles both alike.
 */
export async function handleInvoke(core: IpcCore, channel: string, args: readonly unknown[]): Promise<unknown> {
  if (!isInvokeChannel(channel)) throw new IpcRefusedError(`unknown channel ${JSON.stringify(channel)}`);
  switch (channel) {
    case IPC_CHANNELS.login: {
      expectArity(channel, args, 1);
      const input = LoginInputSchema.safeParse(args[0]);
      if (!input.success) return { ok: false, error: validationError(input.error) };
      return core.login(input.data);
    }
    case IPC_CHANNELS.logout:
      expectArity(channel, args, 0);
      return core.logout();
    case IPC_CHANNELS.send: {
      expectArity(channel, args, 2);
      const [name, payload] = args;
      if (typeof name !== 'string') throw new IpcRefusedError('command name must be a string');
      if (!isCommandName(name)) return { ok: false, error: protocolError('UNKNOWN_EVENT') };
      if (!isPlainRecord(payload)) return { ok: false, error: protocolError('VALIDATION_FAILED') };
      // The id is made here when the UI leaves it out, so the schema can check the whole command.
      const withId = { ...payload, commandId: payload['commandId'] ?? uuidv7() };
      // A ballot key is the core's own secret: the page never supplies one (nor sees one).
      const schema =
        name === 'vote:cast' ? COMMAND_SCHEMAS['vote:cast'].omit({ ballotKey: true }) : COMMAND_SCHEMAS[name];
      const parsed = schema.safeParse(withId);
      if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
      return core.send(name, parsed.data as CommandInput<typeof name>);
    }
    case IPC_CHANNELS.request: {
      expectArity(channel, args, 2);
      const [name, payload] = args;
      if (typeof name !== 'string') throw new IpcRefusedError('request name must be a string');
      if (!isRequestName(name)) return { ok: false, error: protocolError('UNKNOWN_EVENT') };
      const parsed = REQUEST_SCHEMAS[name].request.safeParse(payload);
      if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
      return core.request(name, parsed.data as RequestPayload<typeof name>);
    }
    case IPC_CHANNELS.dismissRejected: {
      expectArity(channel, args, 1);
      const commandId = z.uuid().safeParse(args[0]);
      if (!commandId.success) return { ok: false, error: validationError(commandId.error) };
      return core.dismissRejected(commandId.data);
    }
    case IPC_CHANNELS.uploadDocument: {
      expectArity(channel, args, 1);
      const input = UploadInputSchema.safeParse(args[0]);
      if (!input.success) return { ok: false, error: validationError(input.error) };
      return core.uploadDocument(input.data);
    }
    case IPC_CHANNELS.importPeople: {
      expectArity(channel, args, 1);
      const input = PeopleImportInputSchema.safeParse(args[0]);
      if (!input.success) return { ok: false, error: validationError(input.error) };
      return core.importPeople(input.data);
    }
    case IPC_CHANNELS.openDocument: {
      if (args.length !== 1 && args.length !== 2) throw new IpcRefusedError(`${channel} takes 1 or 2 arguments`);
      const documentId = IdSchema.safeParse(args[0]);
      if (!documentId.success) return { ok: false, error: validationError(documentId.error) };
      const version = z.number().int().positive().max(1_000_000).optional().safeParse(args[1]);
      if (!version.success) return { ok: false, error: validationError(version.error) };
      return core.openDocument(documentId.data, version.data);
    }
    case IPC_CHANNELS.readDocumentRange: {
      expectArity(channel, args, 3);
      const range = DocumentRangeArgsSchema.safeParse(args);
      if (!range.success) return { ok: false, error: validationError(range.error) };
      return core.readDocumentRange(...range.data);
    }
    case IPC_CHANNELS.dismissDocumentNotice: {
      expectArity(channel, args, 1);
      const id = NoticeIdSchema.safeParse(args[0]);
      if (!id.success) return { ok: false, error: validationError(id.error) };
      return core.dismissDocumentNotice(id.data);
    }
    case IPC_CHANNELS.exportAnnotated: {
      expectArity(channel, args, 1);
      const input = AnnotatedExportInputSchema.safeParse(args[0]);
      if (!input.success) return { ok: false, error: validationError(input.error) };
      return core.exportAnnotated(input.data);
    }
    case IPC_CHANNELS.exportMinutes: {
      expectArity(channel, args, 2);
      const meetingId = IdSchema.safeParse(args[0]);
      if (!meetingId.success) return { ok: false, error: validationError(meetingId.error) };
      const format = MinutesFormatSchema.safeParse(args[1]);
      if (!format.success) return { ok: false, error: validationError(format.error) };
      return core.exportMinutes(meetingId.data, format.data);
    }
    case IPC_CHANNELS.askAssistant: {
      expectArity(channel, args, 2);
      const ask = AskAssistantArgsSchema.safeParse(args);
      if (!ask.success) return { ok: false, error: validationError(ask.error) };
      return core.askAssistant(...ask.data);
    }
    case IPC_CHANNELS.actionItems: {
      expectArity(channel, args, 1);
      const meetingId = IdSchema.safeParse(args[0]);
      if (!meetingId.success) return { ok: false, error: validationError(meetingId.error) };
      return core.actionItems(meetingId.data);
    }
    case IPC_CHANNELS.refreshBrief: {
      expectArity(channel, args, 1);
      const meetingId = IdSchema.safeParse(args[0]);
      if (!meetingId.success) return { ok: false, error: validationError(meetingId.error) };
      return core.refreshBrief(meetingId.data);
    }
    default:
      return handleSigningInvoke(core, channel, args);
  }
}

type SigningChannel = (typeof IPC_CHANNELS)[SigningMethod];

/** The signing calls, validated like the others; a refused statement check answers `valid: false`. */
async function handleSigningInvoke(core: IpcCore, channel: SigningChannel, args: readonly unknown[]): Promise<unknown> {
  const refused = (error: z.ZodError) => ({ ok: false, error: validationError(error) });
  switch (channel) {
    case IPC_CHANNELS.enrollDevice: {
      expectArity(channel, args, 1);
      const input = EnrollInputSchema.safeParse(args[0]);
      if (!input.success) return refused(input.error);
      const { caFingerprint, ...rest } = input.data;
      return core.enrollDevice(caFingerprint ? { ...rest, caFingerprint } : rest);
    }
    case IPC_CHANNELS.importOutsideIdentity: {
      expectArity(channel, args, 1);
      const input = ImportIdentityInputSchema.safeParse(args[0]);
      return input.success ? core.importOutsideIdentity(input.data) : refused(input.error);
    }
    case IPC_CHANNELS.approveDocument: {
      expectArity(channel, args, 1);
      const input = ApproveInputSchema.safeParse(args[0]);
      if (!input.success) return refused(input.error);
      const { reason, ...rest } = input.data;
      return core.approveDocument(reason === undefined ? rest : { ...rest, reason });
    }
    case IPC_CHANNELS.signMinutes: {
      expectArity(channel, args, 1);
      const input = SignMinutesInputSchema.safeParse(args[0]);
      return input.success ? core.signMinutes(input.data) : refused(input.error);
    }
    case IPC_CHANNELS.forgetIdentity:
      expectArity(channel, args, 0);
      return core.forgetIdentity();
    case IPC_CHANNELS.dismissRevokedNotice:
      expectArity(channel, args, 0);
      return core.dismissRevokedNotice();
    case IPC_CHANNELS.createEnrollmentCode: {
      expectArity(channel, args, 1);
      const userId = IdSchema.safeParse(args[0]);
      return userId.success ? core.createEnrollmentCode(userId.data) : refused(userId.error);
    }
    case IPC_CHANNELS.listCertificates:
      expectArity(channel, args, 0);
      return core.listCertificates();
    case IPC_CHANNELS.revokeCertificate: {
      expectArity(channel, args, 2);
      const parsed = RevokeArgsSchema.safeParse(args);
      return parsed.success ? core.revokeCertificate(...parsed.data) : refused(parsed.error);
    }
    case IPC_CHANNELS.checkServerStatement: {
      expectArity(channel, args, 2);
      const parsed = StatementArgsSchema.safeParse(args);
      if (!parsed.success) return { valid: false, reason: 'not a statement and its signature' };
      return core.checkServerStatement(...parsed.data);
    }
    case IPC_CHANNELS.exportApprovals: {
      expectArity(channel, args, 1);
      const meetingId = IdSchema.safeParse(args[0]);
      return meetingId.success ? core.exportApprovals(meetingId.data) : refused(meetingId.error);
    }
  }
}

function expectArity(channel: string, args: readonly unknown[], count: number): void {
  if (args.length !== count) throw new IpcRefusedError(`${channel} takes ${count} argument(s), got ${args.length}`);
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
