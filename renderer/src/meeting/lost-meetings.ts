/**
 * Meetings this tab has shown the user as one of their participants. When such a meeting
 * then leaves the client's state (the next sync drops a meeting the user was removed from),
 * its page says so instead of "not found".
 */
const participantOf = new Set<string>();

export function noteParticipant(meetingId: string): void {
  participantOf.add(meetingId);
}

export function wasParticipant(meetingId: string): boolean {
  return participantOf.has(meetingId);
}
