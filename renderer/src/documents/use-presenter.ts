import { useCallback, useEffect, useRef, useState } from 'react';
import { uuidv7 } from 'uuidv7';
import type { Presentation } from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';

/**
 * At most one page sent per this interval: a page turned alone goes at once (followers must
 * be there within a second), pages flicked through quickly are sent once, for the last one.
 */
const SHOW_INTERVAL_MS = 150;

/**
 * The presenter's side of presenter mode: while presenting, every page the reader lands on
 * is sent as `presenter:show`. Another presenter taking over ends this one's turn.
 */
export function usePresenter(meetingId: string, userId: string, presentation: Presentation | null) {
  const client = useClient();
  const [presenting, setPresenting] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const where = useRef<{ documentId: string; page: number } | null>(null);
  const sent = useRef<{ key: string; at: number } | null>(null);

  const show = useCallback(() => {
    window.clearTimeout(timer.current);
    const here = where.current;
    if (!here) return;
    const key = `${here.documentId}#${here.page}`;
    if (sent.current?.key === key) return;
    sent.current = { key, at: Date.now() };
    void client.send('presenter:show', { meetingId, commandId: uuidv7(), ...here });
  }, [client, meetingId]);

  const onPage = useCallback(
    (documentId: string, page: number) => {
      where.current = { documentId, page };
      if (!presenting) return;
      const wait = (sent.current?.at ?? 0) + SHOW_INTERVAL_MS - Date.now();
      window.clearTimeout(timer.current);
      if (wait <= 0) show();
      else timer.current = window.setTimeout(show, wait);
    },
    [presenting, show],
  );

  const start = useCallback(() => {
    setPresenting(true);
    sent.current = null;
    show();
  }, [show]);

  const stop = useCallback(() => {
    window.clearTimeout(timer.current);
    sent.current = null;
    if (presenting) void client.send('presenter:stop', { meetingId, commandId: uuidv7() });
    setPresenting(false);
  }, [client, meetingId, presenting]);

  const takenOver = presentation !== null && presentation.presenterId !== userId;
  useEffect(() => {
    if (presenting && takenOver) setPresenting(false);
  }, [presenting, takenOver]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  return { presenting, start, stop, onPage };
}
