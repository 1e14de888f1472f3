import { useClientState } from '../client/ClientContext.js';
import { ballotQueue } from './ballot-queue.js';
import { BallotBanner } from './BallotBanner.js';
import { useBallots } from './BallotContext.js';
import { BallotPanel } from './BallotPanel.js';

/**
 * Puts a ballot in front of the person the moment a vote opens, on whatever page they are:
 * the first one due as a panel over the page, those put off for later as banners.
 */
export function BallotHost() {
  const { user, meetings } = useClientState();
  const { local } = useBallots();
  if (!user) return null;
  const queue = ballotQueue(user, meetings, local);
  const front = queue.find((d) => !d.collapsed);
  const later = queue.filter((d) => d.collapsed);
  return (
    <>
      {later.length > 0 && <BallotBanner items={later} />}
      {front && <BallotPanel key={front.vote.id} due={front} userId={user.id} others={queue.length - 1} />}
    </>
  );
}
