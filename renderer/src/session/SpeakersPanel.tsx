import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { numberAgenda } from '../../../shared/domain/index.js';
import type { SpeakerRequest } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Panel } from '../components/Panel.js';
import { MyFloorRequest } from './MyFloorRequest.js';
import { SpeakerRow } from './SpeakerRow.js';
import { SpeakerTime } from './SpeakerTime.js';
import { splitQueue } from './session-clock.js';
import { SpeakingTimeSelect } from './SpeakingTimeSelect.js';

interface Props {
  state: MeetingState;
  userId: string;
  /** The chair: gives the floor, times, reorders and removes. */
  runs: boolean;
  /** A member who may ask for the floor. */
  mayRequest: boolean;
}

/** Who has the floor, who waits, and (for the chair) the controls of the queue. */
export function SpeakersPanel({ state, userId, runs, mayRequest }: Props) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const [limitSeconds, setLimitSeconds] = useState<number | null>(180);
  const meetingId = state.meeting.id;
  const { speaking, waiting } = splitQueue(state.speakers);
  const names = useMemo(() => new Map(state.participants.map((p) => [p.userId, p.displayName])), [state.participants]);
  const numbers = useMemo(() => new Map(numberAgenda(state.agenda).map((i) => [i.id, i.number])), [state.agenda]);
  const nameOf = (s: SpeakerRequest) => names.get(s.userId) ?? '—';

  return (
    <Panel
      title={t('session.speakersTitle')}
      headingId="speakers-heading"
      testId="speakers"
      className="speakers-panel"
      aside={
        <span className="panel__count" data-testid="speakers-waiting-count">
          {t('session.waitingCount', { count: waiting.length })}
        </span>
      }
    >
      {speaking && (
        <div className="speaker-now" data-testid="speaker-now" data-user-id={speaking.userId}>
          <span className="speaker-now__label">{t('session.speaking')}</span>
          <span className="speaker-now__name" data-testid="speaker-now-name">
            {nameOf(speaking)}
          </span>
          <SpeakerTime speech={speaking} />
          {runs && (
            <div className="speaker-now__actions">
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() =>
                  void run('speaker:set-time', {
                    meetingId,
                    limitSeconds: Math.min(3600, (speaking.limitSeconds ?? 0) + 60),
                  })
                }
                data-testid="speaker-add-minute"
              >
                {t('session.addMinute')}
              </button>
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => void run('speaker:end', { meetingId })}
                data-testid="speaker-end"
              >
                {t('session.endSpeech')}
              </button>
            </div>
          )}
        </div>
      )}
      {runs && waiting.length > 0 && <SpeakingTimeSelect value={limitSeconds} onChange={setLimitSeconds} />}
      {waiting.length === 0 && !speaking ? (
        <p className="empty" data-testid="speakers-empty">
          {t('session.speakersEmpty')}
        </p>
      ) : (
        <ol className="speaker-queue" data-testid="speaker-queue">
          {waiting.map((request, index) => (
            <SpeakerRow
              key={request.id}
              request={request}
              name={nameOf(request)}
              itemNumber={request.agendaItemId ? numbers.get(request.agendaItemId) : undefined}
              isMe={request.userId === userId}
              controls={
                runs
                  ? {
                      busy,
                      first: index === 0,
                      last: index === waiting.length - 1,
                      give: () => void run('speaker:give-floor', { meetingId, requestId: request.id, limitSeconds }),
                      move: (to) => void run('speaker:move', { meetingId, requestId: request.id, index: to }),
                      remove: () => void run('speaker:remove', { meetingId, requestId: request.id }),
                      index,
                    }
                  : undefined
              }
            />
          ))}
        </ol>
      )}
      <ErrorMessage error={error} testId="speakers-error" />
      {mayRequest && <MyFloorRequest meetingId={meetingId} userId={userId} speakers={state.speakers} />}
    </Panel>
  );
}
