import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionItem, ActionItemsAnswer, CommandName, ProtocolError } from '../../../shared/protocol/index.js';
import type { CommandInput } from '../../../shared/client/api.js';
import { useClient } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Panel } from '../components/Panel.js';
import type { ActionItemEdits } from './ActionItemForm.js';
import { ActionItemList } from './ActionItemList.js';

type Load =
  | { kind: 'loading' }
  // Offline, the list already shown stays, under the notice.
  | { kind: 'offline'; answer?: ActionItemsAnswer }
  | { kind: 'error'; error: ProtocolError }
  | { kind: 'ready'; answer: ActionItemsAnswer };

interface Props {
  meetingId: string;
  /** Opens the reader at the page an item was found on. */
  onOpen(documentId: string, page: number): void;
}

/**
 * Việc cần làm / Phân công: the sentences of the papers (and of the minutes' draft) that assign
 * work or set a deadline, found by the assistant on the server. The meeting's secretaries
 * confirm (as found or corrected), drop or take back each; a confirmed one goes into the
 * minutes. Everyone else sees the confirmed ones of the papers they may see. Always labelled
 * as automatic extracts: who, what and when are cut from the sentence, never written.
 */
export function ActionItemsPanel({ meetingId, onOpen }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ProtocolError | null>(null);
  const loads = useRef(0);

  const reload = useCallback(async () => {
    const n = ++loads.current;
    const ack = await client.actionItems(meetingId);
    if (n !== loads.current) return;
    if (ack.ok) setLoad({ kind: 'ready', answer: ack.data });
    else if (ack.error.code === 'OFFLINE')
      setLoad((shown) => ({ kind: 'offline', answer: 'answer' in shown ? shown.answer : undefined }));
    else setLoad({ kind: 'error', error: ack.error });
  }, [client, meetingId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  async function decide<N extends CommandName>(item: ActionItem, name: N, payload: CommandInput<N>) {
    setBusy(item.key);
    setError(null);
    const ack = await client.send(name, payload);
    setBusy(null);
    if (!ack.ok) {
      setError(ack.error);
      return;
    }
    setEditing(null);
    await reload();
  }

  const ref = (item: ActionItem) => ({ meetingId, itemKey: item.key });
  const confirm = (item: ActionItem, edits: ActionItemEdits = {}) =>
    decide(item, 'action-item:confirm', { ...ref(item), source: item.source, ...edits });
  const edit = (item: ActionItem, edits: ActionItemEdits) =>
    Object.keys(edits).length === 0 ? setEditing(null) : decide(item, 'action-item:edit', { ...ref(item), ...edits });
  const drop = (item: ActionItem) => decide(item, 'action-item:drop', { ...ref(item), source: item.source });
  const undo = (item: ActionItem) => decide(item, 'action-item:undo', ref(item));

  const answer = 'answer' in load ? (load.answer ?? null) : null;
  return (
    <Panel
      title={t('actionItems.title')}
      headingId="action-items-heading"
      testId="action-items"
      className="action-items"
      aside={
        <button type="button" className="button" onClick={() => void reload()} data-testid="action-items-reload">
          {t('actionItems.reload')}
        </button>
      }
    >
      {/* Only once the answer tells who may decide: a secretary must not read "confirmed by the secretary" meanwhile. */}
      {answer && (
        <p className="extracts-label" data-testid="action-items-label">
          {t(answer.mayDecide ? 'actionItems.labelDecide' : 'actionItems.labelRead')}
        </p>
      )}
      {load.kind === 'loading' && <p role="status">{t('actionItems.loading')}</p>}
      {load.kind === 'offline' && (
        <p className="notice" role="alert" data-testid="action-items-offline">
          {t('actionItems.offline')}
        </p>
      )}
      {load.kind === 'error' && <ErrorMessage error={load.error} testId="action-items-load-error" />}
      <ErrorMessage error={error} testId="action-items-error" />
      {answer && (
        <ActionItemList
          answer={answer}
          editing={editing}
          busy={busy}
          onOpen={onOpen}
          onEdit={setEditing}
          onConfirm={(item, edits) => void confirm(item, edits)}
          onSave={(item, edits) => void edit(item, edits)}
          onDrop={(item) => void drop(item)}
          onUndo={(item) => void undo(item)}
        />
      )}
    </Panel>
  );
}
