import { useCallback, useState } from 'react';
import type { MeetingState } from '../../../shared/client/store.js';
import { useCommand } from '../client/use-command.js';
import type { CurrentItemView } from './use-current-item-scroll.js';

/**
 * The meeting page's view of the session: whether this tablet follows the room (on by
 * default), a way to jump back to the current item, and the chair's move to an item.
 */
export function useSessionView(state: MeetingState | undefined, runs: boolean) {
  const [follow, setFollow] = useState(true);
  const [showRequest, setShowRequest] = useState(0);
  const { run } = useCommand();
  const meetingId = state?.meeting.id;
  const started = state !== undefined && state.session.stage !== 'not-started' && state.meeting.status === 'published';
  const current: CurrentItemView = { currentItemId: state?.session.currentItemId ?? null, follow, showRequest };
  const showCurrent = useCallback(() => setShowRequest((n) => n + 1), []);
  const setCurrent = useCallback(
    (itemId: string) => meetingId && void run('agenda:set-current', { meetingId, itemId }),
    [run, meetingId],
  );
  return { follow, setFollow, current, showCurrent, setCurrent: runs && started ? setCurrent : undefined };
}
