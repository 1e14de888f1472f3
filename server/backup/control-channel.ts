import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, rmSync, statSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The running server's local control channel, so that `cabinet backup` and `cabinet audit
 * verify` reach a server that holds its SQLite file alone: a Unix socket beside the data
 * folder (`<data>.control.sock`, like the CA key file `<data>.ca-key`), made 0600 (only the
 * server's OS user may connect); beside it rather than in it, so that the folder holds files
 * only and every copy or walk of it reads them. One JSON line asked, one answered. On
 * Windows a named pipe named after the data folder.
 */
export function controlSocketPath(dataDir: string): string {
  const folder = resolve(dataDir);
  if (process.platform === 'win32')
    return `\\\\.\\pipe\\paperless-cabinet-${createHash('sha256').update(folder).digest('hex').slice(0, 24)}`;
  return `${folder}.control.sock`;
}

export const ControlRequestSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('backup'), out: z.string().min(1).max(4096) }),
  z.strictObject({ op: z.literal('audit-verify') }),
]);
export type ControlRequest = z.infer<typeof ControlRequestSchema>;
export type ControlAnswer = { ok: true; data: unknown } | { ok: false; error: string };

const MAX_LINE = 64 * 1024;

export async function startControlChannel(
  dataDir: string,
  answer: (request: ControlRequest) => Promise<unknown>,
): Promise<{ close(): Promise<void> }> {
  const path = controlSocketPath(dataDir);
  // The server holds the database alone, so a socket file there is what a killed server left.
  if (process.platform !== 'win32') rmSync(path, { force: true });
  const server: Server = createServer((socket) => serve(socket, answer));
  // Made 0600 as it is bound: the bind happens inside listen(), so the umask (the whole
  // process's) is narrowed around that call alone, never across an await.
  const umask = narrowUmask();
  let listening: Promise<void>;
  try {
    listening = new Promise<void>((done, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        done();
      });
    });
  } finally {
    if (umask !== null) process.umask(umask);
  }
  await listening;
  if (process.platform !== 'win32') chmodSync(path, 0o600);
  return {
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        if (process.platform !== 'win32') rmSync(path, { force: true });
      }),
  };
}

/** The process's umask narrowed to 0177; null where it cannot be set (a worker thread: the chmod after the bind does). */
function narrowUmask(): number | null {
  try {
    return process.umask(0o177);
  } catch {
    return null;
  }
}

function serve(socket: Socket, answer: (request: ControlRequest) => Promise<unknown>): void {
  let buffered = '';
  const reply = (a: ControlAnswer) => socket.end(`${JSON.stringify(a)}\n`);
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    if (buffered.length > MAX_LINE) return reply({ ok: false, error: 'request too long' });
    const end = buffered.indexOf('\n');
    if (end < 0) return;
    socket.pause();
    let parsed: ControlRequest;
    try {
      parsed = ControlRequestSchema.parse(JSON.parse(buffered.slice(0, end)));
    } catch {
      return reply({ ok: false, error: 'not a control request' });
    }
    answer(parsed).then(
      (data) => reply({ ok: true, data }),
      (error: unknown) => reply({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

/**
 * Asks the server running on `dataDir`; null when none listens there (no socket, or one a
 * stopped server left behind). Only a socket the server could have made is asked: itself at
 * the path (not a symlink), 0600, owned by the data folder's owner or by the caller. Anything
 * else there was put by someone else (a parent folder others may write to), and would answer
 * "intact" or "written" for a server that is stopped: it is refused, named.
 */
export function askServer(dataDir: string, request: ControlRequest): Promise<ControlAnswer | null> {
  const untrusted = process.platform === 'win32' ? null : foreignSocket(dataDir);
  if (untrusted) return Promise.reject(new Error(untrusted));
  return new Promise((resolve, reject) => {
    const socket = connect(controlSocketPath(dataDir));
    let text = '';
    let connected = false;
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify(request)}\n`);
    });
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(text) as ControlAnswer);
      } catch {
        reject(new Error('the running server gave no answer'));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected && ['ENOENT', 'ECONNREFUSED', 'ENOTSOCK'].includes(error.code ?? '')) resolve(null);
      else reject(error);
    });
  });
}

/** Why the file at the control socket's path is not one this data folder's server made; null: it may be (or there is none). */
function foreignSocket(dataDir: string): string | null {
  const path = controlSocketPath(dataDir);
  let found;
  try {
    found = lstatSync(path);
  } catch {
    return null;
  }
  const owners = new Set([process.getuid?.()]);
  try {
    owners.add(statSync(resolve(dataDir)).uid);
  } catch {
    // No data folder: only the caller's own socket.
  }
  const why = !found.isSocket()
    ? 'it is not a socket (a symlink or a file)'
    : (found.mode & 0o077) !== 0
      ? `others may connect to it (mode ${(found.mode & 0o777).toString(8)})`
      : !owners.has(found.uid)
        ? `it belongs to user ${found.uid}, not to the data folder's owner`
        : null;
  return why
    ? `${path} is not this server's control socket: ${why}. Remove it (and find out who put it there), then try again.`
    : null;
}
