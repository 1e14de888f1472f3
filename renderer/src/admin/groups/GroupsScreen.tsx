import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group, Person } from '../../../../shared/protocol/index.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { FormActions } from '../../components/FormActions.js';
import { Panel } from '../../components/Panel.js';
import { TextField } from '../../components/TextField.js';
import { AdminList, AdminListRow, RowButton } from '../AdminList.js';
import { checkText, useProblemText, type FieldProblem } from '../../forms/field-rules.js';
import { useAdminList, useAdminRequest } from '../use-admin-request.js';
import { MemberPicker } from './MemberPicker.js';

/** A group's name and members, new or edited. */
function GroupForm({
  group,
  people,
  onDone,
  onCancel,
}: {
  group: Group | null;
  people: readonly Person[];
  onDone(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { run, busy, error } = useAdminRequest();
  const [name, setName] = useState(group?.name ?? '');
  const [chosen, setChosen] = useState<Set<string>>(new Set(group?.memberIds ?? []));
  const [nameProblem, setNameProblem] = useState<FieldProblem | null>(null);
  const problemText = useProblemText();
  async function submit(event: FormEvent) {
    event.preventDefault();
    // Checked here, in the UI language (noValidate), not by the browser's bubble.
    const problem = checkText(name, { required: true });
    setNameProblem(problem);
    if (problem) return;
    const memberIds = [...chosen];
    const saved = group
      ? await run('group:update', { groupId: group.id, name, memberIds })
      : await run('group:create', { name, memberIds });
    if (saved) onDone();
  }
  return (
    <form className="form group-form" onSubmit={(e) => void submit(e)} noValidate data-testid="group-form">
      <TextField
        label={t('groups.name')}
        value={name}
        onChange={setName}
        required
        maxLength={200}
        error={problemText(nameProblem)}
        testId="group-name"
      />
      <MemberPicker people={people} chosen={chosen} onChange={setChosen} />
      <ErrorMessage error={error} testId="group-form-error" />
      <FormActions submitLabel={t('common.save')} busy={busy} onCancel={onCancel} testIdPrefix="group-form" />
    </form>
  );
}

/** Groups of people, to add to a meeting in one step. */
export function GroupsScreen() {
  const { t } = useTranslation();
  const groups = useAdminList('group:list');
  const people = useAdminList('people:list');
  const { run, error } = useAdminRequest();
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Group | null>(null);
  const nameOf = new Map((people.data?.people ?? []).map((p) => [p.id, p.displayName]));

  async function remove(group: Group) {
    setDeleting(null);
    if (await run('group:delete', { groupId: group.id })) groups.reload();
  }

  return (
    <div className="groups-admin" data-testid="groups-screen">
      <button
        type="button"
        className="button button--primary"
        onClick={() => setEditing('new')}
        data-testid="group-new"
      >
        {t('groups.new')}
      </button>
      {editing && (
        <Panel
          title={editing === 'new' ? t('groups.newTitle') : t('groups.editTitle', { name: editing.name })}
          headingId="group-form-heading"
          testId="group-form-panel"
        >
          <GroupForm
            key={editing === 'new' ? 'new' : editing.id}
            group={editing === 'new' ? null : editing}
            people={people.data?.people ?? []}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              groups.reload();
            }}
          />
        </Panel>
      )}
      <AdminList
        name="groups"
        title={t('groups.title')}
        listError={groups.error ?? people.error}
        actionError={error}
        loading={groups.data === null}
        emptyText={t('groups.none')}
        items={groups.data?.groups ?? []}
      >
        {(g) => (
          <AdminListRow
            key={g.id}
            name={g.name}
            data-testid="group-row"
            details={
              <span className="people-list__meta">
                {t('groups.memberCount', { count: g.memberIds.length })}
                {g.memberIds.length > 0 &&
                  `: ${g.memberIds
                    .slice(0, 5)
                    .map((id) => nameOf.get(id) ?? '…')
                    .join(', ')}${g.memberIds.length > 5 ? ', …' : ''}`}
              </span>
            }
            actions={
              <>
                <RowButton
                  label={t('people.edit')}
                  ariaLabel={t('groups.editAria', { name: g.name })}
                  onClick={() => setEditing(g)}
                />
                <RowButton
                  label={t('groups.delete')}
                  ariaLabel={t('groups.deleteAria', { name: g.name })}
                  danger
                  onClick={() => setDeleting(g)}
                />
              </>
            }
          />
        )}
      </AdminList>
      <ConfirmDialog
        open={deleting !== null}
        title={t('groups.deleteTitle')}
        body={deleting ? t('groups.deleteBody', { name: deleting.name }) : ''}
        confirmLabel={t('groups.delete')}
        danger
        onConfirm={() => deleting && void remove(deleting)}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
