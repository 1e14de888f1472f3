import { join } from 'node:path';
import { startServer } from './app.js';
import { ConfigError, readConfig } from './config.js';
import { defaultKeyFile, KeyEncryptionError } from './pki/key-encryption.js';
import { CA_CERTIFICATE_FILE, CA_DIR, MeetingCaError } from './pki/meeting-ca.js';
import { defaultServerNames } from './pki/server-names.js';

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2), process.env);
  const server = await startServer({
    ...config,
    seedDemo: config.demo,
    logLevel: (process.env.CABINET_LOG_LEVEL as 'info' | undefined) ?? 'info',
    // Printed as soon as it is made, before the admin is committed: a start that dies after
    // the commit must not leave an admin whose password nobody saw.
    onFirstAdminPassword: (password) =>
      process.stdout.write(
        [
          '',
          `First start without the demo: sign in as "admin" with ${password}`,
          'This password is shown only now; it is not stored in plain text. (If this start fails and',
          "the next one shows another password, that one is the admin's.)",
          '',
          '',
        ].join('\n'),
      ),
  });
  const lines = [
    '',
    `Paperless Cabinet meeting server is listening on ${server.url}`,
    `  web UI:   ${server.url}/`,
    `  health:   ${server.url}/api/health`,
    `  data:     ${config.dataDir}`,
    `  database: ${server.store.location}`,
    `  CA fingerprint (SHA-256): ${server.caFingerprint}`,
    `  CA certificate: ${join(config.dataDir, CA_DIR, CA_CERTIFICATE_FILE)} (also at ${server.url}/api/pki/ca)`,
    `  CA key file:    ${config.caKeyFile ?? defaultKeyFile(config.dataDir)} (every node needs it; keep it apart from backups of the data)`,
  ];
  if (server.tls) {
    lines.splice(
      3,
      0,
      `  on this machine also http://localhost:${server.port}/ (plain HTTP is served to loopback only)`,
    );
    lines.push(`  TLS names: ${(config.tlsNames ?? defaultServerNames()).join(', ')}`);
  }
  if (server.demoAccounts) {
    lines.push('', 'Demo accounts (passwords made for this data folder):');
    for (const a of server.demoAccounts)
      lines.push(`  ${a.role.padEnd(9)} ${a.username.padEnd(9)} ${a.password}   ${a.displayName}`);
  }
  if (server.firstAdminPassword) lines.push('', "The first admin's password was shown above, once.");
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the meeting server…\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError || error instanceof MeetingCaError || error instanceof KeyEncryptionError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`Cannot start the meeting server: ${message}\n`);
  process.exit(1);
});
