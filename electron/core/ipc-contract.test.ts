import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { LoginInput } from '../../shared/client/index.js';
import { INVOKE_CHANNELS, IPC_CHANNELS, IpcRefusedError, handleInvoke, type IpcCore } from './ipc-contract.js';

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
  };
}

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

  it('passes logout through', async () => {
    const core = fakeCore();
    await handleInvoke(core, IPC_CHANNELS.logout, []);
    expect(core.calls).toEqual([{ method: 'logout', args: [] }]);
  });

  it('the invoke channels are the contract minus the two state channels', () => {
    expect([...INVOKE_CHANNELS].sort()).toEqual(
      Object.values(IPC_CHANNELS)
        .filter((c) => c !== IPC_CHANNELS.getState && c !== IPC_CHANNELS.state)
        .sort(),
    );
  });
});
