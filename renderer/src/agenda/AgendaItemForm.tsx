import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { FormActions } from '../components/FormActions.js';
import { TextField } from '../components/TextField.js';

export interface AgendaItemFields {
  title: string;
  presenter: string;
  plannedMinutes: number;
}

export const EMPTY_ITEM: AgendaItemFields = { title: '', presenter: '', plannedMinutes: 10 };

interface Props {
  initial: AgendaItemFields;
  submitLabel: string;
  busy: boolean;
  error: ProtocolError | null;
  /** Answers whether the form may clear itself (the command was sent or queued). */
  onSubmit(fields: AgendaItemFields): Promise<boolean>;
  onCancel?: () => void;
  /** Clears the fields after a successful submit, for entering several items in a row. */
  resetOnSubmit?: boolean;
  autoFocus?: boolean;
  /** Extra fields before the buttons (the parent choice of the "add item" form). */
  extra?: ReactNode;
  /** After a stale edit: what the person had typed, under each field where it differs. */
  asides?: Partial<Record<keyof AgendaItemFields, string>>;
  /** Under the error: what to do about it (put the typed text back). */
  notice?: ReactNode;
  testId: string;
}

export function AgendaItemForm(props: Props) {
  const {
    initial,
    submitLabel,
    busy,
    error,
    onSubmit,
    onCancel,
    resetOnSubmit,
    autoFocus,
    extra,
    asides,
    notice,
    testId,
  } = props;
  const { t } = useTranslation();
  const titleRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState(initial.title);
  const [presenter, setPresenter] = useState(initial.presenter);
  const [minutes, setMinutes] = useState(String(initial.plannedMinutes));
  const yourText = (text: string | undefined) =>
    text === undefined ? undefined : t('stale.yourText', { text: text === '' ? '—' : text });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const plannedMinutes = Math.max(0, Math.min(24 * 60, Math.round(Number(minutes) || 0)));
    const ok = await onSubmit({ title: title.trim(), presenter: presenter.trim(), plannedMinutes });
    if (ok && resetOnSubmit) {
      setTitle('');
      setPresenter('');
      setMinutes(String(EMPTY_ITEM.plannedMinutes));
      titleRef.current?.focus();
    }
  }

  return (
    <form className="form agenda-form" onSubmit={(e) => void submit(e)} data-testid={testId}>
      <div className="agenda-form__fields">
        <TextField
          label={t('agenda.itemTitle')}
          className="agenda-form__title"
          ref={titleRef}
          required
          maxLength={500}
          autoFocus={autoFocus}
          value={title}
          onChange={setTitle}
          hint={yourText(asides?.title)}
          testId="agenda-form-title"
        />
        <TextField
          label={t('agenda.itemPresenter')}
          maxLength={200}
          value={presenter}
          onChange={setPresenter}
          hint={yourText(asides?.presenter)}
          testId="agenda-form-presenter"
        />
        <TextField
          label={t('agenda.itemMinutes')}
          className="agenda-form__minutes"
          type="number"
          inputMode="numeric"
          min={0}
          max={24 * 60}
          step={1}
          value={minutes}
          onChange={setMinutes}
          hint={yourText(asides?.plannedMinutes)}
          testId="agenda-form-minutes"
        />
        {extra}
      </div>
      <ErrorMessage error={error} testId="agenda-form-error" />
      {notice}
      <FormActions submitLabel={submitLabel} busy={busy} onCancel={onCancel} testIdPrefix="agenda-form" />
    </form>
  );
}
