/** Socket.IO room names, in one place so server parts agree on them. */
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const MEETING_ROOM_PREFIX = 'meeting:';
export const deviceRoom = (deviceId: string) => `device:${deviceId}`;
