import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { removeDataFolder } from '../support/data-folder.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientState, MeetingState } from '../../shared/client/index.js';
import type { BriefPaper } from '../../shared/protocol/index.js';
import { startServer, type DemoAccount, type RunningServer } from '../../server/app.js';
import { openDesktopCore, type DesktopCore, type DesktopCoreOptions } from '../../electron/core/desktop-core.js';

export { waitFor } from '../support/server-harness.js';

/** Temp folders and cores made by one test file, all released by `cleanup`. */
export class DesktopRig {
  private readonly dirs: string[] = [];
  private readonly cores: DesktopCore[] = [];
  server: RunningServer | null = null;
  private serverDir = '';
  private port = 0;
  private accounts: DemoAccount[] = [];

  tempDir(label: string): string {
    const dir = mkdtempSync(join(tmpdir(), `cabinet-desktop-${label}-`));
    this.dirs.push(dir);
    return dir;
  }

  /** First start picks a free port; later starts reuse the same folder and port, so the same URL. */
  async startServer(): Promise<RunningServer> {
    if (!this.serverDir) this.serverDir = this.tempDir('server');
    const server = await startServer({
      dataDir: this.serverDir,
      port: this.port,
      host: '127.0.0.1',
      logLevel: 'silent',
    });
    this.port = server.port;
    if (server.demoAccounts) this.accounts = server.demoAccounts;
    this.server = server;
    return server;
  }

  async stopServer(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  password(username: string): string {
    const account = this.accounts.find((a) => a.username === username);
    if (!account) throw new Error(`no demo account ${username}`);
    return account.password;
  }

  /** A desktop core over the SQLite cache in `dataDir`, reconnecting briskly so tests stay short. */
  openCore(dataDir: string, options: Pick<DesktopCoreOptions, 'documentTransport'> = {}): DesktopCore {
    const core = openDesktopCore({
      ...options,
      dataDir,
      ackTimeoutMs: 3_000,
      socketOptions: { reconnectionDelay: 100, reconnectionDelayMax: 500 },
    });
    this.cores.push(core);
    return core;
  }

  async signIn(core: DesktopCore, username: string): Promise<void> {
    const answer = await core.client.login({ serverUrl: this.url, username, password: this.password(username) });
    if (!answer.ok) throw new Error(`login ${username}: ${answer.error.code}`);
  }

  async cleanup(): Promise<void> {
    for (const core of this.cores.splice(0)) core.close();
    await this.stopServer();
    for (const dir of this.dirs.splice(0)) removeDataFolder(dir);
  }
}

/** The demo meeting as this state holds it, once its agenda has arrived. */
export function demoMeeting(state: ClientState): MeetingState | undefined {
  return Object.values(state.meetings).find((m) => m.meeting.status === 'published' && m.agenda.length > 0);
}

export function countItemsTitled(meeting: MeetingState | undefined, title: string): number {
  return meeting?.agenda.filter((item) => item.title === title).length ?? 0;
}

/** Whether the cache file or its write-ahead log holds `text`, as someone copying the data folder would read them. */
export function cacheHolds(core: DesktopCore, text: string): boolean {
  const files = [core.cacheFile, `${core.cacheFile}-wal`].filter((f) => existsSync(f));
  return Buffer.concat(files.map((f) => readFileSync(f))).includes(Buffer.from(text.normalize('NFC')));
}

/** The paper `documentId` in the brief the core holds for the meeting. */
export function briefPaperIn(core: DesktopCore, meetingId: string, documentId: string): BriefPaper | undefined {
  return core.client
    .getState()
    .briefs?.[meetingId]?.brief.sections.flatMap((s) => s.papers)
    .find((p) => p.documentId === documentId);
}
