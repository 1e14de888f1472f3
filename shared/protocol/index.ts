export * from './votes.js';
export * from './documents.js';
export * from './annotations.js';
export * from './assistant.js';
export * from './action-items.js';
export * from './session.js';
export * from './minutes-draft.js';
export * from './minutes-signing.js';
export * from './messages.js';
export * from './invitations.js';
export * from './meeting-lifecycle.js';
export * from './people.js';
export * from './groups.js';
export * from './certificates.js';
export * from './devices.js';
export * from './entities.js';
export * from './errors.js';
export * from './changes.js';
export * from './commands.js';
export * from './requests.js';
export * from './http.js';
export * from './socket.js';
export * from './minutes.js';
export * from './audit.js';

/** Bumped when a change would break older clients. Sent in /api/health. */
export const PROTOCOL_VERSION = 1;
