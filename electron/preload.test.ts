import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { ClientApi, ClientState } from '../shared/client/index.js';
import { IPC_CHANNELS } from './core/ipc-contract.js';

/**
 * Runs the preload's own source the way a sandboxed renderer would: as CommonJS, with a
 * `require` that knows only 'electron' — here a fake one, so no Electron is needed.
 */
const source = readFileSync(new URL('./preload.cts', import.meta.url), 'utf8');
const compiled = ts.transpileModule(source, {
  fileName: 'preload.cts',
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
}).outputText;

function state(connection: ClientState['connection'], pendingCommands = 0): ClientState {
  return {
    connection,
    serverUrl: null,
    user: null,
    meetings: {},
    pendingCommands,
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
  };
}

function loadPreload(initial: ClientState) {
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const sentSync: string[] = [];
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      sendSync: (channel: string) => {
        sentSync.push(channel);
        return initial;
      },
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return { ok: true, data: null };
      },
      on: (channel: string, handler: (event: unknown, ...args: unknown[]) => void) => handlers.set(channel, handler),
    },
  };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  new Function('require', 'process', 'exports', 'module', compiled)(sandboxRequire, {}, module.exports, module);
  const push = (next: ClientState) => handlers.get(IPC_CHANNELS.state)?.({ sender: 'ipc' }, next);
  return { bridge: exposed.get('cabinet') as ClientApi, exposed, invoked, sentSync, required, push };
}

describe('preload bridge', () => {
  it("requires nothing but 'electron' and exposes only window.cabinet", () => {
    const { required, exposed } = loadPreload(state('signed-out'));
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['cabinet']);
  });

  it('reads the first state once, synchronously, at load', () => {
    const initial = state('offline', 2);
    const { bridge, sentSync } = loadPreload(initial);
    expect(sentSync).toEqual([IPC_CHANNELS.getState]);
    expect(bridge.getState()).toBe(initial);
  });

  it('keeps the last pushed state and tells subscribers, until they unsubscribe', () => {
    const { bridge, push } = loadPreload(state('offline'));
    const seen: ClientState['connection'][] = [];
    const unsubscribe = bridge.subscribe((s) => seen.push(s.connection));
    const online = state('online');
    push(online);
    expect(bridge.getState()).toBe(online);
    unsubscribe();
    push(state('offline'));
    expect(seen).toEqual(['online']);
    expect(bridge.getState().connection).toBe('offline');
  });

  it('turns each call into one invoke on its channel, without the IPC event', async () => {
    const { bridge, invoked } = loadPreload(state('signed-out'));
    const login = { serverUrl: 'http://lan:8080', username: 'daibieu1', password: 'x' };
    await bridge.login(login);
    await bridge.send('meeting:publish', { meetingId: 'm' });
    await bridge.request('directory:list-users', {});
    await expect(bridge.logout()).resolves.toBeUndefined();
    const file = { name: 'to-trinh.pdf', size: 3, body: new Uint8Array([1, 2, 3]) };
    await bridge.uploadDocument({ meetingId: 'm', title: 'Tờ trình', file });
    const list = { name: 'dai-bieu.csv', size: 3, body: new Uint8Array([1, 2, 3]) };
    await bridge.importPeople({ file: list, dryRun: true });
    await bridge.openDocument('d');
    await bridge.openDocument('d', 2);
    await bridge.readDocumentRange('s', 0, 65_536);
    await expect(bridge.dismissDocumentNotice('n')).resolves.toBeUndefined();
    await bridge.askAssistant('m', 'ngân sách năm 2026');
    await bridge.refreshBrief('m');
    expect(invoked).toEqual([
      [IPC_CHANNELS.login, login],
      [IPC_CHANNELS.send, 'meeting:publish', { meetingId: 'm' }],
      [IPC_CHANNELS.request, 'directory:list-users', {}],
      [IPC_CHANNELS.logout],
      [IPC_CHANNELS.uploadDocument, { meetingId: 'm', title: 'Tờ trình', file }],
      [IPC_CHANNELS.importPeople, { file: list, dryRun: true }],
      // No trailing undefined: the contract counts arguments.
      [IPC_CHANNELS.openDocument, 'd'],
      [IPC_CHANNELS.openDocument, 'd', 2],
      [IPC_CHANNELS.readDocumentRange, 's', 0, 65_536],
      [IPC_CHANNELS.dismissDocumentNotice, 'n'],
      [IPC_CHANNELS.askAssistant, 'm', 'ngân sách năm 2026'],
      [IPC_CHANNELS.refreshBrief, 'm'],
    ]);
  });
});
