/** Socket.IO room names, in one place so server parts agree on them. */
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
export const userRoom = (userId: string) => `user:${userId}`;
/**
 * Where a person's sockets wait while their session is on a one-time password: told to sync
 * again or cut like the person's own room, sent nothing meant for the person (messages,
 * invitations, documents), which go to `userRoom` only.
 */
export const lockedUserRoom = (userId: string) => `user-locked:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const MEETING_ROOM_PREFIX = 'meeting:';
export const deviceRoom = (deviceId: string) => `device:${deviceId}`;
