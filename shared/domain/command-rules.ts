import type { CommandName } from '../protocol/index.js';
import type { AccessRule } from './access-gates.js';
import { LIFECYCLE_COMMAND_RULES } from './lifecycle-rules.js';
import { MEETING_COMMAND_RULES } from './meeting-command-rules.js';
import { RECORD_COMMAND_RULES } from './record-command-rules.js';
import { ROOM_COMMAND_RULES } from './room-command-rules.js';

// The gates, and the requests' table, kept apart; re-exported so that this stays the one
// module the protocol reference and the server read the rules from.
export * from './access-gates.js';
export { REQUEST_RULES } from './request-rules.js';

/**
 * What a sender must be allowed to send each command, assembled from the tables of each
 * area. The order of the spreads is the order of the protocol reference's tables.
 */
export const COMMAND_RULES: { readonly [N in CommandName]: AccessRule } = {
  ...LIFECYCLE_COMMAND_RULES,
  ...MEETING_COMMAND_RULES,
  ...ROOM_COMMAND_RULES,
  ...RECORD_COMMAND_RULES,
};
