import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragMoveEvent,
  type DragOverEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { numberAgenda } from '../../../shared/domain/index.js';
import type { AgendaItem } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Panel } from '../components/Panel.js';
import { AgendaAddForm } from './AgendaAddForm.js';
import { descendantIds, isSamePlace, itemMoves, projectDrop, type AgendaMove } from './agenda-moves.js';
import { AgendaRow } from './AgendaRow.js';
import { useCurrentItemScroll, type CurrentItemView } from '../session/use-current-item-scroll.js';
import { AgendaTotal } from './AgendaTotal.js';
import { useDragAnnouncements } from './use-drag-announcements.js';

/** Horizontal drag distance that counts as one level of nesting; matches the CSS indent. */
const INDENT_PX = 40;

interface Props {
  meetingId: string;
  agenda: readonly AgendaItem[];
  /** The item the room is on, marked and scrolled to. */
  current?: CurrentItemView;
}

/** The secretary's agenda: add, edit, delete, and reorder by drag or by buttons. */
export function AgendaEditor({ meetingId, agenda, current }: Props) {
  const { t } = useTranslation();
  const items = useMemo(() => numberAgenda(agenda), [agenda]);
  const { run, busy, error } = useCommand();
  const [activeId, setActiveId] = useState<string | null>(null);
  const [overId, setOverId] = useState<string | null>(null);
  const [offsetX, setOffsetX] = useState(0);
  const listRef = useRef<HTMLOListElement>(null);
  const refocus = useRef<{ itemId: string; move: string } | null>(null);
  useCurrentItemScroll(listRef, current);

  // After a button move the row re-renders elsewhere: keep the focus on the button that moved it.
  useEffect(() => {
    const wanted = refocus.current;
    const list = listRef.current;
    if (!wanted || !list) return;
    const focused = document.activeElement;
    // Never take the focus from a field the secretary has moved on to.
    if (focused && focused !== document.body && !list.contains(focused)) return;
    refocus.current = null;
    const row = list.querySelector<HTMLElement>(`[data-item-id="${wanted.itemId}"]`);
    const button = row?.querySelector<HTMLButtonElement>(`[data-move="${wanted.move}"]`);
    const target =
      button && !button.disabled ? button : row?.querySelector<HTMLElement>('[data-testid="agenda-item-drag"]');
    if (target && document.activeElement !== target) target.focus();
  }, [items]);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    // A short hold before a touch drag starts, so a swipe still scrolls the page.
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const hidden = useMemo(() => (activeId ? descendantIds(items, activeId) : new Set<string>()), [items, activeId]);
  const visible = items.filter((i) => !hidden.has(i.id));
  const projection = activeId && overId ? projectDrop(items, activeId, overId, Math.round(offsetX / INDENT_PX)) : null;
  const accessibility = useDragAnnouncements(items, projection);

  function reset() {
    setActiveId(null);
    setOverId(null);
    setOffsetX(0);
  }

  function move(itemId: string, to: AgendaMove, viaButton?: string) {
    if (isSamePlace(items, itemId, to)) return;
    refocus.current = viaButton ? { itemId, move: viaButton } : null;
    void run('agenda:move-item', { meetingId, itemId, parentId: to.parentId, index: to.index });
  }

  function onDragEnd(event: DragEndEvent) {
    const over = event.over ? String(event.over.id) : null;
    const id = String(event.active.id);
    const drop = over ? projectDrop(items, id, over, Math.round(event.delta.x / INDENT_PX)) : null;
    reset();
    if (drop) move(id, drop);
  }

  return (
    <Panel
      title={t('agenda.title')}
      headingId="agenda-heading"
      testId="agenda-editor"
      aside={<AgendaTotal agenda={agenda} />}
    >
      <p className="panel__hint">{t('agenda.editorHint')}</p>
      <ErrorMessage error={error} testId="agenda-move-error" />
      {items.length === 0 ? (
        <p className="empty" data-testid="agenda-empty">
          {t('agenda.empty')}
        </p>
      ) : (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          accessibility={accessibility}
          onDragStart={(e: DragStartEvent) => {
            setActiveId(String(e.active.id));
            setOverId(String(e.active.id));
          }}
          onDragMove={(e: DragMoveEvent) => setOffsetX(e.delta.x)}
          onDragOver={(e: DragOverEvent) => setOverId(e.over ? String(e.over.id) : null)}
          onDragEnd={onDragEnd}
          onDragCancel={reset}
        >
          <SortableContext items={visible.map((i) => i.id)} strategy={verticalListSortingStrategy}>
            <ol className="agenda" data-testid="agenda-list" ref={listRef}>
              {visible.map((item) => (
                <AgendaRow
                  key={item.id}
                  meetingId={meetingId}
                  item={item}
                  moves={itemMoves(items, item.id)}
                  projectedDepth={item.id === activeId && projection ? projection.depth : null}
                  moving={busy}
                  current={item.id === current?.currentItemId}
                  onMove={move}
                />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
      )}
      <AgendaAddForm meetingId={meetingId} items={items} />
    </Panel>
  );
}
