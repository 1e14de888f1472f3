import { BrowserWindow, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { MeetingClient } from '../../shared/client/index.js';
import { isAppUrl } from '../core/app-origin.js';
import {
  INVOKE_CHANNELS,
  IPC_CHANNELS,
  IpcRefusedError,
  TRUST_CHANNELS,
  handleInvoke,
  handleTrustInvoke,
  type IpcTrust,
} from '../core/ipc-contract.js';
import { relayState } from '../core/state-relay.js';

/** Only the app's own page, in its top frame, may talk to the core. */
function isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/**
 * Wires the contract to the core. The sender is checked before the payload is looked at;
 * the payload is then validated by handleInvoke before the core sees it.
 * Returns a function that removes every handler and stops the state relay.
 */
export function registerIpcHandlers(client: MeetingClient, trust: IpcTrust): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) throw new IpcRefusedError('sender is not the app');
      return handleInvoke(client, channel, args);
    });
  }
  for (const channel of TRUST_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) throw new IpcRefusedError('sender is not the app');
      return handleTrustInvoke(trust, channel, args);
    });
  }
  ipcMain.on(IPC_CHANNELS.getState, (event) => {
    event.returnValue = isTrustedSender(event) ? client.getState() : null;
  });
  const stopRelay = relayState(client, (state) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(IPC_CHANNELS.state, state);
    }
  });
  return () => {
    stopRelay();
    for (const channel of [...INVOKE_CHANNELS, ...TRUST_CHANNELS]) ipcMain.removeHandler(channel);
    ipcMain.removeAllListeners(IPC_CHANNELS.getState);
  };
}
