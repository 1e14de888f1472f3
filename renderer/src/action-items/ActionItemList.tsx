import { useTranslation } from 'react-i18next';
import type { ActionItem, ActionItemsAnswer } from '../../../shared/protocol/index.js';
import { ActionItemForm, type ActionItemEdits } from './ActionItemForm.js';

type Decision = 'confirm' | 'edit' | 'drop' | 'undo';

/** The app's badge colours: waiting as a draft, confirmed as published, dropped as cancelled. */
const STATE_BADGES: Record<ActionItem['status'], string> = {
  candidate: 'draft',
  confirmed: 'published',
  dropped: 'cancelled',
};

interface Props {
  answer: ActionItemsAnswer;
  /** The key of the item whose form is open. */
  editing: string | null;
  /** The key of the item whose decision is on its way. */
  busy: string | null;
  onOpen(documentId: string, page: number): void;
  onEdit(key: string | null): void;
  onConfirm(item: ActionItem, edits: ActionItemEdits): void;
  onSave(item: ActionItem, edits: ActionItemEdits): void;
  onDrop(item: ActionItem): void;
  onUndo(item: ActionItem): void;
}

/**
 * The items with who, what and when, the page they were found on (opening the reader there)
 * and the sentence as written; for the secretaries, each one's state and the decisions it
 * allows: a candidate is confirmed (as found, or corrected in the form) or dropped, a
 * confirmed one corrected, dropped or taken back, a dropped one taken back.
 */
export function ActionItemList({ answer, editing, busy, onOpen, onEdit, onConfirm, onSave, onDrop, onUndo }: Props) {
  const { t } = useTranslation();
  const items = answer.items;
  // What each state allows, in the order the buttons stand.
  const decisions = (item: ActionItem): Array<[Decision, () => void]> => {
    const all: Array<[Decision, () => void, boolean]> = [
      ['confirm', () => onConfirm(item, {}), item.status === 'candidate'],
      ['edit', () => onEdit(item.key), item.status !== 'dropped'],
      ['drop', () => onDrop(item), item.status !== 'dropped'],
      ['undo', () => onUndo(item), item.status !== 'candidate'],
    ];
    return all.filter(([, , allowed]) => allowed).map(([name, run]) => [name, run]);
  };
  if (items.length === 0)
    return (
      <p className="empty" data-testid="action-items-empty">
        {t(answer.mayDecide ? 'actionItems.noneFound' : 'actionItems.noneConfirmed')}
      </p>
    );
  return (
    <ol className="action-items__list" data-testid="action-items-list">
      {items.map((item) => (
        <li
          key={item.key}
          className={`action-item action-item--${item.status}`}
          data-testid="action-item"
          data-status={item.status}
          data-key={item.key}
        >
          {answer.mayDecide && (
            <p className="action-item__state" data-testid="action-item-status">
              <span className={`badge badge--${STATE_BADGES[item.status]}`}>
                {t(`actionItems.status.${item.status}`)}
              </span>
              {item.gone && ` ${t('actionItems.gone')}`}
            </p>
          )}
          <dl className="action-item__fields">
            <dt>{t('actionItems.who')}</dt>
            <dd data-testid="action-item-who-text">{item.who || t('actionItems.nobody')}</dd>
            <dt>{t('actionItems.what')}</dt>
            <dd data-testid="action-item-what-text">{item.what}</dd>
            <dt>{t('actionItems.when')}</dt>
            <dd data-testid="action-item-when-text">{item.when ?? t('actionItems.noDeadline')}</dd>
          </dl>
          <p className="action-item__source">
            {item.source.kind === 'document' ? (
              <button
                type="button"
                className="action-item__page"
                onClick={() => item.source.kind === 'document' && onOpen(item.source.documentId, item.source.page)}
                data-testid="action-item-open"
              >
                {item.title} · {t('assistant.page', { page: item.source.page })}
              </button>
            ) : (
              <span>{t('actionItems.fromMinutes', { number: item.source.agendaNumber, title: item.title })}</span>
            )}
          </p>
          {/* The evidence the extract was read from: at hand, folded, as "what" nearly repeats it. */}
          <details className="action-item__evidence">
            <summary>{t('actionItems.sentence')}</summary>
            <q className="action-item__sentence">{item.sentence}</q>
          </details>
          {answer.mayDecide && editing === item.key && (
            <ActionItemForm
              item={item}
              busy={busy === item.key}
              submitLabel={t(item.status === 'confirmed' ? 'common.save' : 'actionItems.confirm')}
              onCancel={() => onEdit(null)}
              onSubmit={(edits) => (item.status === 'confirmed' ? onSave(item, edits) : onConfirm(item, edits))}
            />
          )}
          {answer.mayDecide && editing !== item.key && (
            <div className="action-item__actions">
              {decisions(item).map(([name, run]) => (
                <button
                  key={name}
                  type="button"
                  className={name === 'confirm' ? 'button button--primary' : 'button'}
                  disabled={busy !== null}
                  onClick={run}
                  data-testid={`action-item-${name}`}
                >
                  {t(`actionItems.${name}`)}
                </button>
              ))}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
