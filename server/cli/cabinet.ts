import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/**
 * `npm run cabinet -- sign IN.pdf OUT.pdf --p12 FILE [--password P] [--reason TEXT] [--name TEXT] [--location TEXT]`
 * `npm run cabinet -- verify FILE [--content FILE] [--ca PEM]... [--data DIR]`
 * `npm run cabinet -- tls-certificate --names a,b --out DIR [--data DIR] [--database URL] [--ca-key-file FILE]`
 * `npm run cabinet -- audit verify [--data DIR] [--database URL]`
 * `npm run cabinet -- backup OUT [--data DIR] [--database URL]`, `restore IN --data DIR`
 * Works without a server. The commands load on demand: a usage error costs no crypto library. Exit 0: done (verify: at least one signature, every one valid and
 * trusted); 1: refused or not valid; 2: usage.
 */

const USAGE = `Usage:
  cabinet sign IN.pdf OUT.pdf --p12 FILE [--password P] [--reason TEXT] [--name TEXT] [--location TEXT]
      Adds a signature (PAdES B-B) to IN.pdf, written to OUT.pdf; signing OUT.pdf again adds another.
  cabinet verify FILE [--content FILE] [--ca PEM]... [--data DIR]
      Verifies a signed PDF, or a detached CMS signature (DER or PEM) of --content FILE, against the
      meeting CA of the data folder (DIR/ca/meeting-ca.pem; DIR defaults to $CABINET_DATA_DIR or "data")
      and every certificate of each --ca PEM file.
  cabinet tls-certificate --names a,b --out DIR [--data DIR] [--database URL] [--ca-key-file FILE]
      Issues a TLS certificate of the meeting CA for a load balancer that ends TLS in front of the
      nodes (tablets trust that CA alone): DIR/server.pem (certificate, then CA) and DIR/server.key.
      With SQLite, stop the server first (it holds the database alone).
  cabinet audit verify [--data DIR] [--database URL]
      Checks every hash chain of the audit log and names the row where one breaks. A running
      server (SQLite) is asked; else the file is read (DIR may be a backup folder).
  cabinet backup OUT [--data DIR] [--database URL]
      A consistent copy of the data folder into OUT (new or empty): the running server makes
      it (SQLite), or the CLI when none runs. Not the CA key file: keep that apart. With
      PostgreSQL, the folder beside the database (dump the database with pg_dump).
  cabinet restore IN --data DIR
      Checks the backup IN (integrity, audit chains, document hashes) and restores it into DIR,
      which must be new or empty.
Exit status: 0 valid / done, 1 not valid / failed, 2 usage error.`;

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'sign') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        p12: { type: 'string' },
        password: { type: 'string' },
        reason: { type: 'string' },
        name: { type: 'string' },
        location: { type: 'string' },
      },
    });
    if (positionals.length !== 2 || !values.p12) throw new UsageError('sign needs IN.pdf, OUT.pdf and --p12 FILE');
    const [input, output] = positionals as [string, string];
    const { signCommand } = await import('./sign-command.js');
    return signCommand(
      { input, output, p12: values.p12, ...pick(values, ['password', 'reason', 'name', 'location']) },
      print,
    );
  }
  if (command === 'verify') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { content: { type: 'string' }, ca: { type: 'string', multiple: true }, data: { type: 'string' } },
    });
    if (positionals.length !== 1) throw new UsageError('verify needs exactly one FILE');
    const dataDir = values.data ?? process.env['CABINET_DATA_DIR'] ?? 'data';
    const args = { file: positionals[0]!, cas: values.ca ?? [], dataDir, ...pick(values, ['content']) };
    const { verifyCommand } = await import('./verify-command.js');
    return verifyCommand(args, print);
  }
  if (command === 'tls-certificate') {
    const { values } = parseArgs({
      args: rest,
      options: {
        names: { type: 'string' },
        out: { type: 'string' },
        data: { type: 'string' },
        database: { type: 'string' },
        'ca-key-file': { type: 'string' },
      },
    });
    if (!values.names || !values.out) throw new UsageError('tls-certificate needs --names and --out');
    const { tlsCertificateCommand } = await import('./tls-certificate-command.js');
    return tlsCertificateCommand(
      {
        names: values.names,
        out: values.out,
        dataDir: resolve(values.data ?? process.env['CABINET_DATA_DIR'] ?? 'data'),
        databaseUrl: values.database ?? (process.env['CABINET_DATABASE_URL'] || undefined),
        caKeyFile: values['ca-key-file'] ?? (process.env['CABINET_CA_KEY_FILE'] || undefined),
      },
      print,
    );
  }
  if (command === 'audit') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { data: { type: 'string' }, database: { type: 'string' } },
    });
    if (positionals.join(' ') !== 'verify') throw new UsageError('audit needs "verify"');
    const { auditVerifyCommand } = await import('./audit-command.js');
    return auditVerifyCommand(where(values), print);
  }
  if (command === 'backup' || command === 'restore') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { data: { type: 'string' }, database: { type: 'string' } },
    });
    if (positionals.length !== 1) throw new UsageError(`${command} needs exactly one folder`);
    const folder = positionals[0]!;
    const { backupCommand, restoreCommand } = await import('./backup-command.js');
    if (command === 'backup') return backupCommand({ out: folder, ...where(values) }, print);
    if (!values.data) throw new UsageError('restore needs --data DIR (a new or empty folder)');
    return restoreCommand({ input: folder, dataDir: resolve(values.data) }, print);
  }
  throw new UsageError(command ? `unknown command "${command}"` : 'no command');
}

/** The data folder and database, as the server takes them. */
function where(values: { data?: string | undefined; database?: string | undefined }): {
  dataDir: string;
  databaseUrl: string | undefined;
} {
  return {
    dataDir: resolve(values.data ?? process.env['CABINET_DATA_DIR'] ?? 'data'),
    databaseUrl: values.database ?? (process.env['CABINET_DATABASE_URL'] || undefined),
  };
}

function pick<T extends Record<string, unknown>, K extends keyof T>(
  values: T,
  keys: K[],
): { [P in K]?: Exclude<T[P], undefined> } {
  const out: { [P in K]?: Exclude<T[P], undefined> } = {};
  for (const key of keys) if (values[key] !== undefined) out[key] = values[key] as Exclude<T[K], undefined>;
  return out;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const usage =
      e instanceof UsageError || (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`cabinet: ${e instanceof Error ? e.message : String(e)}\n`);
    if (usage) process.stderr.write(`\n${USAGE}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
