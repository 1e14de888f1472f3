import type { Participant } from '../../../shared/protocol/index.js';
import { AttendanceToggle } from './AttendanceToggle.js';
import { PresenceTag } from './PresenceTag.js';

/** Whether a participant list shows presence, and whether it can change it. */
export type AttendanceMode = 'hidden' | 'show' | 'manage';

/** A participant's presence as a list shows it: a tag, or the keeper's switch. */
export function Presence({ participant, mode }: { participant: Participant; mode: AttendanceMode }) {
  if (mode === 'manage') return <AttendanceToggle participant={participant} />;
  if (mode === 'show') return <PresenceTag present={participant.present} />;
  return null;
}
