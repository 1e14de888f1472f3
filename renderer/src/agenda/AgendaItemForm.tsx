import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { FormActions } from '../components/FormActions.js';
import { TextField } from '../components/TextField.js';
import { checkText, checkWholeNumber, firstProblem, useProblemText, type FieldProblem } from '../forms/field-rules.js';

export interface AgendaItemFields {
  title: string;
  presenter: string;
  plannedMinutes: number;
}

/** An item's planned time: a day at most. */
const MAX_MINUTES = 24 * 60;

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
  const [problems, setProblems] = useState<Partial<Record<keyof AgendaItemFields, FieldProblem | null>>>({});
  const problemText = useProblemText();
  const presenterRef = useRef<HTMLInputElement>(null);
  const minutesRef = useRef<HTMLInputElement>(null);
  const yourText = (text: string | undefined) =>
    text === undefined ? undefined : t('stale.yourText', { text: text === '' ? '—' : text });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = {
      title: checkText(title, { required: true, max: 500 }),
      presenter: checkText(presenter, { max: 200 }),
      plannedMinutes: checkWholeNumber(minutes, { required: true, min: 0, max: MAX_MINUTES }),
    };
    setProblems(found);
    const first = firstProblem(found);
    if (first) {
      ({ title: titleRef, presenter: presenterRef, plannedMinutes: minutesRef })[first].current?.focus();
      return;
    }
    const plannedMinutes = Number(minutes.trim());
    const ok = await onSubmit({ title: title.trim(), presenter: presenter.trim(), plannedMinutes });
    if (ok && resetOnSubmit) {
      setTitle('');
      setPresenter('');
      setMinutes(String(EMPTY_ITEM.plannedMinutes));
      titleRef.current?.focus();
    }
  }

  return (
    <form className="form agenda-form" onSubmit={(e) => void submit(e)} noValidate data-testid={testId}>
      <div className="agenda-form__fields">
        <TextField
          label={t('agenda.itemTitle')}
          className="agenda-form__title"
          ref={titleRef}
          required
          autoFocus={autoFocus}
          value={title}
          onChange={setTitle}
          hint={yourText(asides?.title)}
          error={problemText(problems.title)}
          maxLength={500}
          testId="agenda-form-title"
        />
        <TextField
          label={t('agenda.itemPresenter')}
          ref={presenterRef}
          value={presenter}
          onChange={setPresenter}
          hint={yourText(asides?.presenter)}
          error={problemText(problems.presenter)}
          maxLength={200}
          testId="agenda-form-presenter"
        />
        <TextField
          label={t('agenda.itemMinutes')}
          className="agenda-form__minutes"
          ref={minutesRef}
          inputMode="numeric"
          required
          value={minutes}
          onChange={setMinutes}
          hint={yourText(asides?.plannedMinutes)}
          error={problemText(problems.plannedMinutes)}
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
