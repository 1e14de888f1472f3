import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditListResult, AuditRow, ProtocolError, User } from '../../../../shared/protocol/index.js';
import { useClient } from '../../client/ClientContext.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Panel } from '../../components/Panel.js';
import { SelectField } from '../../components/SelectField.js';
import { formatWhen } from '../../format/datetime.js';
import { useLanguage } from '../../i18n/use-language.js';
import { AuditBreakAlert } from './AuditBreakAlert.js';
import { auditActionLabel } from './audit-labels.js';
import '../../styles/audit.css';

/** "" is "all"; `GLOBAL` the acts outside any meeting. */
const ALL = '';
const GLOBAL = 'global';

interface Filter {
  meeting: string;
  person: string;
  action: string;
}

/**
 * The audit log for an admin: filters by meeting, person and action, newest first, more on
 * demand, and the hash chains' check above it. Rows are cards on a phone, a table's columns
 * from a tablet up (the same markup, laid out by CSS).
 */
export function AuditScreen(_props: { user: User }) {
  const { t } = useTranslation();
  const client = useClient();
  const [filter, setFilter] = useState<Filter>({ meeting: ALL, person: ALL, action: ALL });
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [first, setFirst] = useState<AuditListResult | null>(null);
  const [error, setError] = useState<ProtocolError | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (before: number | null) => {
      setLoading(true);
      const ack = await client.request('audit:list', {
        ...(filter.meeting === ALL ? {} : { meetingId: filter.meeting === GLOBAL ? null : filter.meeting }),
        ...(filter.person === ALL ? {} : { actorId: filter.person }),
        ...(filter.action === ALL ? {} : { action: filter.action }),
        ...(before === null ? {} : { before }),
      });
      setLoading(false);
      if (!ack.ok) return setError(ack.error);
      setError(null);
      setNext(ack.data.next);
      if (before === null) {
        setFirst(ack.data);
        setRows(ack.data.rows);
      } else setRows((r) => [...r, ...ack.data.rows]);
    },
    [client, filter],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  const choices = first?.filters;
  const set = (key: keyof Filter) => (value: string) => setFilter((f) => ({ ...f, [key]: value }));
  return (
    <Panel title={t('audit.title')} headingId="audit-title" testId="audit-screen" className="audit">
      {first?.chains && <AuditBreakAlert chains={first.chains} />}
      <div className="audit__filters">
        <SelectField
          label={t('audit.filter.meeting')}
          value={filter.meeting}
          onChange={set('meeting')}
          testId="audit-filter-meeting"
          options={[
            { value: ALL, label: t('audit.filter.allMeetings') },
            { value: GLOBAL, label: t('audit.chain.global') },
            ...(choices?.meetings ?? []).map((m) => ({ value: m.id, label: m.name ?? m.id })),
          ]}
        />
        <SelectField
          label={t('audit.filter.person')}
          value={filter.person}
          onChange={set('person')}
          testId="audit-filter-person"
          options={[
            { value: ALL, label: t('audit.filter.everyone') },
            ...(choices?.people ?? []).map((p) => ({ value: p.id, label: p.name ?? p.id })),
          ]}
        />
        <SelectField
          label={t('audit.filter.action')}
          value={filter.action}
          onChange={set('action')}
          testId="audit-filter-action"
          options={[
            { value: ALL, label: t('audit.filter.allActions') },
            ...(choices?.actions ?? []).map((a) => ({ value: a, label: auditActionLabel(t, a) })),
          ]}
        />
      </div>
      <ErrorMessage error={error} testId="audit-error" />
      <AuditRows rows={rows} />
      {!loading && rows.length === 0 && !error && <p data-testid="audit-empty">{t('audit.empty')}</p>}
      {loading && <p aria-live="polite">{t('audit.loading')}</p>}
      {next !== null && !loading && (
        <button type="button" className="button" data-testid="audit-more" onClick={() => void load(next)}>
          {t('audit.more')}
        </button>
      )}
    </Panel>
  );
}

function AuditRows({ rows }: { rows: readonly AuditRow[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (rows.length === 0) return null;
  return (
    <ol className="audit__rows" data-testid="audit-rows">
      {rows.map((r) => (
        <li key={r.id} className="audit-row" data-testid="audit-row" data-row={r.id}>
          <span className="audit-row__when">
            <span className="audit-row__label">{t('audit.column.when')}</span>
            {formatWhen(r.at, lang)}
          </span>
          <span className="audit-row__action">
            <span className="audit-row__label">{t('audit.column.action')}</span>
            {auditActionLabel(t, r.action)}
          </span>
          <span className="audit-row__who">
            <span className="audit-row__label">{t('audit.column.person')}</span>
            {r.actor ? (r.actor.name ?? t('audit.unknownPerson')) : t('audit.noPerson')}
          </span>
          <span className="audit-row__meeting">
            <span className="audit-row__label">{t('audit.column.meeting')}</span>
            {r.meeting ? (r.meeting.name ?? r.meeting.id) : t('audit.chain.global')}
          </span>
          {Object.keys(r.detail).length > 0 && (
            // Raw ids and fields, for the one who investigates: folded, not in every row's way.
            <details className="audit-row__detail">
              <summary data-testid="audit-row-details">{t('audit.showDetails')}</summary>
              <dl className="audit-row__fields">
                {Object.entries(r.detail).map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{String(v)}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
          <span className="audit-row__id">#{r.id}</span>
        </li>
      ))}
    </ol>
  );
}
