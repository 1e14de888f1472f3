import type { TFunction } from 'i18next';
import type { AuditChainCheck, OtherAuditAction } from '../../../../shared/protocol/index.js';
import { COMMAND_LABEL_KEYS } from '../../i18n/labels.js';

/** Acts the log records that are no socket command (sign-ins, uploads, certificates). */
export const OTHER_ACTION_KEYS = {
  'auth:login': 'audit.action.login',
  'auth:login-failed': 'audit.action.loginFailed',
  'user:create': 'audit.action.userCreate',
  'people:create': 'audit.action.peopleCreate',
  'people:update': 'audit.action.peopleUpdate',
  'people:disable': 'audit.action.peopleDisable',
  'people:enable': 'audit.action.peopleEnable',
  'people:reset-password': 'audit.action.peopleResetPassword',
  'people:import': 'audit.action.peopleImport',
  'account:password-changed': 'audit.action.passwordChanged',
  'group:create': 'audit.action.groupCreate',
  'group:update': 'audit.action.groupUpdate',
  'group:delete': 'audit.action.groupDelete',
  'device:revoke': 'audit.action.deviceRevoke',
  'document:upload': 'audit.action.documentUpload',
  'vote:result-viewed': 'audit.action.voteResultViewed',
  'certificate:issue': 'audit.action.certificateIssue',
  'certificate:revoke': 'audit.action.certificateRevoke',
  'certificate:register-outside': 'audit.action.certificateRegisterOutside',
  'enrollment-code:create': 'audit.action.enrollmentCodeCreate',
  'minutes:distribute': 'audit.action.minutesDistribute',
} as const satisfies Record<OtherAuditAction, string>;

type ActionKey =
  | (typeof COMMAND_LABEL_KEYS)[keyof typeof COMMAND_LABEL_KEYS]
  | (typeof OTHER_ACTION_KEYS)[keyof typeof OTHER_ACTION_KEYS];
const ACTION_KEYS: Readonly<Record<string, ActionKey>> = { ...COMMAND_LABEL_KEYS, ...OTHER_ACTION_KEYS };

/** An action in the UI's language where a label exists, else its own name (a newer server's act). */
export function auditActionLabel(t: TFunction, action: string): string {
  const key = Object.hasOwn(ACTION_KEYS, action) ? ACTION_KEYS[action] : undefined;
  return key ? t(key) : action;
}

/** Which chain, in words: a meeting's title, or the chain of acts outside meetings. */
export function chainName(t: TFunction, check: Pick<AuditChainCheck, 'chain' | 'meetingTitle'>): string {
  if (check.chain === 'global') return t('audit.chain.global');
  return check.meetingTitle ?? t('audit.chain.unknownMeeting', { id: check.chain });
}
