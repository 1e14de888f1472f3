import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionItem } from '../../../shared/protocol/index.js';
import { FormActions } from '../components/FormActions.js';
import { TextField } from '../components/TextField.js';
import { checkText, firstProblem, useFieldRefs, useProblemText, type FieldProblem } from '../forms/field-rules.js';

/** As the server takes them (ActionItemEditsSchema). */
const MAX = { who: 500, what: 1000, when: 200 } as const;

export interface ActionItemEdits {
  who?: string;
  what?: string;
  when?: string;
}

type Field = keyof typeof MAX;

/**
 * Who, what and when of an action item as the secretary corrects them: checked here in the
 * UI language (noValidate), sent only where changed, so what is left alone stays as found
 * (a deadline's day among it).
 */
export function ActionItemForm({
  item,
  submitLabel,
  busy,
  onSubmit,
  onCancel,
}: {
  item: ActionItem;
  submitLabel: string;
  busy: boolean;
  onSubmit(edits: ActionItemEdits): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const refs = useFieldRefs<Field>();
  const [values, setValues] = useState({ who: item.who, what: item.what, when: item.when ?? '' });
  const [problems, setProblems] = useState<Partial<Record<Field, FieldProblem | null>>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = {
      who: checkText(values.who, { max: MAX.who }),
      what: checkText(values.what, { required: true, max: MAX.what }),
      when: checkText(values.when, { max: MAX.when }),
    };
    setProblems(found);
    const first = firstProblem(found);
    if (first) {
      refs.focus(first);
      return;
    }
    const edits: ActionItemEdits = {};
    if (values.who.trim() !== item.who) edits.who = values.who.trim();
    if (values.what.trim() !== item.what) edits.what = values.what.trim();
    if (values.when.trim() !== (item.when ?? '')) edits.when = values.when.trim();
    onSubmit(edits);
  };

  const field = (name: Field, label: string, required = false) => (
    <TextField
      ref={refs.ref(name)}
      label={label}
      value={values[name]}
      onChange={(value) => setValues((v) => ({ ...v, [name]: value }))}
      required={required}
      maxLength={MAX[name]}
      error={problemText(problems[name])}
      testId={`action-item-${name}`}
    />
  );

  return (
    <form className="form action-item-form" onSubmit={submit} noValidate data-testid="action-item-form">
      {field('who', t('actionItems.who'))}
      {field('what', t('actionItems.what'), true)}
      {field('when', t('actionItems.when'))}
      <FormActions submitLabel={submitLabel} busy={busy} onCancel={onCancel} testIdPrefix="action-item-form" />
    </form>
  );
}
