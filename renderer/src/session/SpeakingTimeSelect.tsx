import { useTranslation } from 'react-i18next';

const CHOICES = [null, 60, 120, 180, 300, 600] as const;

/** The time the chair gives with the floor. */
export function SpeakingTimeSelect({ value, onChange }: { value: number | null; onChange(v: number | null): void }) {
  const { t } = useTranslation();
  return (
    <label className="speaking-time-select">
      <span>{t('session.speakingTime')}</span>
      <select
        className="input"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        data-testid="speaking-time"
      >
        {CHOICES.map((s) => (
          <option key={s ?? 'none'} value={s ?? ''}>
            {s === null ? t('session.noLimit') : t('session.minutes', { count: s / 60 })}
          </option>
        ))}
      </select>
    </label>
  );
}
