import { describe, expect, it } from 'vitest';
import type { ClientApi, ClientState } from './api.js';
import { withStableState } from './stable-state.js';

const state = (n: number): ClientState => ({
  connection: 'online',
  serverUrl: 'http://x',
  user: null,
  meetings: {},
  pendingCommands: n,
  lastSyncAt: null,
  rejected: [],
  documents: {},
  documentProgress: {},
  uploads: [],
  documentNotices: [],
  annotations: {},
  messages: {},
  identity: null,
  approvals: {},
  revokedNotice: null,
});

const offline = { ok: false, error: { code: 'OFFLINE', message: { vi: '', en: '' } } } as const;

/** Like the desktop bridge: every getState() is a fresh clone. */
function cloningBridge() {
  let s = state(0);
  const listeners = new Set<(st: ClientState) => void>();
  const bridge: ClientApi = {
    getState: () => structuredClone(s),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    login: async () => ({
      ok: true,
      data: { id: 'u', username: 'u', displayName: 'U', isAdmin: false, canCreateMeetings: false },
    }),
    logout: async () => undefined,
    send: async () => ({ ok: true, data: { commandId: 'c', meetingId: 'm', seq: 1, replayed: false } }),
    request: async () => ({ ok: true, data: { users: [] } }) as never,
    dismissRejected: async () => undefined,
    uploadDocument: async () => ({ ok: false, error: { code: 'OFFLINE', message: { vi: '', en: '' } } }),
    importPeople: async () => ({ ok: false, error: { code: 'OFFLINE', message: { vi: '', en: '' } } }),
    openDocument: async () => ({ ok: false, error: { code: 'OFFLINE', message: { vi: '', en: '' } } }),
    readDocumentRange: async () => offline,
    dismissDocumentNotice: async () => undefined,
    enrollDevice: async () => offline,
    importOutsideIdentity: async () => offline,
    approveDocument: async () => offline,
    signMinutes: async () => offline,
    forgetIdentity: async () => undefined,
    dismissRevokedNotice: async () => undefined,
    createEnrollmentCode: async () => offline,
    listCertificates: async () => offline,
    revokeCertificate: async () => offline,
    checkServerStatement: async () => ({ valid: false, reason: 'offline' }),
    exportApprovals: async () => offline,
    exportAnnotated: async () => offline,
    exportMinutes: async () => offline,
    askAssistant: async (meetingId, q) =>
      q === 'offline'
        ? offline
        : { ok: true, data: [{ documentId: meetingId, title: 'T', page: 2, passage: q, score: 1, highlights: [] }] },
    actionItems: async () => offline,
    refreshBrief: async () => offline,
  };
  return {
    bridge,
    push: (n: number) => {
      s = state(n);
      for (const l of listeners) l(structuredClone(s));
    },
  };
}

describe('withStableState', () => {
  it('returns the same object until the state changes, then the new one', () => {
    const { bridge, push } = cloningBridge();
    expect(bridge.getState()).not.toBe(bridge.getState());
    const api = withStableState(bridge);
    const first = api.getState();
    expect(api.getState()).toBe(first);
    const seen: number[] = [];
    const stop = api.subscribe((s) => seen.push(s.pendingCommands));
    push(3);
    expect(api.getState()).not.toBe(first);
    expect(api.getState().pendingCommands).toBe(3);
    expect(api.getState()).toBe(api.getState());
    stop();
    push(4);
    expect(seen).toEqual([3]);
  });

  it('passes calls through', async () => {
    const api = withStableState(cloningBridge().bridge);
    expect(await api.send('meeting:publish', { meetingId: 'm' })).toMatchObject({ ok: true });
  });

  it('passes a question to the assistant through, and its answer back', async () => {
    const api = withStableState(cloningBridge().bridge);
    expect(await api.askAssistant('m1', 'ngân sách')).toEqual({
      ok: true,
      data: [{ documentId: 'm1', title: 'T', page: 2, passage: 'ngân sách', score: 1, highlights: [] }],
    });
    expect(await api.askAssistant('m1', 'offline')).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
  });
});
