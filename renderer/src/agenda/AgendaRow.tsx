import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { uuidv7 } from 'uuidv7';
import type { NumberedAgendaItem } from '../../../shared/domain/index.js';
import { useClientState } from '../client/ClientContext.js';
import { useCommand } from '../client/use-command.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Icon } from '../components/Icon.js';
import { useMedia } from '../components/use-media.js';
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

/** Up to this width an item's seven buttons fold into one "⋯" menu (agenda.css agrees): the title keeps the row. */
export const AGENDA_FOLD = '(max-width: 600px)';

export function AgendaRow({ meetingId, item, moves, projectedDepth, moving, current = false, onMove }: Props) {
  const { t } = useTranslation();
  const sortable = useSortable({ id: item.id });
  const { run, busy, error, clearError } = useCommand();
  const [mode, setMode] = useState<Mode>('view');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const held = useClientState().meetings[meetingId];
  const depth = projectedDepth ?? item.depth;
  const folded = useMedia(AGENDA_FOLD);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const menuRef = useRef<HTMLDivElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    const onPointer = (e: PointerEvent) => {
      if (!menuRef.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [menuOpen]);

  async function addSub(fields: AgendaItemFields) {
    const outcome = await run('agenda:add-item', { meetingId, itemId: uuidv7(), parentId: item.id, ...fields });
    if (outcome !== 'failed') setMode('view');
    return outcome !== 'failed';
  }

  const close = () => {
    clearError();
    setMode('view');
  };

  // A move keeps the menu open (the focus stays on its button); the others close it.
  const closeMenu = () => setMenuOpen(false);
  const actions = (
    <>
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
            closeMenu();
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
            onClick={() => {
              closeMenu();
              setMode(mode === 'add-sub' ? 'view' : 'add-sub');
            }}
          >
            {t('agenda.addSub')}
          </button>
        )}
        <button
          type="button"
          className="button button--small button--danger-quiet"
          data-testid="agenda-item-delete"
          onClick={() => {
            closeMenu();
            setConfirmDelete(true);
          }}
        >
          {t('agenda.delete')}
        </button>
      </div>
    </>
  );

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
          <Icon name="grip" />
        </button>
        {mode === 'edit' ? (
          <AgendaItemEdit meetingId={meetingId} item={item} onClose={() => setMode('view')} />
        ) : (
          <AgendaItemSummary item={item} />
        )}
        {mode !== 'edit' && folded && (
          <div
            ref={menuRef}
            className="agenda-row__menu"
            onKeyDown={(e) => {
              if (e.key !== 'Escape' || !menuOpen) return;
              e.stopPropagation();
              setMenuOpen(false);
              menuButton.current?.focus();
            }}
          >
            <button
              ref={menuButton}
              type="button"
              className="button agenda-row__menu-button"
              aria-expanded={menuOpen}
              aria-controls={menuId}
              aria-label={t('agenda.actions', { number: item.number, title: item.title })}
              data-testid="agenda-item-menu-button"
              onClick={() => setMenuOpen((v) => !v)}
            >
              <Icon name="more" />
            </button>
            <div id={menuId} className="agenda-row__menu-panel" hidden={!menuOpen} data-testid="agenda-item-menu">
              {actions}
            </div>
          </div>
        )}
      </div>
      {mode !== 'edit' && !folded && <div className="agenda-row__actions">{actions}</div>}
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
