import { useTranslation } from 'react-i18next';
import type { MinutesAgendaItem, MinutesApproval, MinutesVote } from '../../../shared/protocol/index.js';
import { formatWhen } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';
import { MinutesField } from './MinutesFields.js';
import { Icon } from '../components/Icon.js';

interface Props {
  item: MinutesAgendaItem;
  index: number;
  onChange(next: MinutesAgendaItem): void;
  readOnly: boolean;
}

/** "4:05": how long a speaker spoke. */
export function speechDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function VoteSummary({ vote }: { vote: MinutesVote }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const percent = (value: number) =>
    new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 }).format(value);
  return (
    <li className="minutes-vote" data-testid="minutes-vote">
      <p className="minutes-vote__question">{vote.question}</p>
      <p className="minutes-vote__rule">{vote.ruleText}</p>
      <ul className="minutes-vote__counts">
        {vote.counts.map((c, i) => (
          <li key={i}>
            {c.label}: <strong>{c.count}</strong> ({percent(c.percentOfMembers)}%)
          </li>
        ))}
        <li>
          {t('minutes.agenda.notVoted')}: <strong>{vote.notVoted.count}</strong> (
          {percent(vote.notVoted.percentOfMembers)}%)
        </li>
      </ul>
      <p className="minutes-vote__outcome" data-testid="minutes-vote-outcome">
        {t('minutes.agenda.outcome')}: <strong>{vote.outcome}</strong>
      </p>
      {vote.kind === 'named' && (
        <p className="field__hint">{t('minutes.agenda.namedChoices', { count: vote.namedChoices.length })}</p>
      )}
    </li>
  );
}

function ApprovalLine({ approval }: { approval: MinutesApproval }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <li className="minutes-approval" data-testid="minutes-approval" data-decision={approval.decision}>
      <span className="minutes-approval__document">{approval.document}</span> — {approval.name}:{' '}
      <strong>{t(`minutes.agenda.decision.${approval.decision}`)}</strong>{' '}
      <span className="field__hint">{formatWhen(approval.at, lang)}</span>
    </li>
  );
}

/** One item of the agenda: the record's facts (read-only) and the secretary's texts. */
export function AgendaItemSection({ item, index, onChange, readOnly }: Props) {
  const { t } = useTranslation();
  const headingId = `minutes-item-${index}`;
  return (
    <section className="card panel minutes-card" aria-labelledby={headingId} data-testid="minutes-item">
      <div className="panel__head">
        <h3 id={headingId} className="panel__title minutes-item__title">
          {item.number}. {item.title}
        </h3>
      </div>
      {item.presenter && (
        <p className="minutes-item__presenter">
          {t('minutes.agenda.presenter')}: {item.presenter}
        </p>
      )}
      <h4 className="minutes-subhead">{t('minutes.agenda.speakers')}</h4>
      {item.speakers.length === 0 ? (
        <p className="empty">{t('minutes.agenda.noSpeakers')}</p>
      ) : (
        <ul className="minutes-list" data-testid="minutes-speakers">
          {item.speakers.map((speaker, i) => (
            <li key={i} className="minutes-list__row" data-testid="minutes-speaker">
              <span className="minutes-list__name">
                {speaker.name}
                {speaker.pointOfOrder && <span className="minutes-tag">{t('minutes.agenda.pointOfOrder')}</span>}
              </span>
              <span className="minutes-list__time">{speechDuration(speaker.seconds)}</span>
              {!readOnly && (
                <button
                  type="button"
                  className="button button--quiet button--small minutes-list__remove"
                  aria-label={t('minutes.agenda.removeSpeaker', { name: speaker.name })}
                  onClick={() => onChange({ ...item, speakers: item.speakers.filter((_, j) => j !== i) })}
                  data-testid="minutes-speaker-remove"
                >
                  <Icon name="close" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h4 className="minutes-subhead">{t('minutes.agenda.votes')}</h4>
      {item.votes.length === 0 ? (
        <p className="empty">{t('minutes.agenda.noVotes')}</p>
      ) : (
        <ul className="minutes-votes">
          {item.votes.map((vote, i) => (
            <VoteSummary key={i} vote={vote} />
          ))}
        </ul>
      )}
      {item.approvals.length > 0 && (
        <>
          <h4 className="minutes-subhead">{t('minutes.agenda.approvals')}</h4>
          <ul className="minutes-list">
            {item.approvals.map((approval, i) => (
              <ApprovalLine key={i} approval={approval} />
            ))}
          </ul>
        </>
      )}
      <MinutesField
        label={t('minutes.agenda.discussion')}
        multiline
        value={item.discussion}
        onChange={(discussion) => onChange({ ...item, discussion })}
        max={20_000}
        readOnly={readOnly}
        testId="minutes-discussion"
      />
      <MinutesField
        label={t('minutes.agenda.decisions')}
        multiline
        value={item.decisions}
        onChange={(decisions) => onChange({ ...item, decisions })}
        max={10_000}
        readOnly={readOnly}
        testId="minutes-decisions"
      />
      {(item.tasks ?? []).length > 0 && (
        <>
          <h4 className="minutes-subhead">{t('minutes.agenda.tasks')}</h4>
          <ul className="minutes-list" data-testid="minutes-tasks">
            {(item.tasks ?? []).map((task, i) => (
              <li key={task.actionItemKey ?? i} className="minutes-list__row" data-testid="minutes-task">
                <span className="minutes-list__name">
                  {task.who && <strong>{task.who}: </strong>}
                  {task.what}
                  {task.deadline && !task.what.includes(task.deadline) && ` (${task.deadline})`}
                </span>
                {!readOnly && (
                  <button
                    type="button"
                    className="button button--quiet button--small minutes-list__remove"
                    aria-label={t('minutes.agenda.removeTask', { what: task.what })}
                    onClick={() => onChange({ ...item, tasks: (item.tasks ?? []).filter((_, j) => j !== i) })}
                    data-testid="minutes-task-remove"
                  >
                    <Icon name="close" />
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
