import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { uuidv7 } from 'uuidv7';
import type { NumberedAgendaItem } from '../../../shared/domain/index.js';
import { useClientState } from '../client/ClientContext.js';
import { useCommand } from '../client/use-command.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import type { AgendaMove, ItemMoves } from './agenda-moves.js';
import { AgendaItemEdit } from './AgendaItemEdit.js';
import { AgendaItemForm, EMPTY_ITEM, type AgendaItemFields } from './AgendaItemForm.js';
import { AgendaItemSummary } from './AgendaItemSummary.js';
import { AgendaMoveButtons } from './AgendaMoveButtons.js';
import { deleteImpact, type DeleteImpact } from './delete-impact.js';

interface Props {
  meetingId: string;
  item: NumberedAgendaItem;
  moves: ItemMoves;
  /** While dragged: the level it would land at, so the row shows it before the drop. */
  projectedDepth: number | null;
  moving: boolean;
  /** The item the room is on. */
  current?: boolean;
  onMove(itemId: string, move: AgendaMove, viaButton?: string): void;
}

type Mode = 'view' | 'edit' | 'add-sub';

export function AgendaRow({ meetingId, item, moves, projectedDepth, moving, current = false, onMove }: Props) {
  const { t } = useTranslation();
  const sortable = useSortable({ id: item.id });
  const { run, busy, error, clearError } = useCommand();
  const [mode, setMode] = useState<Mode>('view');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const held = useClientState().meetings[meetingId];
  const depth = projectedDepth ?? item.depth;

  async function addSub(fields: AgendaItemFields) {
    const outcome = await run('agenda:add-item', { meetingId, itemId: uuidv7(), parentId: item.id, ...fields });
    if (outcome !== 'failed') setMode('view');
    return outcome !== 'failed';
  }

  const close = () => {
    clearError();
    setMode('view');
  };

  return (
    <li
      ref={sortable.setNodeRef}
      style={{ transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition }}
      className={`agenda-item agenda-item--editable agenda-item--depth-${depth}${sortable.isDragging ? ' agenda-item--dragging' : ''}${current ? ' agenda-item--current' : ''}`}
      data-testid="agenda-item"
      data-item-id={item.id}
      data-depth={item.depth}
      data-current={current}
      aria-current={current ? 'step' : undefined}
    >
      <div className="agenda-row">
        <button
          type="button"
          className="drag-handle"
          aria-label={t('agenda.dragHandle', { number: item.number, title: item.title })}
          data-testid="agenda-item-drag"
          ref={sortable.setActivatorNodeRef}
          {...sortable.attributes}
          {...sortable.listeners}
        >
          <span aria-hidden="true">⠿</span>
        </button>
        {mode === 'edit' ? (
          <AgendaItemEdit meetingId={meetingId} item={item} onClose={() => setMode('view')} />
        ) : (
          <AgendaItemSummary item={item} />
        )}
      </div>
      {mode !== 'edit' && (
        <div className="agenda-row__actions">
          <AgendaMoveButtons
            item={item}
            moves={moves}
            disabled={moving}
            onMove={(move, key) => onMove(item.id, move, key)}
          />
          <div className="button-row">
            <button
              type="button"
              className="button button--small"
              data-testid="agenda-item-edit"
              onClick={() => {
                clearError();
                setMode('edit');
              }}
            >
              {t('agenda.edit')}
            </button>
            {item.depth === 0 && (
              <button
                type="button"
                className="button button--small"
                data-testid="agenda-item-add-sub"
                aria-expanded={mode === 'add-sub'}
                onClick={() => setMode(mode === 'add-sub' ? 'view' : 'add-sub')}
              >
                {t('agenda.addSub')}
              </button>
            )}
            <button
              type="button"
              className="button button--small button--danger-quiet"
              data-testid="agenda-item-delete"
              onClick={() => setConfirmDelete(true)}
            >
              {t('agenda.delete')}
            </button>
          </div>
        </div>
      )}
      {mode === 'view' && <ErrorMessage error={error} testId="agenda-item-error" />}
      {mode === 'add-sub' && (
        <div className="agenda-row__sub-form">
          <AgendaItemForm
            initial={EMPTY_ITEM}
            submitLabel={t('agenda.addSubSubmit', { number: item.number })}
            busy={busy}
            error={error}
            onSubmit={addSub}
            onCancel={close}
            autoFocus
            testId="agenda-add-sub-form"
          />
        </div>
      )}
      {confirmDelete && (
        <ConfirmDialog
          open
          danger
          title={t('agenda.deleteConfirmTitle', { number: item.number, title: item.title })}
          body={deleteWarning(deleteImpact(item.id, held?.agenda ?? [], held?.votes ?? []), t)}
          confirmLabel={t('agenda.delete')}
          cancelLabel={t('confirm.dontDelete')}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            void run('agenda:remove-item', { meetingId, itemId: item.id, baseVersion: item.version });
          }}
        />
      )}
    </li>
  );
}

/** Said only when there is something to say: sub-items deleted along, votes left on no item. */
function deleteWarning(impact: DeleteImpact, t: TFunction): string | undefined {
  const lines = [
    ...(impact.subItems > 0 ? [t('confirm.subItems', { count: impact.subItems })] : []),
    ...(impact.votes > 0 ? [t('confirm.votes', { count: impact.votes })] : []),
  ];
  return lines.length > 0 ? lines.join(' ') : undefined;
}
