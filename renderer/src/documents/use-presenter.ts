import { useCallback, useEffect, useRef, useState } from 'react';
import { uuidv7 } from 'uuidv7';
import type { Presentation } from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';

/** Pages flipped faster than this are sent once, for the last one: the room follows, not every flick. */
const SHOW_DEBOUNCE_MS = 150;

/**
 * The presenter's side of presenter mode: while presenting, every page the reader lands on
 * is sent as `presenter:show`. Another presenter taking over ends this one's turn.
 */
export function usePresenter(meetingId: string, userId: string, presentation: Presentation | null) {
  const client = useClient();
  const [presenting, setPresenting] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const where = useRef<{ documentId: string; page: number } | null>(null);

  const show = useCallback(() => {
    window.clearTimeout(timer.current);
    if (!where.current) return;
    void client.send('presenter:show', { meetingId, commandId: uuidv7(), ...where.current });
  }, [client, meetingId]);

  const onPage = useCallback(
    (documentId: string, page: number) => {
      where.current = { documentId, page };
      if (!presenting) return;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(show, SHOW_DEBOUNCE_MS);
    },
    [presenting, show],
  );

  const start = useCallback(() => {
    setPresenting(true);
    show();
  }, [show]);

  const stop = useCallback(() => {
    window.clearTimeout(timer.current);
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
