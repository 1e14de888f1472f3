/**
 * The typed bridge between the sandboxed renderer and the client core in the main process.
 *
 * CommonJS because a sandboxed preload is not loaded as an ES module. It may require
 * 'electron' and nothing else at run time (the sandbox offers no module loader), so every
 * other import here is `import type` and the channel names are a local copy checked against
 * the contract by their type.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ClientApi, ClientState } from '../shared/client/api.js';
import type { ServerTrustApi } from '../shared/client/server-trust.js';
import type { IPC_CHANNELS } from './core/ipc-contract.js';

const CHANNELS: typeof IPC_CHANNELS = {
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
  trustServer: 'cabinet:trust-server',
  serverTrust: 'cabinet:server-trust',
  getState: 'cabinet:get-state',
  state: 'cabinet:state',
};

// Read once, synchronously, before the page's scripts run: getState() is synchronous in the
// contract and the first frame must show the cached meetings, not a flash of the sign-in page.
let state = ipcRenderer.sendSync(CHANNELS.getState) as ClientState;
const listeners = new Set<(next: ClientState) => void>();

ipcRenderer.on(CHANNELS.state, (_event: IpcRendererEvent, next: ClientState) => {
  state = next;
  for (const listener of [...listeners]) listener(next);
});

const bridge = {
  getState: () => state,
  subscribe(listener) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  // The event object never crosses into the page: only the plain answer does.
  login: (input) => ipcRenderer.invoke(CHANNELS.login, input),
  logout: async () => {
    await ipcRenderer.invoke(CHANNELS.logout);
  },
  send: (name, payload) => ipcRenderer.invoke(CHANNELS.send, name, payload),
  request: (name, payload) => ipcRenderer.invoke(CHANNELS.request, name, payload),
  dismissRejected: async (commandId) => {
    await ipcRenderer.invoke(CHANNELS.dismissRejected, commandId);
  },
  // The file crosses as its bytes (a Uint8Array): the main process accepts nothing else.
  uploadDocument: (input) => ipcRenderer.invoke(CHANNELS.uploadDocument, input),
  importPeople: (input) => ipcRenderer.invoke(CHANNELS.importPeople, input),
  openDocument: (documentId, version) =>
    version === undefined
      ? ipcRenderer.invoke(CHANNELS.openDocument, documentId)
      : ipcRenderer.invoke(CHANNELS.openDocument, documentId, version),
  // pdf.js's ranges of a cached paper, one IPC call each: the file never crosses whole.
  readDocumentRange: (sha256, begin, end) => ipcRenderer.invoke(CHANNELS.readDocumentRange, sha256, begin, end),
  dismissDocumentNotice: async (id) => {
    await ipcRenderer.invoke(CHANNELS.dismissDocumentNotice, id);
  },
  // Signing happens in the main process: the PIN goes there, the private key never comes back.
  enrollDevice: (input) => ipcRenderer.invoke(CHANNELS.enrollDevice, input),
  importOutsideIdentity: (input) => ipcRenderer.invoke(CHANNELS.importOutsideIdentity, input),
  approveDocument: (input) => ipcRenderer.invoke(CHANNELS.approveDocument, input),
  signMinutes: (input) => ipcRenderer.invoke(CHANNELS.signMinutes, input),
  forgetIdentity: async () => {
    await ipcRenderer.invoke(CHANNELS.forgetIdentity);
  },
  dismissRevokedNotice: async () => {
    await ipcRenderer.invoke(CHANNELS.dismissRevokedNotice);
  },
  createEnrollmentCode: (userId) => ipcRenderer.invoke(CHANNELS.createEnrollmentCode, userId),
  listCertificates: () => ipcRenderer.invoke(CHANNELS.listCertificates),
  revokeCertificate: (fingerprint, reason) => ipcRenderer.invoke(CHANNELS.revokeCertificate, fingerprint, reason),
  checkServerStatement: (statement, signature) =>
    ipcRenderer.invoke(CHANNELS.checkServerStatement, statement, signature),
  exportApprovals: (meetingId) => ipcRenderer.invoke(CHANNELS.exportApprovals, meetingId),
  exportAnnotated: (input) => ipcRenderer.invoke(CHANNELS.exportAnnotated, input),
  exportMinutes: (meetingId, format) => ipcRenderer.invoke(CHANNELS.exportMinutes, meetingId, format),
  askAssistant: (meetingId, q) => ipcRenderer.invoke(CHANNELS.askAssistant, meetingId, q),
  actionItems: (meetingId) => ipcRenderer.invoke(CHANNELS.actionItems, meetingId),
  refreshBrief: (meetingId) => ipcRenderer.invoke(CHANNELS.refreshBrief, meetingId),
} satisfies ClientApi;

/**
 * What only the desktop can do, beside the client core: pin the meeting CA of an https server.
 * The page gives a server address and a fingerprint; the main process does the rest.
 */
const desktop = {
  trustServer: (serverUrl, fingerprint) => ipcRenderer.invoke(CHANNELS.trustServer, serverUrl, fingerprint),
  serverTrust: (serverUrl) => ipcRenderer.invoke(CHANNELS.serverTrust, serverUrl),
} satisfies ServerTrustApi;

contextBridge.exposeInMainWorld('cabinet', { ...bridge, desktop });
