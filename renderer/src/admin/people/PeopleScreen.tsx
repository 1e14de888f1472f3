import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OneTimePassword, Person, User } from '../../../../shared/protocol/index.js';
import { foldForSearch } from '../../../../shared/domain/search-fold.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Panel } from '../../components/Panel.js';
import { TextField } from '../../components/TextField.js';
import { AdminList, AdminListRow, RowButton } from '../AdminList.js';
import { useAdminList, useAdminRequest } from '../use-admin-request.js';
import { ImportPanel } from './ImportPanel.js';
import { sortPeople } from './sort-people.js';
import { PasswordsShown } from './PasswordsShown.js';
import { PersonForm } from './PersonForm.js';

type Editing = { kind: 'new' } | { kind: 'edit'; person: Person } | { kind: 'import' } | null;

/** Who may sign in: the list (searchable), a new account, an edit, disabling, a new password, an import. */
export function PeopleScreen({ user }: { user: User }) {
  const { t } = useTranslation();
  const { data, error: listError, reload } = useAdminList('people:list');
  const { run, busy, error } = useAdminRequest();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [shown, setShown] = useState<OneTimePassword[] | null>(null);
  const [resetting, setResetting] = useState<Person | null>(null);

  const people = useMemo(() => sortPeople(data?.people ?? []), [data]);
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  const matching = people.filter((p) => {
    const text = foldForSearch([p.displayName, p.username, p.title, p.unit, p.seat, p.email].join(' '));
    return words.every((w) => text.includes(w));
  });

  async function setDisabled(person: Person, disabled: boolean) {
    if (await run('people:set-disabled', { userId: person.id, disabled })) reload();
  }
  async function reset(person: Person) {
    setResetting(null);
    const answer = await run('people:reset-password', { userId: person.id });
    if (answer) {
      setShown([answer.password]);
      reload();
    }
  }
  // An admin's account, and another people manager's, are an admin's business (the server says so too).
  const mayAct = (p: Person) => p.id !== user.id && (user.isAdmin || (!p.isAdmin && !p.managesPeople));

  return (
    <div className="people-admin" data-testid="people-screen">
      <div className="people-admin__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => setEditing({ kind: 'new' })}
          data-testid="person-new"
        >
          {t('people.new')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setEditing({ kind: 'import' })}
          data-testid="people-import-open"
        >
          {t('people.import')}
        </button>
      </div>
      {editing?.kind === 'import' && <ImportPanel onImported={reload} onClose={() => setEditing(null)} />}
      {(editing?.kind === 'new' || editing?.kind === 'edit') && (
        <Panel title={t('people.formPanel')} headingId="person-form-heading" testId="person-form-panel">
          <PersonForm
            key={editing.kind === 'edit' ? editing.person.id : 'new'}
            user={user}
            {...(editing.kind === 'edit' ? { person: editing.person } : {})}
            onCancel={() => setEditing(null)}
            onDone={(_saved, password) => {
              setEditing(null);
              if (password) setShown([password]);
              reload();
            }}
          />
        </Panel>
      )}
      <AdminList
        name="people"
        title={t('people.title')}
        aside={<span className="panel__meta">{t('people.count', { count: people.length })}</span>}
        filter={
          <TextField
            label={t('people.search')}
            type="search"
            value={query}
            onChange={setQuery}
            testId="people-search"
          />
        }
        listError={listError}
        actionError={error}
        loading={data === null && !listError}
        emptyText={t('people.none')}
        items={matching}
      >
        {(p) => (
          <AdminListRow
            key={p.id}
            name={p.displayName}
            disabled={p.disabled}
            data-testid="people-row"
            data-username={p.username}
            details={
              <>
                <span className="people-list__username">({p.username})</span>
                {p.disabled && (
                  <span className="people-list__badge" data-testid="people-row-disabled">
                    {t('people.disabled')}
                  </span>
                )}
                {p.isAdmin && <span className="people-list__badge">{t('people.admin')}</span>}
                <span className="people-list__meta">
                  {[p.title, p.unit, p.seat && t('people.seatShort', { seat: p.seat })].filter(Boolean).join(' · ')}
                </span>
              </>
            }
            actions={
              mayAct(p) && (
                <>
                  <RowButton
                    label={t('people.edit')}
                    ariaLabel={t('people.editAria', { name: p.displayName })}
                    onClick={() => setEditing({ kind: 'edit', person: p })}
                  />
                  <RowButton
                    label={t('people.reset')}
                    ariaLabel={t('people.resetAria', { name: p.displayName })}
                    disabled={busy}
                    onClick={() => setResetting(p)}
                  />
                  <RowButton
                    label={p.disabled ? t('people.enable') : t('people.disable')}
                    ariaLabel={t(p.disabled ? 'people.enableAria' : 'people.disableAria', { name: p.displayName })}
                    danger={!p.disabled}
                    disabled={busy}
                    onClick={() => void setDisabled(p, !p.disabled)}
                  />
                </>
              )
            }
          />
        )}
      </AdminList>
      <ConfirmDialog
        open={resetting !== null}
        title={t('people.resetTitle')}
        body={resetting ? t('people.resetBody', { name: resetting.displayName }) : ''}
        confirmLabel={t('people.reset')}
        onConfirm={() => resetting && void reset(resetting)}
        onCancel={() => setResetting(null)}
      />
      <ConfirmDialog
        open={shown !== null}
        title={t('people.passwordsTitle')}
        confirmLabel={t('people.passwordsDone')}
        onConfirm={() => setShown(null)}
        onCancel={() => setShown(null)}
      >
        {shown && <PasswordsShown accounts={shown} testId="shown-passwords" />}
      </ConfirmDialog>
    </div>
  );
}
