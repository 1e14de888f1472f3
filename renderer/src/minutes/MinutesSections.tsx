import { useTranslation } from 'react-i18next';
import {
  ATTENDANCE_STATUSES,
  type AttendanceRow,
  type AttendanceStatus,
  type MinutesClosing,
  type MinutesHeader,
  type MinutesOpening,
} from '../../../shared/protocol/index.js';
import { Panel } from '../components/Panel.js';
import { MinutesDateField } from './MinutesDateField.js';
import { MinutesField } from './MinutesFields.js';
import { textLength } from './minutes-merge.js';

const NAME = 120;
/** The bound of a reason of absence (`AttendanceRowSchema`). */
const REASON = 300;

interface PartProps<T> {
  value: T;
  onChange(next: T): void;
  readOnly: boolean;
}

export function HeaderSection({ value, onChange, readOnly }: PartProps<MinutesHeader>) {
  const { t } = useTranslation();
  const set =
    <K extends keyof MinutesHeader>(key: K) =>
    (v: MinutesHeader[K]) =>
      onChange({ ...value, [key]: v });
  return (
    <Panel
      title={t('minutes.header.title')}
      headingId="minutes-header"
      testId="minutes-header"
      className="minutes-card"
    >
      <div className="minutes-grid">
        <MinutesField
          label={t('minutes.header.parentOrganisation')}
          value={value.parentOrganisation}
          onChange={set('parentOrganisation')}
          max={200}
          counterFrom={0.8}
          readOnly={readOnly}
          testId="minutes-parent-organisation"
        />
        <MinutesField
          label={t('minutes.header.organisation')}
          value={value.organisation}
          onChange={set('organisation')}
          max={200}
          counterFrom={0.8}
          readOnly={readOnly}
          testId="minutes-organisation"
        />
        <MinutesField
          label={t('minutes.header.number')}
          value={value.number}
          onChange={set('number')}
          max={40}
          counterFrom={0.8}
          readOnly={readOnly}
          testId="minutes-number"
        />
        <MinutesField
          label={t('minutes.header.place')}
          value={value.place}
          onChange={set('place')}
          max={100}
          counterFrom={0.8}
          readOnly={readOnly}
          testId="minutes-place"
        />
        <MinutesDateField
          label={t('minutes.header.date')}
          value={value.date}
          onChange={set('date')}
          readOnly={readOnly}
          testId="minutes-date"
        />
        <MinutesField
          label={t('minutes.header.meetingTitle')}
          value={value.title}
          onChange={set('title')}
          max={500}
          counterFrom={0.8}
          readOnly={readOnly}
          testId="minutes-title"
          className="field--full"
        />
      </div>
    </Panel>
  );
}

export function OpeningSection({ value, onChange, readOnly }: PartProps<MinutesOpening>) {
  const { t } = useTranslation();
  const set = (key: keyof MinutesOpening) => (v: string) => onChange({ ...value, [key]: v });
  return (
    <Panel
      title={t('minutes.opening.title')}
      headingId="minutes-opening"
      testId="minutes-opening"
      className="minutes-card"
    >
      <div className="minutes-grid">
        <MinutesField
          label={t('minutes.opening.time')}
          value={value.time}
          onChange={set('time')}
          max={500}
          counterFrom={0.8}
          readOnly={readOnly}
          testId="minutes-opening-time"
          className="field--full"
        />
        <MinutesField
          label={t('minutes.opening.place')}
          value={value.place}
          onChange={set('place')}
          max={500}
          counterFrom={0.8}
          readOnly={readOnly}
          testId="minutes-opening-place"
          className="field--full"
        />
        <MinutesField
          label={t('minutes.opening.chair')}
          value={value.chair}
          onChange={set('chair')}
          max={NAME}
          counterFrom={0.8}
          readOnly={readOnly}
          testId="minutes-opening-chair"
        />
        <MinutesField
          label={t('minutes.opening.secretary')}
          value={value.secretary}
          onChange={set('secretary')}
          max={NAME}
          counterFrom={0.8}
          readOnly={readOnly}
          testId="minutes-opening-secretary"
        />
      </div>
    </Panel>
  );
}

export function AttendanceSection({ value, onChange, readOnly }: PartProps<readonly AttendanceRow[]>) {
  const { t } = useTranslation();
  const setRow = (index: number, row: AttendanceRow) => onChange(value.map((r, i) => (i === index ? row : r)));
  const counts = ATTENDANCE_STATUSES.map((s) => ({ status: s, n: value.filter((r) => r.status === s).length }));
  return (
    <Panel
      title={t('minutes.attendance.title')}
      headingId="minutes-attendance"
      testId="minutes-attendance"
      className="minutes-card"
      aside={
        <span className="minutes-card__aside" data-testid="minutes-attendance-counts">
          {counts.map((c) => t(`minutes.attendance.count.${c.status}`, { n: c.n })).join(' · ')}
        </span>
      }
    >
      {value.length === 0 ? (
        <p className="empty">{t('minutes.attendance.none')}</p>
      ) : (
        <table className="minutes-table">
          <thead>
            <tr>
              <th scope="col">{t('minutes.attendance.name')}</th>
              <th scope="col">{t('minutes.attendance.role')}</th>
              <th scope="col">{t('minutes.attendance.status')}</th>
              <th scope="col">{t('minutes.attendance.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {value.map((row, index) => (
              <tr key={`${index}-${row.name}`} data-testid="minutes-attendance-row" data-status={row.status}>
                <th scope="row" className="minutes-table__name" data-testid="minutes-attendance-name">
                  {row.name}
                </th>
                <td className="minutes-table__role">{row.role}</td>
                <td>
                  <select
                    className="input"
                    aria-label={t('minutes.attendance.statusOf', { name: row.name })}
                    value={row.status}
                    disabled={readOnly}
                    onChange={(e) => setRow(index, { ...row, status: e.target.value as AttendanceStatus })}
                    data-testid="minutes-attendance-status"
                  >
                    {ATTENDANCE_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(`minutes.attendance.statuses.${s}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    className="input"
                    aria-label={t('minutes.attendance.reasonOf', { name: row.name })}
                    placeholder={row.status === 'present' ? '' : t('minutes.attendance.reasonPlaceholder')}
                    value={row.reason}
                    readOnly={readOnly}
                    aria-invalid={textLength(row.reason) > REASON ? true : undefined}
                    onChange={(e) => setRow(index, { ...row, reason: e.target.value })}
                    data-testid="minutes-attendance-reason"
                  />
                  {!readOnly && textLength(row.reason) >= 0.8 * REASON && (
                    <span
                      className={
                        textLength(row.reason) > REASON
                          ? 'field__hint field__hint--error minutes-field__counter'
                          : 'field__hint minutes-field__counter'
                      }
                    >
                      {t('minutes.counter', { n: textLength(row.reason), max: REASON })}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

export function ClosingSection({ value, onChange, readOnly }: PartProps<MinutesClosing>) {
  const { t } = useTranslation();
  return (
    <Panel
      title={t('minutes.closing.title')}
      headingId="minutes-closing"
      testId="minutes-closing"
      className="minutes-card"
    >
      <div className="minutes-grid">
        <MinutesField
          label={t('minutes.closing.text')}
          multiline
          value={value.text}
          onChange={(text) => onChange({ ...value, text })}
          max={2000}
          readOnly={readOnly}
          testId="minutes-closing-text"
          className="field--full"
        />
        <MinutesField
          label={t('minutes.closing.chair')}
          value={value.signers.chair}
          onChange={(chair) => onChange({ ...value, signers: { ...value.signers, chair } })}
          max={NAME}
          counterFrom={0.8}
          readOnly={readOnly}
          testId="minutes-signer-chair"
        />
        <MinutesField
          label={t('minutes.closing.secretary')}
          value={value.signers.secretary}
          onChange={(secretary) => onChange({ ...value, signers: { ...value.signers, secretary } })}
          max={NAME}
          counterFrom={0.8}
          readOnly={readOnly}
          testId="minutes-signer-secretary"
        />
      </div>
    </Panel>
  );
}
