#!/usr/bin/env node
// Installs the npm packages on a fresh machine, with or without internet. Electron's
// postinstall downloads its binary from GitHub; on a LAN-only machine that fails and takes
// the whole install down, so we probe first and skip only the binary when it cannot come.
// Uses nothing but Node, because it runs before any package is installed.
import { spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync } from 'node:fs';

async function reachable(host) {
  try {
    await Promise.race([
      lookup(host),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000)),
    ]);
    return true;
  } catch {
    return false;
  }
}

const env = { ...process.env };
const explicit = env.ELECTRON_SKIP_BINARY_DOWNLOAD !== undefined || env.ELECTRON_MIRROR !== undefined;
if (!explicit && !(await reachable('github.com'))) {
  env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
  console.log(
    'setup: the Electron download host is not reachable: installing without the desktop binary.\n' +
      '       The meeting server, the web UI and every test work; `npm run desktop` explains how to add the desktop app.',
  );
}

const install = (extraEnv) =>
  spawnSync('npm', [existsSync('package-lock.json') ? 'ci' : 'install', '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
  }).status;

let status = install({});
if (status !== 0 && env.ELECTRON_SKIP_BINARY_DOWNLOAD === undefined) {
  console.log('setup: install failed; trying again without the Electron binary download.');
  status = install({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
}
process.exit(status ?? 1);
