import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { MAX_RANGE_BYTES, type LoginInput } from '../../shared/client/index.js';
import { MAX_IMPORT_BYTES } from '../../shared/protocol/index.js';
import {
  INVOKE_CHANNELS,
  IPC_CHANNELS,
  IpcRefusedError,
  TRUST_CHANNELS,
  handleInvoke,
  type IpcCore,
} from './ipc-contract.js';

interface Call {
  method: string;
  args: unknown[];
}

/** Records what reaches the core; answers like a core would. */
function fakeCore(): IpcCore & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    login: async (input: LoginInput) => {
      calls.push({ method: 'login', args: [input] });
      return {
        ok: true,
        data: { id: uuidv7(), username: input.username, displayName: 'X', isAdmin: false, canCreateMeetings: false },
      };
    },
    logout: async () => {
      calls.push({ method: 'logout', args: [] });
    },
    send: async (name, payload) => {
      calls.push({ method: 'send', args: [name, payload] });
      const commandId = payload.commandId ?? 'missing';
      return { ok: true, data: { commandId, meetingId: uuidv7(), seq: 1, replayed: false } };
    },
    request: async (name, payload) => {
      calls.push({ method: 'request', args: [name, payload] });
      return { ok: true, data: { users: [] } } as never;
    },
    dismissRejected: async (commandId) => {
      calls.push({ method: 'dismissRejected', args: [commandId] });
    },
    uploadDocument: async (input) => {
      calls.push({ method: 'uploadDocument', args: [input] });
      return { ok: false, error: { code: 'OFFLINE', message: { vi: '', en: '' } } };
    },
    importPeople: async (input) => {
      calls.push({ method: 'importPeople', args: [input] });
      return { ok: false, error: { code: 'OFFLINE', message: { vi: '', en: '' } } };
    },
    openDocument: async (documentId, version) => {
      calls.push({ method: 'openDocument', args: [documentId, version] });
      return { ok: true, data: { kind: 'cached', sha256: 'a'.repeat(64), length: 1 } };
    },
    readDocumentRange: async (sha256, begin, end) => {
      calls.push({ method: 'readDocumentRange', args: [sha256, begin, end] });
      return { ok: true, data: new Uint8Array(end - begin) };
    },
    dismissDocumentNotice: async (id) => {
      calls.push({ method: 'dismissDocumentNotice', args: [id] });
    },
    ...signingCalls(calls),
  };
}

const OFFLINE = { ok: false, error: { code: 'OFFLINE', message: { vi: '', en: '' } } } as const;

/** The signing half: records each call, answers offline. */
function signingCalls(calls: Call[]): Pick<IpcCore, Exclude<keyof IpcCore, keyof IpcBase>> {
  const record =
    (method: string) =>
    async (...args: unknown[]) => {
      calls.push({ method, args });
      return OFFLINE;
    };
  return {
    enrollDevice: record('enrollDevice'),
    importOutsideIdentity: record('importOutsideIdentity'),
    approveDocument: record('approveDocument'),
    signMinutes: record('signMinutes'),
    forgetIdentity: async () => void calls.push({ method: 'forgetIdentity', args: [] }),
    dismissRevokedNotice: async () => void calls.push({ method: 'dismissRevokedNotice', args: [] }),
    createEnrollmentCode: record('createEnrollmentCode'),
    listCertificates: record('listCertificates'),
    revokeCertificate: record('revokeCertificate'),
    checkServerStatement: async (...args: unknown[]) => {
      calls.push({ method: 'checkServerStatement', args });
      return { valid: false, reason: 'fake' };
    },
    exportApprovals: record('exportApprovals'),
    exportAnnotated: record('exportAnnotated'),
    exportMinutes: record('exportMinutes'),
    askAssistant: record('askAssistant'),
    actionItems: record('actionItems'),
    refreshBrief: record('refreshBrief'),
  };
}
type IpcBase = Pick<
  IpcCore,
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
>;

const meetingId = uuidv7();
const addItem = {
  meetingId,
  itemId: uuidv7(),
  parentId: null,
  title: '  Thông qua chương trình  ',
  presenter: '',
  plannedMinutes: 10,
};

describe('handleInvoke', () => {
  it('refuses a channel outside the contract', async () => {
    const core = fakeCore();
    for (const channel of ['cabinet:eval', IPC_CHANNELS.getState, IPC_CHANNELS.state, '__proto__', '']) {
      await expect(handleInvoke(core, channel, [])).rejects.toBeInstanceOf(IpcRefusedError);
    }
    expect(core.calls).toEqual([]);
  });

  it('refuses the wrong number of arguments and a name that is not a string', async () => {
    const core = fakeCore();
    await expect(handleInvoke(core, IPC_CHANNELS.login, [])).rejects.toThrow(/takes 1 argument/);
    await expect(handleInvoke(core, IPC_CHANNELS.logout, ['extra'])).rejects.toThrow(/takes 0 argument/);
    await expect(handleInvoke(core, IPC_CHANNELS.send, ['agenda:add-item'])).rejects.toThrow(IpcRefusedError);
    await expect(handleInvoke(core, IPC_CHANNELS.send, [42, addItem])).rejects.toThrow(/must be a string/);
    await expect(handleInvoke(core, IPC_CHANNELS.request, [{}, {}])).rejects.toThrow(/must be a string/);
    expect(core.calls).toEqual([]);
  });

  it('answers malformed login input with VALIDATION_FAILED and never reaches the core', async () => {
    const core = fakeCore();
    const bad: unknown[] = [
      null,
      'http://x',
      { serverUrl: 'javascript:alert(1)', username: 'a', password: 'b' },
      { serverUrl: 'file:///etc/passwd', username: 'a', password: 'b' },
      { serverUrl: 'http://192.168.1.10:8080', username: '', password: 'b' },
      { serverUrl: 'http://192.168.1.10:8080', username: 'a', password: 'b', isAdmin: true },
    ];
    for (const input of bad) {
      const answer = await handleInvoke(core, IPC_CHANNELS.login, [input]);
      expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(core.calls).toEqual([]);
  });

  it('passes a valid login through', async () => {
    const core = fakeCore();
    const input = { serverUrl: 'http://192.168.1.10:8080', username: ' daibieu1 ', password: 'secret' };
    const answer = await handleInvoke(core, IPC_CHANNELS.login, [input]);
    expect(answer).toMatchObject({ ok: true });
    expect(core.calls).toEqual([{ method: 'login', args: [{ ...input, username: 'daibieu1' }] }]);
  });

  it('answers an unknown command or request name with UNKNOWN_EVENT', async () => {
    const core = fakeCore();
    expect(await handleInvoke(core, IPC_CHANNELS.send, ['vote:rig', {}])).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_EVENT' },
    });
    expect(await handleInvoke(core, IPC_CHANNELS.send, ['toString', {}])).toMatchObject({ ok: false });
    expect(await handleInvoke(core, IPC_CHANNELS.request, ['admin:dump', {}])).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_EVENT' },
    });
    expect(core.calls).toEqual([]);
  });

  it('validates a command against its schema before the core sees it', async () => {
    const core = fakeCore();
    const bad: unknown[] = [
      null,
      [],
      'x',
      { ...addItem, meetingId: 'not-a-uuid' },
      { ...addItem, title: '' },
      { ...addItem, plannedMinutes: -1 },
      { ...addItem, extra: 'field' },
      { ...addItem, commandId: 'not-a-uuid' },
    ];
    for (const payload of bad) {
      const answer = await handleInvoke(core, IPC_CHANNELS.send, ['agenda:add-item', payload]);
      expect(answer, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(core.calls).toEqual([]);
  });

  it('adds a command id when the UI leaves it out, and keeps one it gave', async () => {
    const core = fakeCore();
    await handleInvoke(core, IPC_CHANNELS.send, ['agenda:add-item', addItem]);
    const given = uuidv7();
    await handleInvoke(core, IPC_CHANNELS.send, ['agenda:add-item', { ...addItem, commandId: given }]);
    const [first, second] = core.calls;
    const firstPayload = first?.args[1] as Record<string, unknown>;
    expect(firstPayload['commandId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(firstPayload['title']).toBe('Thông qua chương trình'); // the schema's trimmed output
    expect((second?.args[1] as Record<string, unknown>)['commandId']).toBe(given);
  });

  it('passes a ballot without a key to the core, and refuses a ballot key coming from the page', async () => {
    const core = fakeCore();
    const ballot = { meetingId: uuidv7(), voteId: uuidv7(), choices: ['yes'] };
    expect(await handleInvoke(core, IPC_CHANNELS.send, ['vote:cast', ballot])).toMatchObject({ ok: true });
    // The key is the core's secret: a page that sends one (to reuse another person's) is refused.
    const withKey = { ...ballot, ballotKey: 'A'.repeat(43) };
    expect(await handleInvoke(core, IPC_CHANNELS.send, ['vote:cast', withKey])).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(core.calls).toHaveLength(1);
    expect(core.calls[0]?.args[1]).not.toHaveProperty('ballotKey');
  });

  it('validates a request against its schema', async () => {
    const core = fakeCore();
    const refused = await handleInvoke(core, IPC_CHANNELS.request, ['meeting:catch-up', { meetingId, sinceSeq: -1 }]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(core.calls).toEqual([]);
    await handleInvoke(core, IPC_CHANNELS.request, ['directory:list-users', {}]);
    expect(core.calls).toEqual([{ method: 'request', args: ['directory:list-users', {}] }]);
  });

  it('passes a dismissal with a valid command id through, and refuses anything else', async () => {
    const core = fakeCore();
    const id = uuidv7();
    await handleInvoke(core, IPC_CHANNELS.dismissRejected, [id]);
    expect(await handleInvoke(core, IPC_CHANNELS.dismissRejected, ['<script>'])).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    await expect(handleInvoke(core, IPC_CHANNELS.dismissRejected, [])).rejects.toThrow(IpcRefusedError);
    expect(core.calls).toEqual([{ method: 'dismissRejected', args: [id] }]);
  });

  it('passes an upload whose file is its bytes, trimmed by the schema', async () => {
    const core = fakeCore();
    const bytes = new Uint8Array([37, 80, 68, 70]);
    const input = {
      meetingId,
      title: '  Tờ trình số 1  ',
      agendaItemId: uuidv7(),
      visibleTo: { roles: ['chair'] },
      file: { name: 'to-trinh.pdf', size: 4, body: bytes },
    };
    expect(await handleInvoke(core, IPC_CHANNELS.uploadDocument, [input])).toMatchObject({ ok: false });
    const passed = core.calls[0]?.args[0] as typeof input;
    expect(passed.title).toBe('Tờ trình số 1');
    expect(passed.visibleTo).toEqual({ roles: ['chair'], users: [] });
    expect(passed.file.body).toBe(bytes);
  });

  it('refuses an upload whose file is not bytes, or lies about its size, or carries more', async () => {
    const core = fakeCore();
    const file = { name: 'a.pdf', size: 3, body: new Uint8Array(3) };
    const good = { meetingId, title: 'Tờ trình', file };
    const bad: unknown[] = [
      null,
      { ...good, file: { ...file, body: { size: 3, type: 'application/pdf' } } },
      { ...good, file: { ...file, body: [1, 2, 3] } },
      { ...good, file: { ...file, body: 'JVBERi0=' } },
      { ...good, file: { ...file, size: 4 } },
      { ...good, file: { ...file, path: '/etc/passwd' } },
      { ...good, file: { ...file, name: '' } },
      { ...good, meetingId: 'x' },
      { ...good, title: '' },
      { ...good, visibleTo: { users: [], roles: [] } },
      { ...good, serverUrl: 'http://evil' },
    ];
    for (const input of bad) {
      const answer = await handleInvoke(core, IPC_CHANNELS.uploadDocument, [input]);
      expect(answer, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    await expect(handleInvoke(core, IPC_CHANNELS.uploadDocument, [good, good])).rejects.toThrow(IpcRefusedError);
    expect(core.calls).toEqual([]);
  });

  it('passes a people list as its bytes, and refuses one that lies about its size, is too large or carries more', async () => {
    const core = fakeCore();
    const file = { name: 'dai-bieu.csv', size: 3, body: new Uint8Array([97, 44, 98]) };
    const good = { file, dryRun: true };
    expect(await handleInvoke(core, IPC_CHANNELS.importPeople, [good])).toMatchObject({ ok: false });
    expect(core.calls).toEqual([{ method: 'importPeople', args: [good] }]);
    const bad: unknown[] = [
      null,
      { file },
      { ...good, dryRun: 'yes' },
      { ...good, file: { ...file, size: 4 } },
      { ...good, file: { ...file, body: 'YSxi' } },
      { ...good, file: { name: 'big.csv', size: MAX_IMPORT_BYTES + 1, body: new Uint8Array(MAX_IMPORT_BYTES + 1) } },
      { ...good, serverUrl: 'http://evil' },
    ];
    for (const input of bad) {
      const answer = await handleInvoke(core, IPC_CHANNELS.importPeople, [input]);
      expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    await expect(handleInvoke(core, IPC_CHANNELS.importPeople, [good, good])).rejects.toThrow(IpcRefusedError);
    expect(core.calls).toHaveLength(1);
  });

  it('opens a document by id and optional version, and refuses anything else', async () => {
    const core = fakeCore();
    const id = uuidv7();
    await handleInvoke(core, IPC_CHANNELS.openDocument, [id]);
    await handleInvoke(core, IPC_CHANNELS.openDocument, [id, 2]);
    for (const args of [['../../etc/passwd'], [id, 0], [id, 1.5], [id, '2'], [{ id }]]) {
      expect(await handleInvoke(core, IPC_CHANNELS.openDocument, args)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    await expect(handleInvoke(core, IPC_CHANNELS.openDocument, [])).rejects.toThrow(IpcRefusedError);
    await expect(handleInvoke(core, IPC_CHANNELS.openDocument, [id, 1, 2])).rejects.toThrow(IpcRefusedError);
    expect(core.calls).toEqual([
      { method: 'openDocument', args: [id, undefined] },
      { method: 'openDocument', args: [id, 2] },
    ]);
  });

  it('reads a range of a cached copy by its SHA-256, and refuses a path, a bad or an oversized range', async () => {
    const core = fakeCore();
    const sha = 'ab'.repeat(32);
    expect(await handleInvoke(core, IPC_CHANNELS.readDocumentRange, [sha, 0, 65_536])).toMatchObject({ ok: true });
    await handleInvoke(core, IPC_CHANNELS.readDocumentRange, [sha, 1024, 1025]);
    await handleInvoke(core, IPC_CHANNELS.readDocumentRange, [sha, 0, MAX_RANGE_BYTES]);
    const bad: unknown[][] = [
      ['../../etc/passwd', 0, 10],
      [sha.toUpperCase(), 0, 10],
      [`${sha}.part`, 0, 10],
      [sha, -1, 10],
      [sha, 10, 10],
      [sha, 10, 5],
      [sha, 0.5, 10],
      [sha, 0, Number.NaN],
      [sha, 0, Number.POSITIVE_INFINITY],
      [sha, 2 ** 53, 2 ** 53 + 2],
      [sha, 0, MAX_RANGE_BYTES + 1],
      [sha, '0', 10],
      [sha, 0, 10n],
      [{ sha }, 0, 10],
    ];
    for (const args of bad) {
      expect(await handleInvoke(core, IPC_CHANNELS.readDocumentRange, args), String(args)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    await expect(handleInvoke(core, IPC_CHANNELS.readDocumentRange, [sha, 0])).rejects.toThrow(IpcRefusedError);
    await expect(handleInvoke(core, IPC_CHANNELS.readDocumentRange, [sha, 0, 1, 2])).rejects.toThrow(IpcRefusedError);
    expect(core.calls).toEqual([
      { method: 'readDocumentRange', args: [sha, 0, 65_536] },
      { method: 'readDocumentRange', args: [sha, 1024, 1025] },
      { method: 'readDocumentRange', args: [sha, 0, MAX_RANGE_BYTES] },
    ]);
  });

  it('dismisses a document notice by the id the core made, and nothing else', async () => {
    const core = fakeCore();
    const id = `${uuidv7()}:recalled:3`;
    await handleInvoke(core, IPC_CHANNELS.dismissDocumentNotice, [id]);
    for (const bad of ['x', `${uuidv7()}:stolen:1`, 42, null]) {
      expect(await handleInvoke(core, IPC_CHANNELS.dismissDocumentNotice, [bad])).toMatchObject({ ok: false });
    }
    expect(core.calls).toEqual([{ method: 'dismissDocumentNotice', args: [id] }]);
  });

  it('exports an annotated version only for a well-formed request, with nothing more in it', async () => {
    const core = fakeCore();
    const input = { documentId: uuidv7(), version: 2, withShared: true, language: 'vi' };
    await handleInvoke(core, IPC_CHANNELS.exportAnnotated, [input]);
    for (const bad of [
      { ...input, version: 0 },
      { ...input, language: 'fr' },
      { ...input, documentId: '../x' },
      { ...input, path: '/etc/passwd' },
      'x',
    ]) {
      expect(await handleInvoke(core, IPC_CHANNELS.exportAnnotated, [bad])).toMatchObject({ ok: false });
    }
    expect(core.calls).toEqual([{ method: 'exportAnnotated', args: [input] }]);
  });

  it('checks the meeting and the format of a minutes export', async () => {
    const core = fakeCore();
    const meetingId = uuidv7();
    await handleInvoke(core, IPC_CHANNELS.exportMinutes, [meetingId, 'docx']);
    for (const bad of [
      [meetingId, 'odt'],
      ['../x', 'pdf'],
    ]) {
      expect(await handleInvoke(core, IPC_CHANNELS.exportMinutes, bad)).toMatchObject({ ok: false });
    }
    expect(core.calls).toEqual([{ method: 'exportMinutes', args: [meetingId, 'docx'] }]);
  });

  it('checks the meeting and the question asked of the assistant', async () => {
    const core = fakeCore();
    const meetingId = uuidv7();
    await handleInvoke(core, IPC_CHANNELS.askAssistant, [meetingId, 'Ngân sách năm 2026?']);
    for (const bad of [
      [meetingId, ''],
      [meetingId, '   '],
      [meetingId, 'x'.repeat(301)],
      [meetingId, 42],
      [meetingId, { toString: () => 'q' }],
      ['../x', 'ngân sách'],
      [42, 'ngân sách'],
    ]) {
      expect(await handleInvoke(core, IPC_CHANNELS.askAssistant, bad)).toMatchObject({ ok: false });
    }
    await expect(handleInvoke(core, IPC_CHANNELS.askAssistant, [meetingId])).rejects.toThrow(IpcRefusedError);
    await expect(handleInvoke(core, IPC_CHANNELS.askAssistant, [meetingId, 'q', 'extra'])).rejects.toThrow(
      IpcRefusedError,
    );
    expect(core.calls).toEqual([{ method: 'askAssistant', args: [meetingId, 'Ngân sách năm 2026?'] }]);
  });

  it('passes a meeting id for its action items, and nothing else', async () => {
    const core = fakeCore();
    const meetingId = uuidv7();
    await handleInvoke(core, IPC_CHANNELS.actionItems, [meetingId]);
    for (const bad of [['not-an-id'], [42], [{ toString: () => meetingId }]]) {
      expect(await handleInvoke(core, IPC_CHANNELS.actionItems, bad)).toMatchObject({ ok: false });
    }
    await expect(handleInvoke(core, IPC_CHANNELS.actionItems, [meetingId, 'extra'])).rejects.toThrow(IpcRefusedError);
    expect(core.calls).toEqual([{ method: 'actionItems', args: [meetingId] }]);
  });

  it('checks the meeting whose brief is fetched again', async () => {
    const core = fakeCore();
    const meetingId = uuidv7();
    await handleInvoke(core, IPC_CHANNELS.refreshBrief, [meetingId]);
    for (const bad of [['../x'], [42], [{ toString: () => meetingId }], [null]])
      expect(await handleInvoke(core, IPC_CHANNELS.refreshBrief, bad)).toMatchObject({ ok: false });
    await expect(handleInvoke(core, IPC_CHANNELS.refreshBrief, [])).rejects.toThrow(IpcRefusedError);
    await expect(handleInvoke(core, IPC_CHANNELS.refreshBrief, [meetingId, 'extra'])).rejects.toThrow(IpcRefusedError);
    expect(core.calls).toEqual([{ method: 'refreshBrief', args: [meetingId] }]);
  });

  it('passes logout through', async () => {
    const core = fakeCore();
    await handleInvoke(core, IPC_CHANNELS.logout, []);
    expect(core.calls).toEqual([{ method: 'logout', args: [] }]);
  });

  it('the invoke channels, the core ones and the trust ones, are the contract minus the two state channels', () => {
    expect([...INVOKE_CHANNELS, ...TRUST_CHANNELS].sort()).toEqual(
      Object.values(IPC_CHANNELS)
        .filter((c) => c !== IPC_CHANNELS.getState && c !== IPC_CHANNELS.state)
        .sort(),
    );
  });
});
