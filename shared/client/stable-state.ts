import type { ClientApi, ClientState } from './api.js';

/**
 * Wraps a ClientApi whose getState() returns a new copy on every call (the desktop bridge:
 * contextBridge clones what crosses it) so that getState() returns the same object until
 * the state really changes. React's useSyncExternalStore needs that, or it re-renders
 * forever.
 */
export function withStableState(api: ClientApi): ClientApi {
  let current: ClientState = api.getState();
  const listeners = new Set<(state: ClientState) => void>();
  api.subscribe((state) => {
    current = state;
    for (const listener of listeners) listener(current);
  });
  return {
    getState: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    login: (input) => api.login(input),
    logout: () => api.logout(),
    send: (name, payload) => api.send(name, payload),
    request: (name, payload) => api.request(name, payload),
    dismissRejected: (commandId) => api.dismissRejected(commandId),
    uploadDocument: (input) => api.uploadDocument(input),
    importPeople: (input) => api.importPeople(input),
    openDocument: (documentId, version) => api.openDocument(documentId, version),
    readDocumentRange: (sha256, begin, end) => api.readDocumentRange(sha256, begin, end),
    dismissDocumentNotice: (id) => api.dismissDocumentNotice(id),
    enrollDevice: (input) => api.enrollDevice(input),
    importOutsideIdentity: (input) => api.importOutsideIdentity(input),
    approveDocument: (input) => api.approveDocument(input),
    signMinutes: (input) => api.signMinutes(input),
    forgetIdentity: () => api.forgetIdentity(),
    dismissRevokedNotice: () => api.dismissRevokedNotice(),
    createEnrollmentCode: (userId) => api.createEnrollmentCode(userId),
    listCertificates: () => api.listCertificates(),
    revokeCertificate: (fingerprint, reason) => api.revokeCertificate(fingerprint, reason),
    checkServerStatement: (statement, signature) => api.checkServerStatement(statement, signature),
    exportApprovals: (meetingId) => api.exportApprovals(meetingId),
    exportAnnotated: (input) => api.exportAnnotated(input),
    exportMinutes: (meetingId, format) => api.exportMinutes(meetingId, format),
    askAssistant: (meetingId, q) => api.askAssistant(meetingId, q),
    actionItems: (meetingId) => api.actionItems(meetingId),
    refreshBrief: (meetingId) => api.refreshBrief(meetingId),
  };
}
