import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from 'uuidv7';
import type { NumberedAgendaItem } from '../../../shared/domain/index.js';
import { MAX_AGENDA_DEPTH } from '../../../shared/domain/index.js';
import { useCommand } from '../client/use-command.js';
import { SelectField } from '../components/SelectField.js';
import { AgendaItemForm, EMPTY_ITEM, type AgendaItemFields } from './AgendaItemForm.js';

const TOP_LEVEL = '';

interface Props {
  meetingId: string;
  items: readonly NumberedAgendaItem[];
}

/** Adds an item at the end of the agenda, or at the end of one item's sub-items. */
export function AgendaAddForm({ meetingId, items }: Props) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const [parent, setParent] = useState(TOP_LEVEL);
  const parents = items.filter((i) => i.depth + 1 < MAX_AGENDA_DEPTH);
  const parentId = parents.some((p) => p.id === parent) ? parent : TOP_LEVEL;

  async function add(fields: AgendaItemFields) {
    const outcome = await run('agenda:add-item', {
      meetingId,
      itemId: uuidv7(),
      parentId: parentId === TOP_LEVEL ? null : parentId,
      ...fields,
    });
    return outcome !== 'failed';
  }

  return (
    <section className="agenda-add" aria-labelledby="agenda-add-heading">
      <h3 id="agenda-add-heading" className="agenda-add__title">
        {t('agenda.addTitle')}
      </h3>
      <AgendaItemForm
        initial={EMPTY_ITEM}
        submitLabel={t('agenda.add')}
        busy={busy}
        error={error}
        onSubmit={add}
        resetOnSubmit
        testId="agenda-add-form"
        extra={
          <SelectField
            label={t('agenda.parent')}
            value={parentId}
            options={[
              { value: TOP_LEVEL, label: t('agenda.topLevel') },
              ...parents.map((p) => ({
                value: p.id,
                label: t('agenda.underItem', { number: p.number, title: p.title }),
              })),
            ]}
            onChange={setParent}
            testId="agenda-form-parent"
          />
        }
      />
    </section>
  );
}
