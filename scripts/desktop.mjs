// Starts the desktop app on this checkout (`npm run desktop`, after `npm run build`).
// The Electron binary is downloaded by npm at install time; on machines installed with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1 it is missing, and this says so plainly instead of crashing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The path the `electron` package reports for its binary, if the binary is really there. */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null; // the package throws when its binary was never downloaded
  }
}

function fail(lines) {
  console.error(lines.join('\n'));
  process.exit(1);
}

const binary = electronBinary();
if (!binary) {
  fail([
    'The Electron binary is not installed, so the desktop app cannot start on this machine.',
    'To get it, on a machine with internet access:',
    '  1. npm install            (without ELECTRON_SKIP_BINARY_DOWNLOAD set)',
    "  2. npx electron-builder install-app-deps   (rebuilds better-sqlite3 for Electron's ABI)",
    '  3. npm run desktop',
    'better-sqlite3 then fits Electron only: run `npm rebuild better-sqlite3` before using the server or the tests with Node again.',
    'Everything behind the window (offline cache, outbox, IPC checks) is tested without it: npm test.',
    '',
    'Chưa cài tệp chạy Electron, nên không thể mở ứng dụng máy tính trên máy này.',
    'Cách cài, trên một máy có kết nối Internet:',
    '  1. npm install            (không đặt biến ELECTRON_SKIP_BINARY_DOWNLOAD)',
    '  2. npx electron-builder install-app-deps   (biên dịch lại better-sqlite3 cho ABI của Electron)',
    '  3. npm run desktop',
    'Sau đó better-sqlite3 chỉ chạy được với Electron: chạy `npm rebuild better-sqlite3` trước khi dùng lại máy chủ hoặc các bài kiểm thử với Node.',
    'Toàn bộ phần phía sau cửa sổ (bộ nhớ đệm ngoại tuyến, hàng đợi lệnh, kiểm tra IPC) vẫn được kiểm thử không cần Electron: npm test.',
  ]);
}

const mainFile = join(repoRoot, '.build', 'electron', 'main.js');
if (!existsSync(mainFile)) {
  fail([
    `${mainFile} is missing: run \`npm run build\` first.`,
    `Thiếu ${mainFile}: hãy chạy \`npm run build\` trước.`,
  ]);
}

// Electron reads package.json "main" (.build/electron/main.js) from the folder it is given.
const child = spawn(binary, [repoRoot, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
