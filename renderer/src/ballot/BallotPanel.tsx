import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from 'uuidv7';
import { AttendanceButton } from '../attendance/AttendanceButton.js';
import { useClient, useClientState } from '../client/ClientContext.js';
import { useCommand } from '../client/use-command.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Countdown } from '../votes/Countdown.js';
import { useAgendaItemText } from '../votes/use-vote-text.js';
import { viewOf, type BallotDue } from './ballot-queue.js';
import { BallotDone } from './BallotDone.js';
import { useBallots } from './BallotContext.js';
import { CandidateBallot } from './CandidateBallot.js';
import { QuestionBallot } from './QuestionBallot.js';

interface Props {
  due: BallotDue;
  userId: string;
  /** Other ballots waiting behind this one. */
  others: number;
}

/** The ballot in front of everything, wherever the person is in the app. */
export function BallotPanel({ due, userId, others }: Props) {
  const { t } = useTranslation();
  const { update } = useBallots();
  const { run, busy, error: answer, clearError } = useCommand();
  const client = useClient();
  const { rejected } = useClientState();
  const { vote, meeting, meetingId, local } = due;
  // A ballot queued offline and refused on replay: said here, where it was cast.
  const refusal = local?.commandId ? rejected.find((r) => r.commandId === local.commandId) : undefined;
  const error = answer ?? refusal?.error ?? local?.refusal ?? null;
  const itemText = useAgendaItemText(meeting.agenda)(vote.agendaItemId);
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const present = meeting.participants.find((p) => p.userId === userId)?.present ?? false;
  // A check-in queued offline, until the server's state says present (or absent again).
  const [checkInSent, setCheckInSent] = useState(false);
  // The server counts only ballots of members present: the options wait for the check-in.
  const canVote = present || checkInSent;
  useEffect(() => {
    if (present) setCheckInSent(false);
  }, [present]);
  const view = viewOf(due, refusal !== undefined);

  // The ballot keeps the refusal and the core forgets it, so it is not said again as a notice.
  useEffect(() => {
    if (!refusal) return;
    update(vote.id, { phase: 'failed', refusal: refusal.error });
    void client.dismissRejected(refusal.commandId);
  }, [refusal, update, vote.id, client]);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    heading.current?.focus();
    return () => el?.close();
  }, []);

  /**
   * After checking in: forget the refusal, the next touch is a fresh ballot. A check-in
   * queued offline counts too: the outbox sends it before the ballot that follows it.
   */
  function checkedIn(outcome: 'done' | 'queued') {
    setCheckInSent(outcome === 'queued');
    clearError();
    update(vote.id, { phase: 'choosing', commandId: undefined, refusal: undefined });
  }

  async function cast(choices: string[]) {
    const commandId = uuidv7();
    const outcome = await run('vote:cast', { meetingId, voteId: vote.id, choices, commandId });
    if (outcome === 'failed') update(vote.id, { phase: 'failed', commandId, refusal: undefined });
    else update(vote.id, { phase: outcome === 'done' ? 'recorded' : 'queued', choices, commandId, refusal: undefined });
  }

  const postpone = vote.status === 'open' && view === 'choosing';
  const Ballot = vote.options.type === 'candidates' ? CandidateBallot : QuestionBallot;
  return (
    <dialog
      ref={dialog}
      className="ballot-panel"
      aria-labelledby="ballot-question"
      data-testid="ballot-panel"
      data-vote-id={vote.id}
      data-view={view}
      onCancel={(e) => {
        e.preventDefault();
        update(vote.id, postpone ? { collapsed: true } : { phase: 'dismissed' });
      }}
    >
      <p className="ballot-panel__eyebrow">
        <span>{t('ballot.title')}</span>
        <span>{t('ballot.meeting', { title: meeting.meeting.title })}</span>
      </p>
      <h2
        id="ballot-question"
        ref={heading}
        tabIndex={-1}
        className="ballot-panel__question"
        data-testid="ballot-question"
      >
        {vote.question}
      </h2>
      {itemText && <p className="ballot-panel__item">{itemText}</p>}
      <p
        className={`ballot-panel__kind ballot-panel__kind--${vote.kind}`}
        data-testid="ballot-kind"
        data-kind={vote.kind}
      >
        {t(`vote.kindExplain.${vote.kind}`)}
      </p>
      {vote.status === 'open' && vote.closesAt && <Countdown closesAt={vote.closesAt} testId="ballot-countdown" />}

      {view === 'choosing' ? (
        <div className="ballot-panel__body">
          {!canVote && (
            // Above the options, which stay greyed until then: the one thing to do first.
            <div className="ballot-check-in" role="status" data-testid="ballot-check-in-box">
              <p className="ballot-check-in__text">{t('ballot.notPresent')}</p>
              <AttendanceButton
                meetingId={meetingId}
                userId={userId}
                present={present}
                mode="check-in"
                testId="ballot-check-in"
                onDone={checkedIn}
              />
            </div>
          )}
          <ErrorMessage error={error} testId="ballot-error" />
          <Ballot vote={vote} disabled={busy || !canVote} onCast={(choices) => void cast(choices)} />
          {busy && (
            <p className="ballot-panel__sending" role="status">
              {t('ballot.sending')}
            </p>
          )}
        </div>
      ) : (
        <BallotDone due={due} view={view} error={error} />
      )}

      <div className="ballot-panel__footer">
        {others > 0 && <span className="ballot-panel__more">{t('ballot.more', { n: others })}</span>}
        {postpone ? (
          <button
            type="button"
            className="button"
            data-testid="ballot-later"
            onClick={() => update(vote.id, { collapsed: true })}
          >
            {t('ballot.later')}
          </button>
        ) : (
          <button
            type="button"
            className="button"
            data-testid="ballot-close"
            onClick={() => update(vote.id, { phase: 'dismissed' })}
          >
            {t('common.close')}
          </button>
        )}
      </div>
    </dialog>
  );
}
