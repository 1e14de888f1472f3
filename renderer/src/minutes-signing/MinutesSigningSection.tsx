import { useEffect, useState } from 'react';
import type { MinutesSigning } from '../../../shared/protocol/index.js';
import { useClient, useClientState } from '../client/ClientContext.js';
import { MinutesSigningPanel } from './MinutesSigningPanel.js';

/**
 * The signing panel on the minutes page, with the round as the server has it: asked when the
 * page opens, and again after every `minutes:changed` (a finalize, a signature, a save that
 * abandoned the round), whoever on whichever device caused it.
 */
export function MinutesSigningSection({ meetingId, draftVersion }: { meetingId: string; draftVersion: number | null }) {
  const client = useClient();
  const { minutesChanged, connection } = useClientState();
  const changed = minutesChanged?.[meetingId];
  const [signing, setSigning] = useState<MinutesSigning | null>(null);
  const online = connection === 'online';
  useEffect(() => {
    if (!online) return;
    let current = true;
    void client.request('minutes:get', { meetingId }).then((ack) => {
      if (current && ack.ok) setSigning(ack.data.signing);
    });
    return () => {
      current = false;
    };
  }, [client, meetingId, online, changed]);
  return <MinutesSigningPanel meetingId={meetingId} state={signing} draftVersion={draftVersion} />;
}
