import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { typedAside } from '../edit/stale-edit.js';
import { StaleEditNotice } from '../edit/StaleEditNotice.js';
import { useStaleEdit } from '../edit/use-stale-edit.js';
import { formatMeetingTime } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';
import { fieldsOf, toUpdateMeeting, type MeetingFields } from './meeting-form.js';
import { MeetingForm } from './MeetingForm.js';

/**
 * The secretary's edit of a meeting's details. It saves against the version it was opened
 * on: if someone else saved meanwhile, the server refuses (STALE_EDIT) and the form shows
 * the current details, with what this person typed kept beside each field.
 */
export function MeetingEdit({ meeting, onClose }: { meeting: Meeting; onClose(): void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { run, busy, error, clearError } = useCommand();
  const session = useStaleEdit<Meeting, MeetingFields>(meeting);
  const { base, mine } = session;

  async function save(fields: MeetingFields) {
    const update = toUpdateMeeting(base, fields);
    if (!update) {
      onClose();
      return;
    }
    const outcome = await run('meeting:update', update, session.onRefused(fields));
    if (outcome !== 'failed') onClose();
  }

  const aside = mine && !session.restored ? typedAside(mine, fieldsOf(base)) : null;
  return (
    <MeetingForm
      key={session.formKey}
      initial={session.restored && mine ? mine : fieldsOf(base)}
      submitLabel={t('common.save')}
      busy={busy}
      error={error}
      onSubmit={(fields) => void save(fields)}
      onCancel={() => {
        clearError();
        onClose();
      }}
      asides={
        aside
          ? {
              title: aside.title,
              startsAt: aside.startsAt === undefined ? undefined : formatMeetingTime(aside.startsAt, lang),
              place: aside.place,
              organisation: aside.organisation,
            }
          : undefined
      }
      notice={mine && <StaleEditNotice restored={session.restored} onRestore={session.restoreMine} />}
      testId="meeting-edit-form"
    />
  );
}
