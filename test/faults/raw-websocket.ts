import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A WebSocket client written out by hand over TCP, so that a test can send what no client
 * library would: text frames that are not UTF-8, reserved bits and opcodes, unmasked frames,
 * frames larger than the server takes, Engine.IO and Socket.IO packets broken at any byte.
 */
export class RawWebSocket {
  private buffer = Buffer.alloc(0);
  private readonly inbox: Array<string | Buffer> = [];
  private wake: (() => void) | null = null;
  private upgraded = false;
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (d: Buffer) => this.read(d));
    const end = () => {
      this.closed = true;
      this.wake?.();
    };
    socket.on('close', end);
    socket.on('error', end);
  }

  /** Opens `path` on the server with the WebSocket handshake; rejects unless answered 101. */
  static async open(port: number, path: string): Promise<RawWebSocket> {
    const socket = connect({ host: '127.0.0.1', port });
    const ws = new RawWebSocket(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    const deadline = Date.now() + 5000;
    while (!ws.upgraded) {
      if (ws.closed || Date.now() > deadline) {
        socket.destroy();
        throw new Error(`no WebSocket upgrade for ${path}`);
      }
      await ws.sleep(deadline - Date.now());
    }
    return ws;
  }

  /** Engine.IO's open, then Socket.IO's CONNECT with the session token: ready for events. */
  static async socketIo(port: number, token: string): Promise<RawWebSocket> {
    const ws = await RawWebSocket.open(port, '/socket.io/?EIO=4&transport=websocket');
    const open = await ws.next(5000);
    if (typeof open !== 'string' || !open.startsWith('0')) throw new Error(`no Engine.IO open: ${String(open)}`);
    ws.text(`40${JSON.stringify({ token })}`);
    const connected = await ws.next(5000);
    if (typeof connected !== 'string' || !connected.startsWith('40')) {
      ws.destroy();
      throw new Error(`Socket.IO CONNECT refused: ${String(connected)}`);
    }
    return ws;
  }

  /** A frame as given: any opcode, reserved bits, masked or not, final or not. */
  frame(payload: Buffer, options: { opcode?: number; fin?: boolean; rsv?: number; mask?: boolean } = {}): void {
    const { opcode = 1, fin = true, rsv = 0, mask = true } = options;
    const length = payload.length;
    const head: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)];
    const maskBit = mask ? 0x80 : 0;
    if (length < 126) head.push(maskBit | length);
    else if (length < 65536) head.push(maskBit | 126, length >> 8, length & 0xff);
    else {
      head.push(maskBit | 127, 0, 0, 0, 0);
      head.push((length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff);
    }
    let body: Buffer = payload;
    const parts: Buffer[] = [Buffer.from(head)];
    if (mask) {
      const key = randomBytes(4);
      body = Buffer.alloc(length);
      for (let i = 0; i < length; i++) body[i] = (payload[i] ?? 0) ^ (key[i & 3] ?? 0);
      parts.push(key);
    }
    parts.push(body);
    if (!this.socket.destroyed) this.socket.write(Buffer.concat(parts));
  }

  text(data: string | Buffer): void {
    this.frame(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, { opcode: 1 });
  }

  /** Raw bytes on the TCP connection, past any framing. */
  bytes(data: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(data);
  }

  /**
   * The next message (Engine.IO pings are answered and skipped), or null once the
   * connection is closed; undefined when nothing came within `timeoutMs`.
   */
  async next(timeoutMs: number): Promise<string | Buffer | null | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = this.inbox.shift();
      if (message === '2') {
        this.text('3');
        continue;
      }
      if (message !== undefined) return message;
      if (this.closed) return null;
      if (Date.now() >= deadline) return undefined;
      await this.sleep(deadline - Date.now());
    }
  }

  destroy(): void {
    this.socket.destroy();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(1, ms));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private read(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    if (!this.upgraded) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const head = this.buffer.subarray(0, end).toString('latin1');
      this.buffer = this.buffer.subarray(end + 4);
      if (!/^HTTP\/1\.1 101/.test(head)) {
        this.socket.destroy();
        return;
      }
      this.upgraded = true;
    }
    for (;;) {
      if (this.buffer.length < 2) break;
      const opcode = (this.buffer[0] ?? 0) & 0x0f;
      let length = (this.buffer[1] ?? 0) & 0x7f;
      let at = 2;
      if (length === 126) {
        if (this.buffer.length < 4) break;
        length = this.buffer.readUInt16BE(2);
        at = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) break;
        length = Number(this.buffer.readBigUInt64BE(2));
        at = 10;
      }
      if (this.buffer.length < at + length) break;
      const payload = this.buffer.subarray(at, at + length);
      this.buffer = this.buffer.subarray(at + length);
      if (opcode === 8) {
        // The server's close frame: the connection is over.
        this.closed = true;
        this.socket.destroy();
      } else if (opcode === 1) this.inbox.push(payload.toString('utf8'));
      else if (opcode === 2) this.inbox.push(Buffer.from(payload));
    }
    this.wake?.();
  }
}
