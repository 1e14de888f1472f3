import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from 'uuidv7';
import type { MeetingState } from '../../../shared/client/store.js';
import { canCreateMeeting, canInMeeting, mayArchive } from '../../../shared/domain/index.js';
import type { User } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { meetingHref, useHashRoute } from '../client/use-hash-route.js';
import { CheckboxField } from '../components/CheckboxField.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { DateTimeField } from '../components/DateTimeField.js';
import { TextField } from '../components/TextField.js';
import { dateTimePartsOf, readDateTime, type DateProblem } from '../format/date-parts.js';
import { offsetMinutesOf } from '../format/datetime.js';
import { dateProblem, useProblemText } from '../forms/field-rules.js';
import { expectMeeting } from './expected-meetings.js';
import { meetingAccess } from './permissions.js';

type Asking = 'cancel' | 'postpone' | 'archive' | 'copy' | null;

/**
 * The meeting over time, for those who convene and keep it: put it off or call it off (the
 * secretary or the chair, with a reason every participant is shown), archive it, or start the
 * next meeting from it (the secretary). Shown only to whom the permission module allows;
 * the server checks every command again.
 */
export function LifecycleActions({ state, user }: { state: MeetingState; user: User }) {
  const { t } = useTranslation();
  const { go } = useHashRoute();
  const { run, busy, error } = useCommand();
  const { meeting } = state;
  const ctx = meetingAccess(state);
  const [asking, setAsking] = useState<Asking>(null);
  const [reason, setReason] = useState('');
  // The UI's own day/month/year 24-hour picker, not the browser's (which shows its locale's AM/PM).
  const [when, setWhen] = useState(dateTimePartsOf(meeting.startsAt));
  const [tba, setTba] = useState(false);
  const [title, setTitle] = useState(meeting.title);
  const [timeProblem, setTimeProblem] = useState<DateProblem | null>(null);
  const problemText = useProblemText();

  // Offered as the server decides: it refuses to put off a meeting whose session has started,
  // and to archive one still running (session started or a vote unsettled) before it is closed.
  // Calling off a session under way stays (a power cut: the server allows it); while a vote is
  // unsettled the server says to settle it first.
  const open = meeting.status !== 'closed' && meeting.cancellation === null;
  const started = state.session.stage !== 'not-started';
  const unsettledVote = state.votes.some((v) => v.status === 'open' || v.status === 'closed');
  const mayCancel = open && canInMeeting(user, 'meeting:cancel', ctx);
  const mayPostpone = mayCancel && !started;
  const archived = meeting.archivedAt !== null;
  const stillRunning = open && (started || unsettledVote);
  const mayArchiveNow =
    canInMeeting(user, 'meeting:archive', ctx) && (archived || (mayArchive(meeting, new Date()) && !stillRunning));
  const mayCopy = canCreateMeeting(user) && canInMeeting(user, 'meeting:copy', ctx);
  if (!mayPostpone && !mayCancel && !mayArchiveNow && !mayCopy) return null;

  const ask = (what: Asking) => {
    setReason('');
    setTba(false);
    setTimeProblem(null);
    setWhen(dateTimePartsOf(meeting.startsAt));
    setTitle(meeting.title);
    setAsking(what);
  };
  /** The typed time at the meeting's own offset (the room's clock), or null once its problem is shown. */
  const at = (): string | null => {
    const read = readDateTime(when, offsetMinutesOf(meeting.startsAt) ?? undefined);
    if (read.ok) return read.value;
    setTimeProblem(read.problem);
    return null;
  };

  async function confirm() {
    const what = asking;
    const meetingId = meeting.id;
    if (what === 'cancel') {
      setAsking(null);
      await run('meeting:cancel', { meetingId, reason });
    } else if (what === 'postpone') {
      const startsAt = tba ? null : at();
      if (!tba && !startsAt) return;
      setAsking(null);
      await run('meeting:postpone', { meetingId, reason, startsAt });
    } else if (what === 'archive') {
      setAsking(null);
      await run('meeting:archive', { meetingId, archived: !archived });
    } else if (what === 'copy') {
      const startsAt = at();
      if (!startsAt) return;
      setAsking(null);
      const copyId = uuidv7();
      expectMeeting(copyId);
      const outcome = await run('meeting:copy', { meetingId: copyId, sourceMeetingId: meetingId, title, startsAt });
      if (outcome !== 'failed') go(meetingHref(copyId));
    }
  }

  const timeField = (label: string) => (
    <DateTimeField
      label={label}
      value={when}
      onChange={(v) => {
        setWhen(v);
        setTimeProblem(null);
      }}
      error={timeProblem ? problemText(dateProblem(timeProblem)) : null}
      testId="lifecycle-starts-at"
    />
  );
  const reasonField = (
    <TextField
      label={t('meetingLifecycle.reason')}
      value={reason}
      onChange={setReason}
      maxLength={500}
      required
      testId="lifecycle-reason"
    />
  );
  const button = (what: Exclude<Asking, null>, label: string, tone = '') => (
    <button
      type="button"
      className={tone ? `button ${tone}` : 'button'}
      disabled={busy}
      data-testid={`meeting-${what}-button`}
      onClick={() => ask(what)}
    >
      {label}
    </button>
  );
  const titles: Record<Exclude<Asking, null>, [string, string, string]> = {
    cancel: [
      t('meetingLifecycle.cancelConfirmTitle'),
      t('meetingLifecycle.cancelConfirmBody'),
      t('meetingLifecycle.cancel'),
    ],
    postpone: [
      t('meetingLifecycle.postponeConfirmTitle'),
      t('meetingLifecycle.postponeConfirmBody'),
      t('meetingLifecycle.postpone'),
    ],
    archive: archived
      ? [t('meetingLifecycle.unarchive'), '', t('meetingLifecycle.unarchive')]
      : [
          t('meetingLifecycle.archiveConfirmTitle'),
          t('meetingLifecycle.archiveConfirmBody'),
          t('meetingLifecycle.archive'),
        ],
    copy: [t('meetingLifecycle.copyConfirmTitle'), t('meetingLifecycle.copyConfirmBody'), t('meetingLifecycle.copy')],
  };
  const [dialogTitle, body, confirmLabel] = titles[asking ?? 'cancel'];
  const needsReason = asking === 'cancel' || asking === 'postpone';
  return (
    <div className="lifecycle-actions" data-testid="lifecycle-actions">
      {mayPostpone && button('postpone', t('meetingLifecycle.postpone'))}
      {mayCancel && button('cancel', t('meetingLifecycle.cancel'), 'button--danger-quiet')}
      {mayArchiveNow && button('archive', archived ? t('meetingLifecycle.unarchive') : t('meetingLifecycle.archive'))}
      {mayCopy && button('copy', t('meetingLifecycle.copy'))}
      <ErrorMessage error={error} testId="lifecycle-error" />
      {asking !== null && (
        <ConfirmDialog
          open
          title={dialogTitle}
          body={body || undefined}
          confirmLabel={confirmLabel}
          danger={asking === 'cancel'}
          confirmDisabled={(needsReason && reason.trim() === '') || (asking === 'copy' && title.trim() === '')}
          onCancel={() => setAsking(null)}
          onConfirm={() => void confirm()}
        >
          <div className="dialog__fields">
            {needsReason && reasonField}
            {asking === 'postpone' && (
              <CheckboxField
                label={t('meetingLifecycle.toBeAnnounced')}
                checked={tba}
                onChange={setTba}
                testId="lifecycle-tba"
              />
            )}
            {asking === 'postpone' && !tba && timeField(t('meetingLifecycle.newStartsAt'))}
            {asking === 'copy' && (
              <TextField
                label={t('meetingLifecycle.copyTitle')}
                value={title}
                onChange={setTitle}
                maxLength={300}
                required
                testId="lifecycle-copy-title"
              />
            )}
            {asking === 'copy' && timeField(t('meetingLifecycle.copyStartsAt'))}
          </div>
        </ConfirmDialog>
      )}
    </div>
  );
}
