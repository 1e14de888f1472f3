import { RawWebSocket } from './raw-websocket.js';
import type { Tally } from './fuzz-lanes.js';
import { seeded } from './seeded.js';

/**
 * Frames no Socket.IO client sends, on a WebSocket written by hand: text that is not UTF-8,
 * Engine.IO and Socket.IO packets broken at every level, JSON a client library cannot make
 * (60,000 levels deep, duplicate `__proto__` keys, 1e999), reserved events, binary frames
 * where text is due, WebSocket framing the RFC forbids, frames over the size limit.
 *
 * Each case says what it may get: `answer` (an acknowledgement or `server:error` that refuses
 * it, or the connection closed), `close` (the connection must end), or `probe`: a packet the
 * protocols allow to pass in silence (Engine.IO's close over WebSocket, an acknowledgement of
 * nothing, a binary event still waiting for its attachment), after which an unknown event is
 * sent, and it must be refused, or the connection closed.
 */
export interface FrameCase {
  name: string;
  send(ws: RawWebSocket, ackId: number): void;
  expect: 'answer' | 'close' | 'probe';
}

const MEETING = '01939b3e-1c2d-7e4f-8a9b-0c1d2e3f4a5b';
const junkBytes = [0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80, 0xc3];

export function frameCases(seed: number, count: number): FrameCase[] {
  const random = seeded(seed);
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const withBadUtf8 = (text: string): Buffer => {
    const at = 3 + random.int(Math.max(1, text.length - 3));
    // 0xff is never part of UTF-8: whatever follows, the text is not UTF-8.
    const bad = Buffer.from([
      0xff,
      ...Array.from({ length: random.int(3) }, () => junkBytes[random.int(junkBytes.length)] ?? 0xff),
    ]);
    return Buffer.concat([Buffer.from(text.slice(0, at)), bad, Buffer.from(text.slice(at))]);
  };
  const printable = (n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + random.int(95))).join('');
  const event = (id: number, name: string, payload: string) => `42${id}[${JSON.stringify(name)},${payload}]`;
  const makers: Array<() => FrameCase> = [
    () => ({
      name: 'a text frame that is not UTF-8',
      send: (ws, id) => ws.text(withBadUtf8(event(id, 'session:sync', `{"cursors":{"${MEETING}":1}}`))),
      expect: 'close',
    }),
    () => ({
      name: 'an event name that is not UTF-8',
      send: (ws, id) =>
        ws.text(Buffer.concat([Buffer.from(`42${id}["agenda:`), Buffer.from([0xc0, 0x80]), Buffer.from('"]')])),
      expect: 'close',
    }),
    () => {
      // Its first character is no Socket.IO packet type (a digit): the parser must refuse it.
      const text = `${random.pick(['x', '{', '[', '"', ' ', '-', '/'])}${printable(random.int(200))}`;
      return { name: 'a Socket.IO packet of noise', send: (ws) => ws.text(`4${text}`), expect: 'close' };
    },
    () => {
      const [packet, expect] = random.pick<[string, FrameCase['expect']]>([
        ['42', 'answer'],
        ['42[', 'close'],
        ['42{}', 'close'],
        ['42[]', 'close'],
        ['42[1', 'close'],
        ['42"x"', 'close'],
        ['42[null,{}]', 'close'],
        ['42[{},{}]', 'close'],
        ['49[]', 'close'],
        ['4-', 'close'],
        ['43', 'probe'],
        ['451-', 'probe'],
      ]);
      return { name: `a broken Socket.IO packet ${packet}`, send: (ws) => ws.text(packet), expect };
    },
    () => {
      const name = random.pick([
        'disconnect',
        'disconnecting',
        'connect',
        'connect_error',
        'newListener',
        'removeListener',
      ]);
      return { name: `the reserved event ${name}`, send: (ws, id) => ws.text(event(id, name, '{}')), expect: 'close' };
    },
    () => {
      const depth = 1000 + random.int(30_000);
      return {
        name: `an event ${depth} levels deep`,
        send: (ws, id) =>
          ws.text(event(id, random.pick(['session:sync', 'vote:cast', 'agenda:add-item']), deep(depth))),
        expect: 'answer',
      };
    },
    () => ({
      name: 'JSON with __proto__ keys, twice, and a number past double',
      send: (ws, id) =>
        ws.text(
          event(
            id,
            'agenda:add-item',
            `{"__proto__":{"isAdmin":true},"__proto__":[],"constructor":{"prototype":{"x":1}},"plannedMinutes":1e999,"meetingId":"${MEETING}"}`,
          ),
        ),
      expect: 'answer',
    }),
    () => ({
      name: 'a placeholder without an attachment',
      send: (ws, id) => ws.text(event(id, 'vote:cast', '{"_placeholder":true,"num":0}')),
      expect: 'answer',
    }),
    () => ({
      name: 'a binary event whose attachment comes as text',
      send: (ws, id) => {
        ws.text(`451-${id}["agenda:add-item",{"_placeholder":true,"num":0}]`);
        ws.text('42["session:sync",{}]');
      },
      expect: 'close',
    }),
    () => {
      const bytes = Buffer.from(Array.from({ length: 1 + random.int(300) }, () => random.int(256)));
      return {
        name: 'a binary event with random bytes for its attachment',
        send: (ws, id) => {
          ws.text(
            `451-${id}[${JSON.stringify(random.pick(['agenda:add-item', 'vote:cast', 'session:sync']))},{"_placeholder":true,"num":0}]`,
          );
          ws.frame(bytes, { opcode: 2 });
        },
        expect: 'answer',
      };
    },
    () => {
      const bytes = Buffer.from(Array.from({ length: 1 + random.int(500) }, () => random.int(256)));
      return { name: 'a binary frame out of nowhere', send: (ws) => ws.frame(bytes, { opcode: 2 }), expect: 'close' };
    },
    () => {
      const name = printable(1 + random.int(40));
      return { name: 'an unknown event', send: (ws, id) => ws.text(event(id, name, '{}')), expect: 'answer' };
    },
    () => ({ name: 'an unknown namespace', send: (ws) => ws.text('40/admin,{}'), expect: 'answer' }),
    () => {
      const type = random.pick(['1', '9', 'x', '', '7{}', '\u0000']);
      return {
        name: `Engine.IO packet type ${JSON.stringify(type)}`,
        send: (ws) => ws.text(type),
        expect: type === '1' ? 'probe' : 'close',
      };
    },
    () => {
      const options = random.pick([
        { name: 'reserved bits set', payload: Buffer.from('42["session:sync",{}]'), opcode: 1, rsv: 1 + random.int(7) },
        {
          name: 'a reserved opcode',
          payload: Buffer.from('x'),
          opcode: random.pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]),
        },
        { name: 'an unmasked client frame', payload: Buffer.from('42["session:sync",{}]'), opcode: 1, mask: false },
        { name: 'a continuation with nothing to continue', payload: Buffer.from('x'), opcode: 0 },
        { name: 'a fragmented close frame', payload: Buffer.from([3, 232]), opcode: 8, fin: false },
        { name: 'a ping of 200 bytes', payload: Buffer.alloc(200, 1), opcode: 9 },
      ]);
      return {
        name: `WebSocket framing: ${options.name}`,
        send: (ws) => ws.frame(options.payload, options),
        expect: 'close',
      };
    },
    () => {
      const size = 65 * 1024 + random.int(200_000);
      return {
        name: `a text frame of ${size} bytes`,
        send: (ws, id) => ws.text(event(id, 'agenda:add-item', JSON.stringify({ title: 'x'.repeat(size) }))),
        expect: 'close',
      };
    },
    () => ({
      name: 'a frame header announcing a terabyte',
      send: (ws) => ws.bytes(Buffer.from([0x81, 0xff, 0, 0, 1, 0, 0, 0, 0, 0, 1, 2, 3, 4])),
      expect: 'close',
    }),
  ];
  return Array.from({ length: count }, (_, i) => (makers[i % makers.length] as () => FrameCase)());
}

/** Sends each case on a raw Socket.IO connection (a new one after each close) and checks the outcome. */
export async function frameLane(port: number, token: string, cases: readonly FrameCase[], tally: Tally): Promise<void> {
  let ws: RawWebSocket | null = null;
  let ackId = 1;
  for (const c of cases) {
    ws ??= await RawWebSocket.socketIo(port, token);
    tally.sent += 1;
    const id = ackId++;
    c.send(ws, id);
    if (c.expect === 'probe') ws.text(`42${id}["fuzz:probe",{}]`);
    const outcome = await settle(ws, id);
    if (outcome === 'closed') {
      tally.count('raw: closed');
      ws.destroy();
      ws = null;
    } else if (outcome === 'none') tally.wrong(`raw frame, ${c.name}: neither an answer nor a close in 10 s`);
    else if (c.expect === 'close')
      tally.wrong(`raw frame, ${c.name}: answered ${outcome}, the connection should close`);
    else tally.count('raw: refused');
  }
  ws?.destroy();
}

/** Reads until the refusal of this case comes (its acknowledgement, server:error, a namespace error), or a close. */
async function settle(ws: RawWebSocket, id: number): Promise<'closed' | 'none' | string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const message = await ws.next(Math.max(1, deadline - Date.now()));
    if (message === null) return 'closed';
    if (message === undefined) return 'none';
    const text = typeof message === 'string' ? message : '';
    if (text.startsWith(`43${id}[{"ok":false`)) return text.slice(0, 80);
    if (text.startsWith('42["server:error"')) return text.slice(0, 80);
    if (text.startsWith('44/admin,')) return text.slice(0, 80);
  }
}
