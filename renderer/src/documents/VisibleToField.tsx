import { useTranslation } from 'react-i18next';
import type { MeetingRole, Participant, VisibleTo } from '../../../shared/protocol/index.js';
import { MEETING_ROLES } from '../../../shared/protocol/index.js';
import { CheckboxField } from '../components/CheckboxField.js';

interface Props {
  /** null: every participant. */
  value: VisibleTo | null;
  participants: readonly Participant[];
  onChange(value: VisibleTo | null): void;
  testId: string;
}

const toggled = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? [...new Set([...list, item])] : list.filter((x) => x !== item);

/**
 * Who may see a paper: everyone in the meeting, or chosen roles and people. Secretaries
 * always see it, so they are not offered.
 */
export function VisibleToField({ value, participants, onChange, testId }: Props) {
  const { t } = useTranslation();
  const restricted = value !== null;
  const users = value?.users ?? [];
  const roles = value?.roles ?? [];
  const update = (next: VisibleTo) => onChange(next);
  return (
    <fieldset className="visible-to" data-testid={testId}>
      <legend className="field__label">{t('documents.visibleTo')}</legend>
      <div className="choice-row">
        <CheckboxField
          label={t('documents.visibleRestrict')}
          checked={restricted}
          onChange={(on) => onChange(on ? { users: [], roles: ['chair'] } : null)}
          testId={`${testId}-restrict`}
        />
      </div>
      {restricted && (
        <div className="visible-to__choices">
          <p className="field__hint">{t('documents.visibleRoles')}</p>
          {MEETING_ROLES.filter((r) => r !== 'secretary').map((role: MeetingRole) => (
            <CheckboxField
              key={role}
              label={t(`role.${role}`)}
              checked={roles.includes(role)}
              onChange={(on) => update({ users, roles: toggled(roles, role, on) })}
              testId={`${testId}-role-${role}`}
            />
          ))}
          <p className="field__hint">{t('documents.visiblePeople')}</p>
          {participants
            .filter((p) => p.role !== 'secretary')
            .map((p) => (
              <CheckboxField
                key={p.userId}
                label={p.displayName}
                checked={users.includes(p.userId)}
                onChange={(on) => update({ roles, users: toggled(users, p.userId, on) })}
                testId={`${testId}-user`}
              />
            ))}
          {users.length + roles.length === 0 && (
            <p className="field__hint field__hint--error" data-testid={`${testId}-empty`}>
              {t('documents.visibleEmpty')}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
