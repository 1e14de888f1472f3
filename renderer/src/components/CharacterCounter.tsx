import { useTranslation } from 'react-i18next';

/** From how many characters left the count is also spoken. */
export const ANNOUNCE_FROM_LEFT = 20;

interface Props {
  value: string;
  /** The field's `maxLength`: what the browser lets be typed. */
  max: number;
  /** For the field's `aria-describedby`. */
  id?: string;
  testId?: string;
  /** Short lines in a list (a candidate's name, a search): the count shows only near the bound. */
  onlyNear?: boolean;
}

/**
 * "12/200" under a field whose length is bounded, so the last letters typed or pasted are not
 * dropped unseen; near the bound a polite live region says how many are left (only then, not
 * at every key). Counts what `maxLength` counts (UTF-16 units).
 */
export function CharacterCounter({ value, max, id, testId, onlyNear = false }: Props) {
  const { t } = useTranslation();
  const left = Math.max(0, max - value.length);
  const near = left <= ANNOUNCE_FROM_LEFT;
  return (
    <span className={`char-counter${near ? ' char-counter--near' : onlyNear ? ' char-counter--idle' : ''}`}>
      {(near || !onlyNear) && (
        <span id={id} data-testid={testId} data-left={left}>
          {t('counter.value', { n: value.length, max })}
        </span>
      )}
      <span className="visually-hidden" aria-live="polite">
        {near ? (left === 0 ? t('counter.full', { max }) : t('counter.left', { count: left })) : ''}
      </span>
    </span>
  );
}
