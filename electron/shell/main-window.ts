import { fileURLToPath } from 'node:url';
import { BrowserWindow, app } from 'electron';
import { APP_ENTRY_URL } from '../core/app-origin.js';

/** Built next to main.js by tsc (preload.cts → preload.cjs). */
const PRELOAD_FILE = fileURLToPath(new URL('../preload.cjs', import.meta.url));

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Paperless Cabinet',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: PRELOAD_FILE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
