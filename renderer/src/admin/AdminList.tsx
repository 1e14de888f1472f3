import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Panel } from '../components/Panel.js';

interface ListProps<T> {
  /**
   * Names the panel and its parts: heading `${name}-heading`, test ids `${name}-list-panel`,
   * `${name}-list-error`, `${name}-action-error` and `${name}-list`.
   */
  name: string;
  title: string;
  /** Beside the title (a count). */
  aside?: ReactNode;
  /** Above the errors and the rows (a search field). */
  filter?: ReactNode;
  /** The list could not be read. */
  listError: ProtocolError | null;
  /** An action on a row was refused. */
  actionError: ProtocolError | null;
  loading: boolean;
  emptyText: string;
  items: readonly T[];
  /** One `AdminListRow` an item. */
  children(item: T): ReactNode;
}

/** The list panel of an admin screen (people, groups): its errors, then loading, nothing, or the rows. */
export function AdminList<T>({
  name,
  title,
  aside,
  filter,
  listError,
  actionError,
  loading,
  emptyText,
  items,
  children,
}: ListProps<T>) {
  const { t } = useTranslation();
  return (
    <Panel title={title} headingId={`${name}-heading`} testId={`${name}-list-panel`} aside={aside}>
      {filter}
      <ErrorMessage error={listError} testId={`${name}-list-error`} />
      <ErrorMessage error={actionError} testId={`${name}-action-error`} />
      {loading ? (
        <p className="empty">{t('people.loading')}</p>
      ) : items.length === 0 ? (
        <p className="empty">{emptyText}</p>
      ) : (
        <ul className="people-list" data-testid={`${name}-list`}>
          {items.map(children)}
        </ul>
      )}
    </Panel>
  );
}

interface RowProps extends Omit<ComponentProps<'li'>, 'className'> {
  name: string;
  /** After the name: badges, details. */
  details: ReactNode;
  /** The row's buttons; none where the user may not act on it. */
  actions?: ReactNode;
  disabled?: boolean;
}

/** One row of an `AdminList`: the name in bold, what follows it, and the buttons. */
export function AdminListRow({ name, details, actions, disabled = false, ...li }: RowProps) {
  return (
    <li className={disabled ? 'people-list__item people-list__item--disabled' : 'people-list__item'} {...li}>
      <div className="people-list__who">
        <strong className="people-list__name">{name}</strong> {details}
      </div>
      {actions && <div className="people-list__actions">{actions}</div>}
    </li>
  );
}

interface RowButtonProps {
  label: string;
  /** Names the row too: a screen reader hears which person or group it acts on. */
  ariaLabel: string;
  onClick(): void;
  danger?: boolean;
  disabled?: boolean;
}

/** A button of an `AdminListRow`. */
export function RowButton({ label, ariaLabel, onClick, danger = false, disabled }: RowButtonProps) {
  return (
    <button
      type="button"
      // Outlined, not filled: a red button on every row makes the list a wall of red.
      className={danger ? 'button button--danger-quiet' : 'button'}
      disabled={disabled}
      onClick={onClick}
      aria-label={ariaLabel}
    >
      {label}
    </button>
  );
}
