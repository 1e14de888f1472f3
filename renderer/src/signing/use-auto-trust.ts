import { useEffect } from 'react';
import { isHttpsAddress } from '../../../shared/client/server-trust.js';
import { useClientState, useClientWiring } from '../client/ClientContext.js';

/**
 * The enrolment link (`#/enroll?code=…&ca=…`) opened on the desktop: its CA fingerprint pins
 * the signed-in server's meeting CA when that server has none pinned yet (the main process
 * checks it against the server's chain first). A pinned CA is never replaced from here.
 */
export function useAutoTrust(caFingerprint: string): void {
  const { serverTrust } = useClientWiring();
  const { serverUrl } = useClientState();
  useEffect(() => {
    if (!serverTrust || !caFingerprint || !serverUrl || !isHttpsAddress(serverUrl)) return;
    void serverTrust.serverTrust(serverUrl).then((pinned) => {
      if (!pinned) void serverTrust.trustServer(serverUrl, caFingerprint);
    });
  }, [serverTrust, caFingerprint, serverUrl]);
}
