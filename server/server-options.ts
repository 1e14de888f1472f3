import type { BackupSchedule, BackupService } from './backup/backup-service.js';
import type { Store } from './db/store.js';
import type { DemoAccount } from './demo/seed-demo.js';
import type { MeetingSocketServer, SocketLimits } from './realtime/socket-server.js';

/** What starts a meeting server (server/main.ts's flags, the tests' harness), and what it hands back. */
export interface StartServerOptions {
  dataDir: string;
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /**
   * On a database with no users: seed the demo meeting (default), or create only an
   * `admin` account with a generated password that is shown once (`firstAdminPassword`).
   */
  seedDemo?: boolean;
  /** Per-socket event budget (benchmarks raise it). */
  socketLimits?: SocketLimits;
  /** Questions to the assistant one person may ask a minute (benchmarks raise it; default 30). */
  assistantAsksPerMinute?: number;
  /** How often sockets of expired or revoked sessions are cut (tests shorten it). */
  sessionSweepMs?: number;
  /** How often the database is asked for open votes past their deadline (default 1 s). */
  dueVoteSweepMs?: number;
  /** `postgres://…` runs on PostgreSQL (several nodes may share it); absent: the SQLite file in dataDir. */
  databaseUrl?: string | undefined;
  /**
   * Addresses or CIDRs of the proxies (the load balancer) whose X-Forwarded-For gives the
   * client's address (`request.ip`, which the sign-in throttle counts); none: the peer's address.
   */
  trustProxy?: string[];
  /**
   * Shows the first admin's password (without the demo). Called before the admin is
   * committed, so a start killed right after the commit has shown it already; if the start
   * fails, the next one makes and shows another.
   */
  onFirstAdminPassword?: (password: string) => void;
  /** The largest document upload, in bytes (default 200 MB). */
  maxDocumentBytes?: number;
  /**
   * HTTPS and WSS on the port (plain HTTP stays open to loopback peers only); default: on
   * unless `host` is a loopback address.
   */
  tls?: boolean | undefined;
  /** DNS names and IP addresses of the TLS certificate; default: the machine's (server/pki/server-names.ts). */
  tlsNames?: string[] | undefined;
  /** The organisation (O) of a meeting CA made on this start (default "Paperless Cabinet"). */
  caOrganization?: string | undefined;
  /** The file of the key that seals the meeting CA's private key (default `<dataDir>.ca-key`). */
  caKeyFile?: string | undefined;
  /** Outside CAs (PEM) whose certificates may be registered as signing identities (`--trust-ca`). */
  trustedCaPems?: string[];
  /** The daily backup; the control channel for `cabinet backup` runs either way (SQLite). */
  backup?: BackupSchedule | undefined;
}

export interface RunningServer {
  /** `https://…` when TLS is on. */
  url: string;
  port: number;
  tls: boolean;
  /** The meeting CA's SHA-256 fingerprint, `AB:CD:…`. */
  caFingerprint: string;
  caCertificatePem: string;
  demoAccounts: DemoAccount[] | null;
  /** Set only on the start that created the first admin without the demo. */
  firstAdminPassword: string | null;
  /** For tests and the admin CLI; the server owns it. */
  store: Store;
  io: MeetingSocketServer;
  backups: BackupService;
  close(): Promise<void>;
}
