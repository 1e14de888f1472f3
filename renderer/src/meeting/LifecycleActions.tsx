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
import { TextField } from '../components/TextField.js';
import { fromDateTimeLocalValue, offsetMinutesOf, toDateTimeLocalValue } from '../format/datetime.js';
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
  const [when, setWhen] = useState(toDateTimeLocalValue(meeting.startsAt));
  const [tba, setTba] = useState(false);
  const [title, setTitle] = useState(meeting.title);
  const [timeInvalid, setTimeInvalid] = useState(false);

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
    setTimeInvalid(false);
    setWhen(toDateTimeLocalValue(meeting.startsAt));
    setTitle(meeting.title);
    setAsking(what);
  };
  const at = () => fromDateTimeLocalValue(when, offsetMinutesOf(meeting.startsAt) ?? undefined);

  async function confirm() {
    const what = asking;
    const meetingId = meeting.id;
    if (what === 'cancel') {
      setAsking(null);
      await run('meeting:cancel', { meetingId, reason });
    } else if (what === 'postpone') {
      const startsAt = tba ? null : at();
      if (!tba && !startsAt) return setTimeInvalid(true);
      setAsking(null);
      await run('meeting:postpone', { meetingId, reason, startsAt });
    } else if (what === 'archive') {
      setAsking(null);
      await run('meeting:archive', { meetingId, archived: !archived });
    } else if (what === 'copy') {
      const startsAt = at();
      if (!startsAt) return setTimeInvalid(true);
      setAsking(null);
      const copyId = uuidv7();
      expectMeeting(copyId);
      const outcome = await run('meeting:copy', { meetingId: copyId, sourceMeetingId: meetingId, title, startsAt });
      if (outcome !== 'failed') go(meetingHref(copyId));
    }
  }

  const timeField = (label: string) => (
    <TextField
      label={label}
      type="datetime-local"
      value={when}
      onChange={(v) => {
        setWhen(v);
        setTimeInvalid(false);
      }}
      error={timeInvalid ? t('meetingLifecycle.timeInvalid') : null}
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
      {mayCancel && button('cancel', t('meetingLifecycle.cancel'), 'button--danger')}
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
