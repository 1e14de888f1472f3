import { join } from 'node:path';
import { Menu, app, dialog, protocol, type BrowserWindow } from 'electron';
import { serveAppFile } from './core/app-files.js';
import { APP_SCHEME } from './core/app-origin.js';
import { buildContentSecurityPolicy } from './core/content-security-policy.js';
import { openDesktopCore, type DesktopCore } from './core/desktop-core.js';
import { safeStorageSealer } from './shell/safe-storage-sealer.js';
import { safeStorageIdentitySealer } from './identity/safe-storage-identity-sealer.js';
import { denyAllPermissions, enforceContentSecurityPolicy, hardenAllWebContents } from './shell/harden.js';
import { registerIpcHandlers } from './shell/ipc-handlers.js';
import { createMainWindow } from './shell/main-window.js';

/**
 * The desktop shell: one window, the client core beside it, nothing else. Every decision that
 * can be made without Electron lives in ./core and is tested in plain Node.
 */

// Must happen before `ready`: gives app:// a real, secure origin of its own.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same SQLite cache and race on its outbox.
  app.quit();
} else {
  run();
}

function run(): void {
  let core: DesktopCore | null = null;
  let unregisterIpc: (() => void) | null = null;
  let mainWindow: BrowserWindow | null = null;

  /** The LAN server set up for this tablet, and the one the user signed in to. */
  const policy = () =>
    buildContentSecurityPolicy(
      [process.env['CABINET_SERVER_URL'], core?.client.getState().serverUrl].filter((u): u is string => !!u),
    );

  hardenAllWebContents();

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', () => {
    unregisterIpc?.();
    core?.close();
    core = null;
  });

  void app.whenReady().then(() => {
    try {
      core = openDesktopCore({
        dataDir: app.getPath('userData'),
        sealer: safeStorageSealer((m) => console.warn(m)),
        // Signing keys are sealed under the PIN, and again by the OS key store where there is one.
        identitySealer: safeStorageIdentitySealer((m) => console.warn(m)),
        // The meeting CAs pinned per server (electron/tls/) are read from the same folder now.
        warn: (m) => console.warn(m),
      });
    } catch (error) {
      dialog.showErrorBox(
        'Paperless Cabinet',
        `Không mở được bộ nhớ đệm ngoại tuyến.\nThe offline cache could not be opened.\n\n${String(error)}`,
      );
      app.exit(1);
      return;
    }
    if (app.isPackaged) Menu.setApplicationMenu(null);
    denyAllPermissions();
    enforceContentSecurityPolicy(policy);
    const rendererDir = join(app.getAppPath(), '.build', 'renderer');
    protocol.handle(APP_SCHEME, (request) => serveAppFile(rendererDir, request.url, policy()));
    unregisterIpc = registerIpcHandlers(core.client, core);
    core.client.start();
    mainWindow = createMainWindow();
  });
}
