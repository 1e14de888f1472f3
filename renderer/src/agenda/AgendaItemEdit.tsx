import { useTranslation } from 'react-i18next';
import type { NumberedAgendaItem } from '../../../shared/domain/index.js';
import { useCommand } from '../client/use-command.js';
import { typedAside } from '../edit/stale-edit.js';
import { StaleEditNotice } from '../edit/StaleEditNotice.js';
import { useStaleEdit } from '../edit/use-stale-edit.js';
import { AgendaItemForm, type AgendaItemFields } from './AgendaItemForm.js';

interface Props {
  meetingId: string;
  item: NumberedAgendaItem;
  onClose(): void;
}

const fieldsOf = (item: AgendaItemFields): AgendaItemFields => ({
  title: item.title,
  presenter: item.presenter,
  plannedMinutes: item.plannedMinutes,
});

/**
 * An agenda item's edit form. It saves against the version it was opened on: if another
 * secretary saved the item meanwhile, the server refuses (STALE_EDIT) and the form shows
 * their text, with what this person typed kept beside each field.
 */
export function AgendaItemEdit({ meetingId, item, onClose }: Props) {
  const { t } = useTranslation();
  const { run, busy, error, clearError } = useCommand();
  const session = useStaleEdit<NumberedAgendaItem, AgendaItemFields>(item);
  const { base, mine } = session;
  const current = fieldsOf(base);

  async function save(fields: AgendaItemFields) {
    const changed: Partial<AgendaItemFields> = typedAside(fields, current);
    const outcome = Object.keys(changed).length
      ? await run(
          'agenda:update-item',
          { meetingId, itemId: item.id, baseVersion: base.version, ...changed },
          session.onRefused(fields),
        )
      : 'done';
    if (outcome !== 'failed') onClose();
    return outcome !== 'failed';
  }

  const asides = mine && !session.restored ? typedAside(mine, current) : undefined;
  return (
    <AgendaItemForm
      key={session.formKey}
      initial={session.restored && mine ? mine : current}
      submitLabel={t('common.save')}
      busy={busy}
      error={error}
      onSubmit={save}
      onCancel={() => {
        clearError();
        onClose();
      }}
      autoFocus
      asides={
        asides && {
          title: asides.title,
          presenter: asides.presenter,
          plannedMinutes: asides.plannedMinutes === undefined ? undefined : String(asides.plannedMinutes),
        }
      }
      notice={mine && <StaleEditNotice restored={session.restored} onRestore={session.restoreMine} />}
      testId="agenda-edit-form"
    />
  );
}
