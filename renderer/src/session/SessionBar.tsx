import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { numberAgenda } from '../../../shared/domain/index.js';
import { useCommand } from '../client/use-command.js';
import { CheckboxField } from '../components/CheckboxField.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ItemClockText } from './ItemClockText.js';
import { STAGE_LABEL, stageOf } from './session-stage.js';
import { Icon } from '../components/Icon.js';

interface Props {
  state: MeetingState;
  /** The chair's controls: start, pause, resume, previous and next item. */
  runs: boolean;
  follow: boolean;
  onFollowChange(follow: boolean): void;
  /** Takes the reader to the current item in the agenda. */
  onShowCurrent(): void;
}

/**
 * The session at the top of the meeting page: its stage, the item the room is on and that
 * item's time against its plan. The chair runs it from here; everyone else can follow it (the
 * agenda scrolls to each new item) or browse freely and come back with one tap.
 */
export function SessionBar({ state, runs, follow, onFollowChange, onShowCurrent }: Props) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const { session } = state;
  const meetingId = state.meeting.id;
  const items = useMemo(() => numberAgenda(state.agenda), [state.agenda]);
  const index = items.findIndex((i) => i.id === session.currentItemId);
  const current = index === -1 ? undefined : items[index];
  const stage = stageOf(state);
  const goTo = (itemId: string | undefined) => itemId && void run('agenda:set-current', { meetingId, itemId });

  return (
    <section
      className="card session-bar"
      aria-label={t('session.current')}
      data-testid="session-bar"
      data-stage={stage}
    >
      <div className="session-bar__state">
        <span className={`session-stage session-stage--${stage}`} data-testid="session-stage">
          {t(STAGE_LABEL[stage])}
        </span>
        <div className="session-bar__item" data-testid="session-current" data-item-id={current?.id ?? ''}>
          <span className="session-bar__label">{t('session.current')}</span>
          {current ? (
            <button
              type="button"
              className="session-bar__title"
              onClick={onShowCurrent}
              data-testid="session-current-title"
            >
              <span className="session-bar__number">{current.number}</span> {current.title}
            </button>
          ) : (
            <span className="session-bar__title session-bar__title--none">{t('session.noCurrent')}</span>
          )}
        </div>
        {current && <ItemClockText session={session} plannedMinutes={current.plannedMinutes} />}
      </div>
      <div className="session-bar__actions">
        {runs && stage === 'not-started' && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void run('session:start', { meetingId })}
            data-testid="session-start"
          >
            {t('session.start')}
          </button>
        )}
        {runs && (stage === 'running' || stage === 'paused') && (
          <>
            <button
              type="button"
              className="button"
              disabled={busy || index <= 0}
              onClick={() => goTo(items[index - 1]?.id)}
              data-testid="session-previous"
            >
              <Icon name="arrowLeft" /> {t('session.previous')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={busy || index >= items.length - 1}
              onClick={() => goTo(items[index + 1]?.id)}
              data-testid="session-next"
            >
              {t('session.next')} <Icon name="arrowRight" />
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void run(stage === 'running' ? 'session:pause' : 'session:resume', { meetingId })}
              data-testid={stage === 'running' ? 'session-pause' : 'session-resume'}
            >
              {stage === 'running' ? t('session.pause') : t('session.resume')}
            </button>
          </>
        )}
        {!runs && stage !== 'not-started' && (
          <CheckboxField
            label={t('session.follow')}
            checked={follow}
            onChange={onFollowChange}
            testId="session-follow"
          />
        )}
        {!runs && current && (
          <button
            type="button"
            className="button button--quiet"
            onClick={onShowCurrent}
            data-testid="session-back-to-current"
          >
            {t('session.backToCurrent')}
          </button>
        )}
      </div>
      <ErrorMessage error={error} testId="session-error" />
    </section>
  );
}
