import type { RequestName } from '../protocol/index.js';
import type { AccessRule } from './access-gates.js';
import { LIFECYCLE_REQUEST_RULES } from './lifecycle-rules.js';
import { VOTE_MANAGER_RULE } from './meeting-command-rules.js';

/** What a sender must be allowed to ask each request (see `AccessGate` in access-gates.ts). */
export const REQUEST_RULES: { readonly [N in RequestName]: AccessRule } = {
  ...LIFECYCLE_REQUEST_RULES,
  'session:sync': {
    gate: 'signed-in',
    conditions: ['The answer lists only the meetings the user may see; a meeting missing from it must be dropped.'],
  },
  'meeting:catch-up': { gate: 'meeting:view', conditions: [] },
  'directory:list-users': {
    gate: 'list-users',
    conditions: [
      'Admins, accounts with `canCreateMeetings` or `managesPeople`, and whoever is the secretary of some meeting.',
    ],
  },
  'people:list': { gate: 'manage-people', conditions: ['Every account, disabled ones too.'] },
  'people:create': {
    gate: 'manage-people',
    conditions: [
      'A user name taken in any case: `CONFLICT`. Only an admin gives `managesPeople` (`FORBIDDEN`). The answer holds the one-time password, shown once; the person must choose another at the next sign-in.',
    ],
  },
  'people:update': {
    gate: 'manage-people',
    conditions: [
      'An unknown account: `NOT_FOUND`. Only an admin changes `managesPeople`, and only an admin edits an admin (`FORBIDDEN`).',
    ],
  },
  'people:set-disabled': {
    gate: 'manage-people',
    conditions: [
      'Nobody disables themselves, and only an admin disables an admin (`FORBIDDEN`). A disabled account is signed out everywhere at once.',
    ],
  },
  'people:reset-password': {
    gate: 'manage-people',
    conditions: [
      "Only an admin resets an admin's password (`FORBIDDEN`). The old password and every session of the person end; the answer holds the one-time password, shown once.",
    ],
  },
  'people:import': {
    gate: 'manage-people',
    conditions: [
      'CSV or .xlsx, header row `username,displayName,title,unit,seat,email`, at most 2000 rows. Any row refused: nobody is created, and `errors` names each row (header = row 1). `dryRun` checks only.',
    ],
  },
  'group:list': { gate: 'list-users', conditions: ['Every group with its members, for choosing participants.'] },
  'group:create': {
    gate: 'manage-people',
    conditions: ['A name another group has (in any case): `CONFLICT`; an unknown member: `NOT_FOUND`.'],
  },
  'group:update': {
    gate: 'manage-people',
    conditions: [
      'Sets the name and the members as a whole. `NOT_FOUND` for an unknown group or member; `CONFLICT` for a taken name.',
    ],
  },
  'account:change-password': {
    gate: 'signed-in',
    conditions: [
      "The sender's own password, the current one given again (`INVALID_CREDENTIALS`; 5 wrong in 10 minutes: `RATE_LIMITED`); the new one at least 10 characters and not the current one (`VALIDATION_FAILED`). Clears `mustChangePassword`; the person's other sessions end (their sockets are cut), this one's sockets then join the person's own room.",
    ],
  },
  'group:delete': { gate: 'manage-people', conditions: ['Meetings the group was added to keep their participants.'] },
  'vote:result': {
    gate: 'vote:manage',
    conditions: [
      VOTE_MANAGER_RULE,
      'Closed, published or cancelled-after-close votes only (`CONFLICT` otherwise). Each look is kept in the audit log.',
    ],
  },
  'document:list': {
    gate: 'meeting:view',
    conditions: [
      'Only the documents the user may see: every participant for an unrestricted one; for a restricted one the users and roles of its `visibleTo`, and the secretaries. After a recall, secretaries and admins only.',
    ],
  },
  'document:versions': {
    gate: 'meeting:view',
    conditions: ['A document the user may not see answers `NOT_FOUND`, like one that does not exist.'],
  },
  'document:search': {
    gate: 'meeting:view',
    conditions: ['Searches only the current versions of the documents the user may see.'],
  },
  'approval:list': {
    gate: 'meeting:view',
    conditions: ['The approvals and rejections of the documents the user may see, every version, oldest first.'],
  },
  'annotation:sync': {
    gate: 'signed-in',
    conditions: [
      "Only the sender's own annotations (tombstones too), written after `sinceRev`, in `rev` order, 500 at a time; only on documents they may still see.",
    ],
  },
  'annotation:list-shared': {
    gate: 'meeting:view',
    conditions: [
      'Annotations others shared in the meeting, on documents the sender may see, every version; never a private one.',
    ],
  },
  'minutes:get': {
    gate: 'minutes:read',
    conditions: [
      'A secretary or the chair (or an admin) of a published or closed meeting; delegates and observers are refused (`FORBIDDEN`).',
      "The draft as last saved (null before the first save) and the pre-fill from the meeting's record as it is now.",
    ],
  },
  'message:list': {
    gate: 'meeting:view',
    conditions: [
      'Only what the asker may see: their own requests (every request for a secretary; those whose sender chose so for the chair), notices to all, notices to them (every notice for the chair and secretaries). Newest first, 500 at most.',
    ],
  },
  'device:list': {
    gate: 'manage-devices',
    conditions: [
      "Admins only (`FORBIDDEN` for anyone else): every person's devices with first and last seen, certificates and revocation.",
    ],
  },
  'device:revoke': {
    gate: 'manage-devices',
    conditions: [
      'Admins only (`FORBIDDEN`). A device and person the server knows (`NOT_FOUND`); already revoked: `CONFLICT`.',
      'Every row of the device id is marked revoked, its certificates revoked (the CRL lists them), the sessions signed in from it ended and its sockets told `device:revoked` and cut; its next sign-in or connection is refused with `DEVICE_REVOKED`. One audit row, in the same transaction.',
    ],
  },
  'certificate:status': {
    gate: 'signed-in',
    conditions: [
      "One of the user's own certificates: `valid` or `revoked` (a revoked device wipes its cache); anyone else's, or none, answers `unknown`.",
    ],
  },
  'audit:list': {
    gate: 'admin',
    conditions: [
      'Admins only (`FORBIDDEN` for everyone else). Newest first, `limit` (default 50) at a time; `next` is the `before` of the following page.',
      "The first page checks every hash chain the filter covers and names where each breaks. A row shows its plain details only, never a vote's result.",
    ],
  },
};
