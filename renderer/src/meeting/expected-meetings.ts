/**
 * Meetings this tab has just created: until the server's next sync brings them, their page
 * says "loading" rather than "not found".
 */
const expected = new Set<string>();

export function expectMeeting(meetingId: string): void {
  expected.add(meetingId);
}

export function isExpectedMeeting(meetingId: string): boolean {
  return expected.has(meetingId);
}
